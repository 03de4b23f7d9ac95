import { DomainError } from '@health/core';
import {
  byPriority,
  hasChanges,
  itemChanges,
  regenerationPlan,
  staffEditPlan,
  type AdviceItem,
  type AdvicePlan,
  type MatchingTemplate,
} from './advice-plan';

function template(id: string, priority: number, category: MatchingTemplate['category'] = 'diet'): MatchingTemplate {
  return { id, version: 1, category, textZh: `建议${id}`, textEn: `Advice ${id}`, priority };
}

/** Turns a plan into stored items, as the repository would (new items get ids n1, n2, …). */
function store(plan: AdvicePlan): AdviceItem[] {
  let n = 0;
  return plan.items.map((i) => ({ ...i, id: i.id ?? `n${++n}` }));
}

function visibleTexts(items: readonly AdviceItem[]): string[] {
  return items
    .filter((i) => !i.hidden)
    .sort((a, b) => a.position - b.position)
    .map((i) => i.textZh);
}

const priorities = (templates: MatchingTemplate[]) => new Map(templates.map((t) => [t.id, t.priority]));

describe('regenerationPlan', () => {
  const a = template('A', 80);
  const b = template('B', 60, 'exercise');
  const c = template('C', 40, 'medical');
  const d = template('D', 70, 'mental');
  const all = [a, b, c, d];

  it('a fresh set is the matching templates by priority, then category order', () => {
    const tie = template('E', 60, 'diet');
    const matching = [b, c, a, tie].sort(byPriority);
    const set = store(regenerationPlan([], matching, priorities([...all, tie])));
    expect(visibleTexts(set)).toEqual(['建议A', '建议E', '建议B', '建议C']);
    expect(set.map((i) => i.position)).toEqual([0, 1, 2, 3]);
  });

  it('drops a template whose Chinese text is already in the set', () => {
    const twin = { ...template('T', 10), textZh: '建议A' };
    const set = store(regenerationPlan([], [a, twin], priorities([a, twin])));
    expect(visibleTexts(set)).toEqual(['建议A']);
  });

  it('twice with the same templates changes nothing', () => {
    const set = store(regenerationPlan([], [a, b, c], priorities(all)));
    const again = itemChanges(set, regenerationPlan(set, [a, b, c], priorities(all)));
    expect(hasChanges(again)).toBe(false);
  });

  it('keeps edits, staff items, order and hidden items; removes unedited items whose template stopped matching', () => {
    const set = store(regenerationPlan([], [a, b, c], priorities(all)));
    const [itemA, itemB, itemC] = set;
    const edited = staffEditPlan(set, [
      { id: itemC.id, category: 'medical', textZh: '请尽快就医（已修改）' },
      { category: 'diet', textZh: '少喝奶茶' },
      { id: itemA.id, category: 'diet', textZh: itemA.textZh, textEn: itemA.textEn },
    ]);
    const afterEdit = store(edited);
    expect(afterEdit.find((i) => i.id === itemB.id)!.hidden).toBe(true);

    // A and C stop matching, B still matches, D starts to.
    const plan = regenerationPlan(afterEdit, [b, d], priorities(all));
    const next = store(plan);
    expect(plan.removed).toEqual([itemA.id]);
    // D (priority 70) goes before C: an edited template item keeps its template's priority (40).
    expect(visibleTexts(next)).toEqual(['建议D', '请尽快就医（已修改）', '少喝奶茶']);
    expect(next.find((i) => i.id === itemB.id)).toMatchObject({ hidden: true });
    expect(next.find((i) => i.id === itemC.id)).toMatchObject({ edited: true, textZh: '请尽快就医（已修改）' });
  });

  it('inserts a newly matching template before the first visible template item of lower priority', () => {
    const set = store(regenerationPlan([], [a, b, c], priorities(all)));
    const next = store(regenerationPlan(set, [a, b, c, d], priorities(all)));
    expect(visibleTexts(next)).toEqual(['建议A', '建议D', '建议B', '建议C']);
  });

  it('an unedited item follows its template’s new text and version', () => {
    const set = store(regenerationPlan([], [a], priorities(all)));
    const changed = { ...a, version: 2, textZh: '新的建议A' };
    const changes = itemChanges(set, regenerationPlan(set, [changed], priorities(all)));
    expect(changes.updates).toEqual([expect.objectContaining({ id: set[0].id, textZh: '新的建议A', templateVersion: 2 })]);
  });
});

describe('staffEditPlan', () => {
  const a = template('A', 80);
  const b = template('B', 60);
  const set = store(regenerationPlan([], [a, b], priorities([a, b])));

  it('reorders without marking anything edited', () => {
    const plan = staffEditPlan(set, [
      { id: set[1].id, category: 'diet', textZh: set[1].textZh, textEn: set[1].textEn },
      { id: set[0].id, category: 'diet', textZh: set[0].textZh, textEn: set[0].textEn },
    ]);
    expect(plan.items.map((i) => [i.id, i.position, i.edited])).toEqual([
      [set[1].id, 0, false],
      [set[0].id, 1, false],
    ]);
  });

  it('shows a hidden item again when it is listed', () => {
    const hidden = store(staffEditPlan(set, [{ id: set[0].id, category: 'diet', textZh: set[0].textZh, textEn: set[0].textEn }]));
    expect(hidden.filter((i) => i.hidden).map((i) => i.id)).toEqual([set[1].id]);
    const back = staffEditPlan(hidden, [
      { id: set[1].id, category: 'diet', textZh: set[1].textZh, textEn: set[1].textEn },
      { id: set[0].id, category: 'diet', textZh: set[0].textZh, textEn: set[0].textEn },
    ]);
    expect(back.items.every((i) => !i.hidden)).toBe(true);
  });

  it('refuses unknown and repeated ids', () => {
    const unknown = () => staffEditPlan(set, [{ id: '00000000-0000-4000-8000-000000000000', category: 'diet', textZh: 'x' }]);
    expect(unknown).toThrow(DomainError);
    expect(unknown).toThrow(expect.objectContaining({ code: 'ADVICE_ITEM_UNKNOWN' }));
    const twice = () =>
      staffEditPlan(set, [
        { id: set[0].id, category: 'diet', textZh: 'x' },
        { id: set[0].id, category: 'diet', textZh: 'y' },
      ]);
    expect(twice).toThrow(expect.objectContaining({ code: 'ADVICE_ITEM_DUPLICATE' }));
  });
});
