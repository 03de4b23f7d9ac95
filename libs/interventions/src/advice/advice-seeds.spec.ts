import { conditionProblems, evaluateCondition, factPathsOf } from '@health/archives';
import { ADVICE_CATEGORIES } from './advice-category';
import { ADVICE_SEEDS, SEEDED_TAG_NAMES } from './advice-seeds';

/** The tag names each seed's condition asks about (`{"in":[name,{"var":"tags"}]}`). */
function tagsRead(condition: unknown): string[] {
  return JSON.stringify(condition)
    .match(/\{"in":\["([^"]+)",\{"var":"tags"\}\]\}/g)!
    .map((m) => JSON.parse(m).in[0]);
}

describe('seeded advice library', () => {
  it('is a modest library with unique keys and texts, in every category', () => {
    expect(ADVICE_SEEDS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ADVICE_SEEDS.map((s) => s.seedKey)).size).toBe(ADVICE_SEEDS.length);
    expect(new Set(ADVICE_SEEDS.map((s) => s.textZh)).size).toBe(ADVICE_SEEDS.length);
    expect(new Set(ADVICE_SEEDS.map((s) => s.category))).toEqual(new Set(ADVICE_CATEGORIES));
  });

  it('every condition passes the rule validator and reads only tags or age', () => {
    for (const seed of ADVICE_SEEDS) {
      expect({ key: seed.seedKey, problems: conditionProblems(seed.condition) }).toEqual({ key: seed.seedKey, problems: [] });
      for (const path of factPathsOf(seed.condition)) expect(['tags', 'age']).toContain(path);
    }
  });

  it('covers every seeded tag, and reads no other tag name', () => {
    const read = new Set(
      ADVICE_SEEDS.filter((s) => factPathsOf(s.condition).includes('tags')).flatMap((s) => tagsRead(s.condition)),
    );
    expect([...read].sort()).toEqual([...SEEDED_TAG_NAMES].sort());
  });

  it('general advice holds for every adult with a known age and for nobody else', () => {
    const general = ADVICE_SEEDS.filter((s) => factPathsOf(s.condition).includes('age'));
    expect(general.length).toBeGreaterThanOrEqual(2);
    for (const seed of general) {
      expect(evaluateCondition(seed.condition as never, { age: 45, tags: [] })).toBe(true);
      expect(evaluateCondition(seed.condition as never, { age: 12, tags: [] })).toBe(false);
      expect(evaluateCondition(seed.condition as never, { age: null, tags: [] })).toBe(false);
    }
  });

  it('tag advice holds exactly when one of its tags is present', () => {
    const salt = ADVICE_SEEDS.find((s) => s.seedKey === 'blood-pressure.salt')!;
    expect(evaluateCondition(salt.condition as never, { tags: ['正常高值血压'] })).toBe(true);
    expect(evaluateCondition(salt.condition as never, { tags: ['糖尿病'] })).toBe(false);
  });

  it('medical advice sends the client to a doctor, and no text names a drug or a dose', () => {
    for (const seed of ADVICE_SEEDS.filter((s) => s.category === 'medical')) expect(seed.textZh).toMatch(/咨询医生|医生/);
    for (const seed of ADVICE_SEEDS) expect(seed.textZh).not.toMatch(/毫克|mg|片|服用|药物/);
  });
});
