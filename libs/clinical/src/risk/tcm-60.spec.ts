import { RISK_SPEC_REVISION, riskModel } from './registry';
import type { Evaluation, ModelResult } from './risk-model';
import { TCM_60, judgeTcm60, tcm60TransformedScore } from './tcm-60';
import { TCM60_ITEMS, tcm60ItemCount, tcm60Questions } from './tcm-60-items';
import { TCM_TYPES, summariseConstitution, type TcmTypeName } from './tcm-constitutions';

type Answers = Record<TcmTypeName, number[]>;

/**
 * Answers built for the standard's 示例1 (平和75, 气虚56, 阳虚27, 阴虚25, 痰湿12, 湿热15, 血瘀20,
 * 气郁18, 特禀10). Not every published score can occur (n = 7 gives multiples of 3.57), so each is
 * the nearest reachable one on the same side of every threshold. Shared items agree.
 */
const EXAMPLE_1: Answers = {
  平和质: [5, 5, 5, 1, 1, 5, 1, 1], // 75
  气虚质: [5, 3, 3, 3, 3, 2, 5, 2], // 56.25
  阳虚质: [3, 2, 2, 1, 3, 2, 2], // 28.57
  阴虚质: [2, 2, 2, 2, 2, 2, 2, 2], // 25
  痰湿质: [2, 2, 2, 2, 1, 1, 1, 1], // 12.5
  湿热质: [2, 2, 2, 2, 1, 1], // 16.67
  血瘀质: [2, 2, 2, 2, 2, 1, 2], // 21.43
  气郁质: [1, 2, 2, 2, 2, 2, 1], // 17.86
  特禀质: [2, 2, 2, 1, 1, 1, 1], // 10.71
};

/** The same for 示例2 (平和75, 气虚16, 阳虚27, 阴虚25, 痰湿32, 湿热25, 血瘀10, 气郁18, 特禀10). */
const EXAMPLE_2: Answers = {
  平和质: [5, 1, 1, 1, 3, 5, 4, 4], // 75
  气虚质: [1, 2, 2, 2, 2, 2, 1, 1], // 15.63
  阳虚质: [2, 2, 2, 3, 2, 2, 2], // 28.57
  阴虚质: [2, 2, 2, 2, 2, 2, 2, 2], // 25
  痰湿质: [3, 3, 3, 3, 2, 2, 1, 1], // 31.25
  湿热质: [2, 2, 2, 2, 2, 2], // 25
  血瘀质: [1, 1, 1, 1, 1, 4, 1], // 10.71
  气郁质: [1, 2, 2, 2, 2, 2, 1], // 17.86
  特禀质: [2, 2, 2, 1, 1, 1, 1], // 10.71
};

function uniform(answer: number): Answers {
  return Object.fromEntries(TCM_TYPES.map((t) => [t.name, Array(tcm60ItemCount(t.name)).fill(answer)])) as Answers;
}

function withAnswer(answers: Answers, type: TcmTypeName, index: number, answer: unknown): Record<string, unknown[]> {
  const copy: Record<string, unknown[]> = structuredClone(answers);
  copy[type][index] = answer;
  return copy;
}

function scores(values: number[]): Record<TcmTypeName, number> {
  return Object.fromEntries(TCM_TYPES.map((t, i) => [t.name, values[i]])) as Record<TcmTypeName, number>;
}

function judgements(values: number[]): string[] {
  return judgeTcm60(scores(values)).map((j) => `${j.type.code}:${j.judgement}`);
}

function ok(evaluation: Evaluation): ModelResult {
  if (evaluation.status !== 'ok') throw new Error(`refused: ${JSON.stringify(evaluation.refusals)}`);
  return evaluation.result;
}

function refusals(evaluation: Evaluation): string[] {
  if (evaluation.status !== 'refused') throw new Error('expected a refusal');
  return evaluation.refusals.map((r) => `${r.code} ${r.field}`);
}

describe('TCM-60 judgement on published scores', () => {
  it('示例1: 气虚质 ≥ 40 rules out 平和质 though it scores 75; result 是气虚质', () => {
    const judged = judgeTcm60(scores([75, 56, 27, 25, 12, 15, 20, 18, 10]));
    expect(judged.map((j) => j.judgement)).toEqual(['no', 'yes', 'no', 'no', 'no', 'no', 'no', 'no', 'no']);
    const summary = summariseConstitution(judged);
    expect(summary.primary?.code).toBe('qixu');
    expect(summary.biasedTypes).toEqual(['qixu']);
    expect(summary.conclusion.zh).toBe('是气虚质');
  });

  it('示例2: 基本是平和质, 有痰湿质倾向', () => {
    const judged = judgeTcm60(scores([75, 16, 27, 25, 32, 25, 10, 18, 10]));
    expect(judged.map((j) => j.judgement)).toEqual(['basically_yes', 'no', 'no', 'no', 'tendency', 'no', 'no', 'no', 'no']);
    const summary = summariseConstitution(judged);
    expect(summary.primary?.code).toBe('pinghe');
    expect(summary.biasedTypes).toEqual(['tanshi']);
    expect(summary.conclusion).toEqual({
      zh: '基本是平和质，有痰湿质倾向',
      en: 'basically balanced constitution; tendency to phlegm-dampness constitution',
    });
  });
});

