import { PHQ9 } from './phq9';
import { RISK_MODELS, RISK_SPEC_REVISION, riskModel } from './registry';
import type { Evaluation, ModelResult, Refusal } from './risk-model';

/** Nine answers adding up to `total`, with item 9 set to `item9` (0 unless needed) and the rest filled from item 1. */
function answersWithTotal(total: number, item9 = Math.max(0, total - 24)): number[] {
  const answers = Array<number>(9).fill(0);
  answers[8] = item9;
  let left = total - item9;
  for (let i = 0; i < 8 && left > 0; i++) {
    answers[i] = Math.min(3, left);
    left -= answers[i];
  }
  if (left !== 0) throw new Error(`cannot build a total of ${total}`);
  return answers;
}

function ok(evaluation: Evaluation): ModelResult {
  if (evaluation.status !== 'ok') throw new Error(`refused: ${JSON.stringify(evaluation.refusals)}`);
  return evaluation.result;
}

function refused(evaluation: Evaluation): { refusals: Refusal[]; details?: Record<string, unknown> } {
  if (evaluation.status !== 'refused') throw new Error('expected a refusal');
  return evaluation;
}

function codes(refusals: Refusal[]): string[] {
  return refusals.map((r) => `${r.code} ${r.field}`);
}

describe('PHQ-9', () => {
  it('is registered under its calculator name with the spec revision', () => {
    expect(riskModel('phq9')).toBe(PHQ9);
    expect(RISK_MODELS).toContain(PHQ9);
    expect(PHQ9.ruleId).toBe('phq9');
    expect(PHQ9.version).toBe(RISK_SPEC_REVISION);
  });

  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'moderately_severe', true],
    [19, 'moderately_severe', true],
    [20, 'severe', true],
    [27, 'severe', true],
  ])('total %i is %s, positive screen %s', (total, band, positive) => {
    const result = ok(PHQ9.evaluate({ answers: answersWithTotal(total) }));
    expect(result.value).toBe(total);
    expect(result.category).toBe(band);
    expect(result.details.positiveScreen).toBe(positive);
  });

  it('returns the total with its display, zh/en band label and the answers used', () => {
    const answers = [1, 2, 1, 0, 3, 1, 1, 2, 0];
    const result = ok(PHQ9.evaluate({ answers, age: 40 }));
    expect(result).toMatchObject({
      model: 'phq9',
      ruleId: 'phq9',
      version: RISK_SPEC_REVISION,
      value: 11,
      unit: '分',
      display: '11 分',
      category: 'moderate',
      categoryLabel: { zh: '中度', en: 'moderate' },
      details: { positiveScreen: true, safetyFlag: false },
      inputsUsed: { answers, age: 40 },
      warnings: [],
    });
  });

  describe('item-9 safety flag', () => {
    it('is raised by item 9 > 0 even when the total is minimal', () => {
      const result = ok(PHQ9.evaluate({ answers: answersWithTotal(1, 1) }));
      expect(result.category).toBe('minimal');
      expect(result.details).toEqual({ positiveScreen: false, safetyFlag: true });
    });

    it('is not raised when item 9 is 0, whatever the total', () => {
      expect(ok(PHQ9.evaluate({ answers: answersWithTotal(24) })).details.safetyFlag).toBe(false);
    });

    it('survives the refusal of an incomplete form', () => {
      const answers: (number | null)[] = answersWithTotal(3, 2);
      answers[2] = null;
      const evaluation = refused(PHQ9.evaluate({ answers }));
      expect(codes(evaluation.refusals)).toEqual(['MISSING_INPUT answers[2]']);
      expect(evaluation.details).toEqual({ safetyFlag: true });
    });

    it('survives a form that is too short, or another bad answer', () => {
      const short = refused(PHQ9.evaluate({ answers: [0, 0, 0, 0, 0, 0, 0, 0] }));
      expect(short.details).toBeUndefined();
      const outOfScale = refused(PHQ9.evaluate({ answers: [4, 0, 0, 0, 0, 0, 0, 0, 1] }));
      expect(codes(outOfScale.refusals)).toEqual(['OUT_OF_RANGE answers[0]']);
      expect(outOfScale.details).toEqual({ safetyFlag: true });
    });

    it('survives the refusal of a minor', () => {
      const evaluation = refused(PHQ9.evaluate({ answers: answersWithTotal(3, 3), age: 16 }));
      expect(codes(evaluation.refusals)).toEqual(['NOT_APPLICABLE age']);
      expect(evaluation.details).toEqual({ safetyFlag: true });
    });

    it('is not claimed on a refused form whose item 9 is 0 or itself unusable', () => {
      expect(refused(PHQ9.evaluate({ answers: [null, 0, 0, 0, 0, 0, 0, 0, 0] })).details).toBeUndefined();
      expect(refused(PHQ9.evaluate({ answers: [0, 0, 0, 0, 0, 0, 0, 0, 1.5] })).details).toBeUndefined();
    });
  });

  describe('refusals (never prorated)', () => {
    it('refuses missing answers', () => {
      expect(codes(refused(PHQ9.evaluate({})).refusals)).toEqual(['MISSING_INPUT answers']);
      expect(codes(refused(PHQ9.evaluate({ answers: null })).refusals)).toEqual(['MISSING_INPUT answers']);
    });

    it('refuses answers that are not a list', () => {
      expect(codes(refused(PHQ9.evaluate({ answers: { 0: 1 } })).refusals)).toEqual(['OUT_OF_RANGE answers']);
      expect(codes(refused(PHQ9.evaluate({ answers: '000000000' })).refusals)).toEqual(['OUT_OF_RANGE answers']);
    });

    it('refuses each unanswered item on its own field, including items past the end of a short list', () => {
      const evaluation = refused(PHQ9.evaluate({ answers: [1, undefined, 1, 1, null, 1, 1] }));
      expect(codes(evaluation.refusals)).toEqual([
        'MISSING_INPUT answers[1]',
        'MISSING_INPUT answers[4]',
        'MISSING_INPUT answers[7]',
        'MISSING_INPUT answers[8]',
      ]);
      expect(evaluation.refusals[0].message).toEqual({ zh: '答案第2题未作答', en: 'answers item 2 is not answered' });
    });

    it('refuses non-integer and out-of-scale answers with the scale in the message, never the answer', () => {
      const evaluation = refused(PHQ9.evaluate({ answers: [1.5, '2', -1, 4, true, 0, 0, 0, 0] }));
      expect(codes(evaluation.refusals)).toEqual([
        'OUT_OF_RANGE answers[0]',
        'OUT_OF_RANGE answers[1]',
        'OUT_OF_RANGE answers[2]',
        'OUT_OF_RANGE answers[3]',
        'OUT_OF_RANGE answers[4]',
      ]);
      expect(evaluation.refusals[3].message).toEqual({
        zh: '答案第4题的答案必须是 0–3 的整数',
        en: 'answers item 4 must be an integer from 0 to 3',
      });
    });

    it('refuses a tenth answer: the difficulty question is not part of the score', () => {
      const evaluation = refused(PHQ9.evaluate({ answers: [...answersWithTotal(5), 1] }));
      expect(codes(evaluation.refusals)).toEqual(['OUT_OF_RANGE answers']);
      expect(evaluation.refusals[0].message.en).toBe('answers must contain exactly 9 answers, got 10');
    });

    it('is for adults: age under 18 is not applicable, 18 and a missing age are scored', () => {
      expect(codes(refused(PHQ9.evaluate({ answers: answersWithTotal(5), age: 17 })).refusals)).toEqual(['NOT_APPLICABLE age']);
      expect(ok(PHQ9.evaluate({ answers: answersWithTotal(5), age: 18 })).category).toBe('mild');
      expect(ok(PHQ9.evaluate({ answers: answersWithTotal(5) })).inputsUsed).toEqual({ answers: answersWithTotal(5) });
      expect(codes(refused(PHQ9.evaluate({ answers: answersWithTotal(5), age: 40.5 })).refusals)).toEqual(['OUT_OF_RANGE age']);
    });
  });
});
