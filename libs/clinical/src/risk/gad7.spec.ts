import { GAD7 } from './gad7';
import { RISK_SPEC_REVISION, riskModel } from './registry';
import type { Evaluation, ModelResult, Refusal } from './risk-model';

/** Seven answers adding up to `total`, filled from item 1. */
function answersWithTotal(total: number): number[] {
  return Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

function ok(evaluation: Evaluation): ModelResult {
  if (evaluation.status !== 'ok') throw new Error(`refused: ${JSON.stringify(evaluation.refusals)}`);
  return evaluation.result;
}

function refusals(evaluation: Evaluation): string[] {
  if (evaluation.status !== 'refused') throw new Error('expected a refusal');
  return evaluation.refusals.map((r: Refusal) => `${r.code} ${r.field}`);
}

describe('GAD-7', () => {
  it('is registered under its calculator name with the spec revision', () => {
    expect(riskModel('gad7')).toBe(GAD7);
    expect(GAD7).toMatchObject({ ruleId: 'gad7', version: RISK_SPEC_REVISION, resultKind: 'points' });
  });

  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'severe', true],
    [21, 'severe', true],
  ])('total %i is %s, positive screen %s', (total, band, positive) => {
    const answers = answersWithTotal(total);
    expect(answers.reduce((a, b) => a + b, 0)).toBe(total);
    const result = ok(GAD7.evaluate({ answers }));
    expect(result).toMatchObject({ value: total, display: `${total} 分`, category: band, details: { positiveScreen: positive } });
  });

  it('labels bands in zh and en and records the answers used', () => {
    const answers = [3, 3, 3, 3, 3, 0, 0];
    const result = ok(GAD7.evaluate({ answers, age: 65 }));
    expect(result).toMatchObject({
      model: 'gad7',
      ruleId: 'gad7',
      value: 15,
      category: 'severe',
      categoryLabel: { zh: '重度', en: 'severe' },
      inputsUsed: { answers, age: 65 },
    });
  });

  it('refuses missing, non-integer, out-of-scale and surplus answers, never prorating', () => {
    expect(refusals(GAD7.evaluate({}))).toEqual(['MISSING_INPUT answers']);
    expect(refusals(GAD7.evaluate({ answers: [0, 1, 2, 3, 0, 1] }))).toEqual(['MISSING_INPUT answers[6]']);
    expect(refusals(GAD7.evaluate({ answers: [0, 1, null, 3, 0.5, 1, 9] }))).toEqual([
      'MISSING_INPUT answers[2]',
      'OUT_OF_RANGE answers[4]',
      'OUT_OF_RANGE answers[6]',
    ]);
    expect(refusals(GAD7.evaluate({ answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] }))).toEqual(['OUT_OF_RANGE answers']);
  });

  it('is for adults when age is given', () => {
    expect(refusals(GAD7.evaluate({ answers: answersWithTotal(3), age: 12 }))).toEqual(['NOT_APPLICABLE age']);
    expect(ok(GAD7.evaluate({ answers: answersWithTotal(3), age: 18 })).category).toBe('minimal');
  });
});