describe('TCM-60 judgement boundaries', () => {
  const others = (value: number) => [value, value, value, value, value, value, value, value];

  it('平和质: ≥ 60 with every other < 30 is 是, < 40 基本是, otherwise 否', () => {
    expect(judgements([60, ...others(29.99)])[0]).toBe('pinghe:yes');
    expect(judgements([60, 30, ...others(0).slice(1)])[0]).toBe('pinghe:basically_yes');
    expect(judgements([60, 39.99, ...others(0).slice(1)])[0]).toBe('pinghe:basically_yes');
    expect(judgements([60, 40, ...others(0).slice(1)])[0]).toBe('pinghe:no');
    expect(judgements([59.99, ...others(0)])[0]).toBe('pinghe:no');
  });

  it('偏颇体质: [40, 100] 是, [30, 40) 倾向是, [0, 30) 否', () => {
    expect(judgements([0, 100, 40, 39.99, 30, 29.99, 0, 0, 0]).slice(1, 6)).toEqual([
      'qixu:yes',
      'yangxu:yes',
      'yinxu:tendency',
      'tanshi:tendency',
      'shire:no',
    ]);
  });

  it('applies the floating-point guard before comparing', () => {
    expect(judgements([0, 39.9999999999, 29.9999999999, 0, 0, 0, 0, 0, 0]).slice(1, 3)).toEqual(['qixu:yes', 'yangxu:tendency']);
  });
});

