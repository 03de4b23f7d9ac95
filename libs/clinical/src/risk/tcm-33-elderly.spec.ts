import { RISK_SPEC_REVISION, riskModel } from './registry';
import type { Evaluation, ModelResult } from './risk-model';
import { TCM33_TYPE_ITEMS, TCM_33_ELDERLY } from './tcm-33-elderly';
import type { TcmTypeName } from './tcm-constitutions';

/** 33 answers, all 1 except the given 1-based items. All 1 gives 平和质 21 and every other type 4. */
function form(set: Record<number, number> = {}): number[] {
  return Array.from({ length: 33 }, (_, i) => set[i + 1] ?? 1);
}

/** Answers for a type's four items adding up to `sum` (4–20), for a type sharing no item with 平和质. */
function typeAt(type: TcmTypeName, sum: number): Record<number, number> {
  const items = TCM33_TYPE_ITEMS[type];
  let extra = sum - items.length;
  return Object.fromEntries(
    items.map((item) => {
      const step = Math.min(4, extra);
      extra -= step;
      return [item, 1 + step];
    }),
  );
}

/** 平和质 = 17 (item 1 answered 1, its reversed items 2/4/5/13 answered 2), other types unaffected beyond 8. */
const BALANCED_17 = { 2: 2, 4: 2, 5: 2, 13: 2 };
/** 平和质 = 16. */
const BALANCED_16 = { 2: 3, 4: 2, 5: 2, 13: 2 };

interface TypeRow {
  code: string;
  sum: number;
  judgement: string;
}

function ok(evaluation: Evaluation): ModelResult {
  if (evaluation.status !== 'ok') throw new Error(`refused: ${JSON.stringify(evaluation.refusals)}`);
  return evaluation.result;
}

function evaluate(answers: number[]): ModelResult {
  return ok(TCM_33_ELDERLY.evaluate({ answers, age: 70 }));
}