describe('TCM-60 calculator', () => {
  it('is registered under tcm-60 with rule tcm-60 and the spec revision', () => {
    expect(riskModel('tcm-60')).toBe(TCM_60);
    expect(TCM_60).toMatchObject({ ruleId: 'tcm-60', version: RISK_SPEC_REVISION, resultKind: 'category' });
  });

  it('scores 示例1 answers to 是气虚质, with unrounded 转化分 and two-decimal display', () => {
    const result = ok(TCM_60.evaluate({ answers: EXAMPLE_1, sex: 'female' }));
    expect(result).toMatchObject({
      model: 'tcm-60',
      value: null,
      display: null,
      category: 'qixu',
      categoryLabel: { zh: '气虚质', en: 'qi-deficiency constitution' },
    });
    const types = result.details.types as { code: string; transformedScore: number; display: string; judgement: string }[];
    expect(types.map((t) => t.display)).toEqual([
      '75.00',
      '56.25',
      '28.57',
      '25.00',
      '12.50',
      '16.67',
      '21.43',
      '17.86',
      '10.71',
    ]);
    expect(types[2].transformedScore).toBeCloseTo(200 / 7, 12);
    expect(types.map((t) => t.judgement)).toEqual(['no', 'yes', 'no', 'no', 'no', 'no', 'no', 'no', 'no']);
    expect(result.details.biasedTypes).toEqual(['qixu']);
    expect(result.details.conclusion).toEqual({ zh: '是气虚质', en: 'qi-deficiency constitution' });
    expect(result.inputsUsed).toEqual({ sex: 'female', answers: EXAMPLE_1 });
  });

  it('scores 示例2 answers to 基本是平和质, 有痰湿质倾向', () => {
    const result = ok(TCM_60.evaluate({ answers: EXAMPLE_2, sex: 'male', age: 45 }));
    expect(result.category).toBe('pinghe');
    expect((result.details.types as { display: string }[]).map((t) => t.display)).toEqual([
      '75.00',
      '15.63',
      '28.57',
      '25.00',
      '31.25',
      '25.00',
      '10.71',
      '17.86',
      '10.71',
    ]);
    expect(result.details.biasedTypes).toEqual(['tanshi']);
    expect((result.details.conclusion as { zh: string }).zh).toBe('基本是平和质，有痰湿质倾向');
  });

  it('reverses 平和质 items (2)(3)(4)(5)(7)(8): all answers 1 make 平和质 75 and 是', () => {
    expect(tcm60TransformedScore('平和质', [1, 1, 1, 1, 1, 1, 1, 1], 'male')).toBe(75);
    expect(tcm60TransformedScore('平和质', [5, 1, 1, 1, 1, 5, 1, 1], 'male')).toBe(100);
    const result = ok(TCM_60.evaluate({ answers: uniform(1), sex: 'male' }));
    expect(result.category).toBe('pinghe');
    expect((result.details.conclusion as { zh: string }).zh).toBe('是平和质');
  });

  it('lists every 偏颇体质 judged 是 or 倾向是 by score, and leaves the category empty on a tie at the top', () => {
    const answers = structuredClone(EXAMPLE_1);
    answers.痰湿质 = [3, 3, 3, 3, 2, 2, 1, 1]; // 31.25, tendency
    answers.湿热质 = [5, 5, 5, 5, 2, 2]; // 75: above 气虚质's 56.25
    const ordered = ok(TCM_60.evaluate({ answers, sex: 'female' }));
    expect(ordered.details.biasedTypes).toEqual(['shire', 'qixu', 'tanshi']);
    expect(ordered.category).toBe('shire');
    expect((ordered.details.conclusion as { zh: string }).zh).toBe('是湿热质，是气虚质，有痰湿质倾向');

    const tied = ok(TCM_60.evaluate({ answers: uniform(3), sex: 'female' }));
    expect(tied.category).toBeNull();
    expect(tied.categoryLabel).toBeNull();
    expect(tied.details.tiedAtTop).toEqual(['qixu', 'yangxu', 'yinxu', 'tanshi', 'shire', 'xueyu', 'qiyu', 'tebing']);
  });

  it('has no primary constitution when nothing qualifies', () => {
    const answers = structuredClone(EXAMPLE_2);
    answers.平和质 = [1, 1, 1, 1, 3, 3, 4, 4]; // 56.25: below 60
    answers.痰湿质 = [2, 2, 2, 2, 1, 1, 1, 1];
    const result = ok(TCM_60.evaluate({ answers, sex: 'male' }));
    expect(result.category).toBeNull();
    expect(result.details.biasedTypes).toEqual([]);
    expect(result.details.conclusion).toEqual({ zh: '未达到任何体质的判定标准', en: 'no constitution type meets its criteria' });
  });

  describe('refusals', () => {
    it('refuses a shared item answered differently, on its first appearance', () => {
      const fatigue = TCM_60.evaluate({ answers: withAnswer(EXAMPLE_2, '气虚质', 0, 2), sex: 'male' });
      expect(refusals(fatigue)).toEqual(['OUT_OF_RANGE answers.平和质[1]']);
      if (fatigue.status === 'refused') {
        expect(fatigue.refusals[0].message.zh).toBe('平和质第2题（容易疲乏）与气虚质第1题是同一问题，答案必须相同');
      }
      expect(refusals(TCM_60.evaluate({ answers: withAnswer(EXAMPLE_2, '阳虚质', 4, 5), sex: 'male' }))).toEqual([
        'OUT_OF_RANGE answers.气虚质[4]',
      ]);
      expect(refusals(TCM_60.evaluate({ answers: withAnswer(EXAMPLE_2, '血瘀质', 5, 1), sex: 'male' }))).toEqual([
        'OUT_OF_RANGE answers.平和质[7]',
      ]);
    });

    it('refuses missing, non-integer and out-of-scale answers on the item', () => {
      expect(refusals(TCM_60.evaluate({ answers: withAnswer(EXAMPLE_1, '阴虚质', 3, null), sex: 'male' }))).toEqual([
        'MISSING_INPUT answers.阴虚质[3]',
      ]);
      expect(refusals(TCM_60.evaluate({ answers: withAnswer(EXAMPLE_1, '阴虚质', 3, 0), sex: 'male' }))).toEqual([
        'OUT_OF_RANGE answers.阴虚质[3]',
      ]);
      expect(refusals(TCM_60.evaluate({ answers: withAnswer(EXAMPLE_1, '特禀质', 6, 2.5), sex: 'male' }))).toEqual([
        'OUT_OF_RANGE answers.特禀质[6]',
      ]);
      expect(refusals(TCM_60.evaluate({ answers: withAnswer(EXAMPLE_1, '特禀质', 0, 6), sex: 'male' }))).toEqual([
        'OUT_OF_RANGE answers.特禀质[0]',
      ]);
    });

    it('names the sex-specific 湿热质 item in messages', () => {
      const female = TCM_60.evaluate({ answers: withAnswer(EXAMPLE_1, '湿热质', 5, null), sex: 'female' });
      const unknownSex = TCM_60.evaluate({ answers: withAnswer(EXAMPLE_1, '湿热质', 5, null) });
      expect(female.status === 'refused' && female.refusals[0].message.zh).toBe('湿热质第6题（带下色黄）未作答');
      expect(refusals(unknownSex)).toEqual(['MISSING_INPUT sex', 'MISSING_INPUT answers.湿热质[5]']);
      expect(unknownSex.status === 'refused' && unknownSex.refusals[1].message.zh).toBe(
        '湿热质第6题（带下色黄/阴囊部位潮湿）未作答',
      );
    });

    it('refuses a missing type, an unknown type, a wrong count and answers that are not keyed by type', () => {
      const { 特禀质: _omitted, ...withoutTebing } = EXAMPLE_1;
      expect(refusals(TCM_60.evaluate({ answers: withoutTebing, sex: 'male' }))).toEqual(['MISSING_INPUT answers.特禀质']);
      expect(refusals(TCM_60.evaluate({ answers: { ...EXAMPLE_1, 气虚: [1] }, sex: 'male' }))).toEqual([
        'OUT_OF_RANGE answers.气虚',
      ]);
      expect(refusals(TCM_60.evaluate({ answers: { ...EXAMPLE_1, 湿热质: [2, 2, 2, 2, 1, 1, 1] }, sex: 'male' }))).toEqual([
        'OUT_OF_RANGE answers.湿热质',
      ]);
      expect(refusals(TCM_60.evaluate({ answers: Array(60).fill(1), sex: 'male' }))).toEqual(['OUT_OF_RANGE answers']);
      expect(refusals(TCM_60.evaluate({ sex: 'male' }))).toEqual(['MISSING_INPUT answers']);
    });

    it('requires sex and, when age is given, an adult', () => {
      expect(refusals(TCM_60.evaluate({ answers: EXAMPLE_1 }))).toEqual(['MISSING_INPUT sex']);
      expect(refusals(TCM_60.evaluate({ answers: EXAMPLE_1, sex: 'other' }))).toEqual(['OUT_OF_RANGE sex']);
      expect(refusals(TCM_60.evaluate({ answers: EXAMPLE_1, sex: 'male', age: 17 }))).toEqual(['NOT_APPLICABLE age']);
    });
  });
});