function row(result: ModelResult, code: string): TypeRow {
  const found = (result.details.types as TypeRow[]).find((t) => t.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

function flagCodes(result: ModelResult): string[] {
  return (result.details.flags as { code: string }[]).map((f) => f.code);
}

function refusals(evaluation: Evaluation): string[] {
  if (evaluation.status !== 'refused') throw new Error('expected a refusal');
  return evaluation.refusals.map((r) => `${r.code} ${r.field}`);
}

describe('TCM-33 elderly form', () => {
  it('is registered as tcm-33-elderly with rule tcm-elderly-33', () => {
    expect(riskModel('tcm-33-elderly')).toBe(TCM_33_ELDERLY);
    expect(TCM_33_ELDERLY).toMatchObject({ ruleId: 'tcm-elderly-33', version: RISK_SPEC_REVISION, resultKind: 'category' });
  });

  it('uses every one of the 33 items, four per 偏颇体质 and five for 平和质', () => {
    const items = Object.values(TCM33_TYPE_ITEMS).flat();
    expect(new Set(items)).toEqual(new Set(Array.from({ length: 33 }, (_, i) => i + 1)));
    expect(Object.values(TCM33_TYPE_ITEMS).map((list) => list.length)).toEqual([5, 4, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('sums raw answers, reversing 平和质 items 2, 4, 5 and 13 only for 平和质', () => {
    const result = evaluate(form({ 1: 5, 2: 5, 3: 5, 4: 5, 14: 5 }));
    expect(row(result, 'pinghe').sum).toBe(5 + 1 + 1 + 5 + 5);
    expect(row(result, 'qixu')).toEqual(expect.objectContaining({ sum: 20, judgement: 'yes' }));
    expect(result.category).toBe('qixu');
    expect(result.inputsUsed).toEqual({ age: 70, answers: form({ 1: 5, 2: 5, 3: 5, 4: 5, 14: 5 }) });
  });

  it.each([
    [8, 'no', 'yes'],
    [9, 'tendency', 'basically_yes'],
    [10, 'tendency', 'basically_yes'],
    [11, 'yes', 'no'],
  ])('偏颇体质 sum %i is %s, and 平和质 21 beside it is %s', (sum, judgement, balanced) => {
    const result = evaluate(form(typeAt('痰湿质', sum)));
    expect(row(result, 'tanshi')).toEqual(expect.objectContaining({ sum, judgement }));
    expect(row(result, 'pinghe')).toEqual(expect.objectContaining({ sum: 21, judgement: balanced }));
  });

  it.each([
    [17, 8, 'yes'],
    [17, 9, 'basically_yes'],
    [17, 10, 'basically_yes'],
    [17, 11, 'no'],
    [16, 8, 'no'],
    [16, 9, 'no'],
    [16, 10, 'no'],
  ])('平和质 %i with the highest other type at %i is %s', (balancedSum, otherSum, judgement) => {
    const result = evaluate(form({ ...(balancedSum === 17 ? BALANCED_17 : BALANCED_16), ...typeAt('湿热质', otherSum) }));
    expect(row(result, 'pinghe')).toEqual(expect.objectContaining({ sum: balancedSum, judgement }));
    const othersMax = Math.max(...(result.details.types as TypeRow[]).filter((t) => t.code !== 'pinghe').map((t) => t.sum));
    expect(othersMax).toBe(otherSum);
  });

  it('concludes 基本是平和质 with tendencies listed, and 平和质 leads even when tendencies tie', () => {
    const result = evaluate(form({ ...typeAt('痰湿质', 9), ...typeAt('湿热质', 10) }));
    expect(result.category).toBe('pinghe');
    expect(result.details.biasedTypes).toEqual(['shire', 'tanshi']);
    expect(result.details.conclusion).toEqual({
      zh: '基本是平和质，有湿热质倾向，有痰湿质倾向',
      en: 'basically balanced constitution; tendency to damp-heat constitution; tendency to phlegm-dampness constitution',
    });
    const tiedTendencies = evaluate(form({ ...typeAt('痰湿质', 9), ...typeAt('湿热质', 9) }));
    expect(tiedTendencies.category).toBe('pinghe');
    expect(flagCodes(tiedTendencies)).toEqual([]);
  });

  it('flags a tie at the top for a TCM physician and names no primary type', () => {
    const result = evaluate(form({ ...typeAt('痰湿质', 11), ...typeAt('湿热质', 11), ...typeAt('特禀质', 9) }));
    expect(result.category).toBeNull();
    expect(result.details.biasedTypes).toEqual(['tanshi', 'shire', 'tebing']);
    expect(result.details.flags).toEqual([
      {
        code: 'TIE_AT_TOP',
        action: 'physician_review',
        types: ['tanshi', 'shire'],
        message: {
          zh: '最高得分的体质并列，请中医师复核',
          en: 'the highest-scoring types are tied; a TCM physician should review',
        },
      },
    ]);
  });

  it('flags 阴虚质 and 阳虚质 both 是 as contradictory, and guides by the higher sum', () => {
    const result = evaluate(form({ ...typeAt('阴虚质', 11), 11: 4, 12: 4, 29: 3 }));
    expect(row(result, 'yangxu')).toEqual(expect.objectContaining({ sum: 12, judgement: 'yes' }));
    expect(row(result, 'yinxu')).toEqual(expect.objectContaining({ sum: 11, judgement: 'yes' }));
    expect(result.category).toBe('yangxu');
    expect(flagCodes(result)).toEqual(['CONTRADICTORY_TYPES']);
    expect((result.details.flags as { action: string; types: string[] }[])[0]).toMatchObject({
      action: 'physician_review',
      types: ['yinxu', 'yangxu'],
    });
  });

  it('flags a form on which no type qualifies for checking or repeating', () => {
    const result = evaluate(form({ 2: 3, 4: 3, 5: 3, 13: 3 }));
    expect(row(result, 'pinghe')).toEqual(expect.objectContaining({ sum: 13, judgement: 'no' }));
    expect(row(result, 'qixu')).toEqual(expect.objectContaining({ sum: 8, judgement: 'no' }));
    expect(result.category).toBeNull();
    expect(result.details.conclusion).toEqual({ zh: '未达到任何体质的判定标准', en: 'no constitution type meets its criteria' });
    expect(result.details.flags).toEqual([expect.objectContaining({ code: 'NO_TYPE_QUALIFIES', action: 'recheck_answers' })]);
  });

  describe('refusals', () => {
    it('is for people aged 65 or over, age required', () => {
      expect(refusals(TCM_33_ELDERLY.evaluate({ answers: form(), age: 64 }))).toEqual(['NOT_APPLICABLE age']);
      expect(ok(TCM_33_ELDERLY.evaluate({ answers: form(), age: 65 })).category).toBe('pinghe');
      expect(refusals(TCM_33_ELDERLY.evaluate({ answers: form() }))).toEqual(['MISSING_INPUT age']);
    });

    it('refuses missing, non-integer, out-of-scale and surplus answers', () => {
      expect(refusals(TCM_33_ELDERLY.evaluate({ age: 70 }))).toEqual(['MISSING_INPUT answers']);
      expect(refusals(TCM_33_ELDERLY.evaluate({ answers: form().slice(0, 32), age: 70 }))).toEqual(['MISSING_INPUT answers[32]']);
      const bad: unknown[] = form();
      bad[0] = 0;
      bad[8] = 6;
      bad[27] = 3.5;
      bad[30] = null;
      expect(refusals(TCM_33_ELDERLY.evaluate({ answers: bad, age: 70 }))).toEqual([
        'OUT_OF_RANGE answers[0]',
        'OUT_OF_RANGE answers[8]',
        'OUT_OF_RANGE answers[27]',
        'MISSING_INPUT answers[30]',
      ]);
      expect(refusals(TCM_33_ELDERLY.evaluate({ answers: [...form(), 1], age: 70 }))).toEqual(['OUT_OF_RANGE answers']);
    });
  });
});