describe('TCM-60 item table', () => {
  it('has the n of §7.3 per type and reverses 平和质 (2)(3)(4)(5)(7)(8)', () => {
    expect(TCM_TYPES.map((t) => tcm60ItemCount(t.name))).toEqual([8, 8, 7, 8, 8, 6, 7, 7, 7]);
    expect(TCM60_ITEMS.平和质.flatMap((item, i) => (item.reverse ? [i + 1] : []))).toEqual([2, 3, 4, 5, 7, 8]);
    const reversedElsewhere = TCM_TYPES.filter((t) => t.name !== '平和质').flatMap((t) =>
      TCM60_ITEMS[t.name].filter((i) => i.reverse),
    );
    expect(reversedElsewhere).toEqual([]);
  });

  it('links each shared item to an earlier item with the same wording', () => {
    const links = TCM_TYPES.flatMap((t) =>
      TCM60_ITEMS[t.name].flatMap((item, i) =>
        item.sameAs ? [`${t.name}[${i}]→${item.sameAs.type}[${item.sameAs.index}]`] : [],
      ),
    );
    expect(links).toEqual([
      '气虚质[0]→平和质[1]',
      '气虚质[6]→平和质[2]',
      '阳虚质[3]→平和质[4]',
      '阳虚质[4]→气虚质[4]',
      '血瘀质[5]→平和质[7]',
      '气郁质[0]→平和质[3]',
    ]);
    for (const t of TCM_TYPES) {
      for (const item of TCM60_ITEMS[t.name]) {
        if (item.sameAs) expect(TCM60_ITEMS[item.sameAs.type][item.sameAs.index].text).toBe(item.text);
      }
    }
  });

  it.each(['female', 'male'] as const)('asks a %s 60 distinct questions that fill every answer', (sex) => {
    const questions = tcm60Questions(sex);
    expect(questions).toHaveLength(60);
    expect(new Set(questions.map((q) => q.text)).size).toBe(60);
    expect(questions.flatMap((q) => q.targets)).toHaveLength(66);
    const sexItem = sex === 'female' ? '带下色黄' : '阴囊部位潮湿';
    const otherSexItem = sex === 'female' ? '阴囊部位潮湿' : '带下色黄';
    expect(questions.find((q) => q.text === sexItem)?.targets).toEqual([{ type: '湿热质', index: 5 }]);
    expect(questions.some((q) => q.text === otherSexItem)).toBe(false);

    // Answering question k with 1 + k % 5 and spreading the answers must give a consistent input.
    const answers = Object.fromEntries(TCM_TYPES.map((t) => [t.name, [] as number[]])) as Answers;
    questions.forEach((q, k) => q.targets.forEach(({ type, index }) => (answers[type][index] = 1 + (k % 5))));
    expect(TCM_60.evaluate({ answers, sex }).status).toBe('ok');
  });
});
