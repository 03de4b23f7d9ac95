import { InputReader } from './inputs';
import { ANSWERS_LABEL, completeAnswers, readAnswerList } from './questionnaire-inputs';
import type { BilingualText, Evaluation, ModelInputs, RiskModel } from './risk-model';
import { RISK_SPEC_REVISION } from './revision';
import {
  BALANCED,
  JUDGEMENT_LABELS,
  TCM_TYPES,
  summariseConstitution,
  type JudgedType,
  type TcmJudgement,
  type TcmTypeCode,
  type TcmTypeName,
} from './tcm-constitutions';

/**
 * §7.4 老年人中医药健康管理服务记录表 (国家基本公共卫生服务规范 第三版): 33 items, raw sums per type
 * with no conversion; not comparable with tcm-60 scores.
 */

const ITEM_COUNT = 33;
const MIN_AGE = 65;

/** Item numbers (1-based, as printed) per type; an item may count for 平和质 and a 偏颇体质. */
export const TCM33_TYPE_ITEMS: Readonly<Record<TcmTypeName, readonly number[]>> = {
  平和质: [1, 2, 4, 5, 13],
  气虚质: [2, 3, 4, 14],
  阳虚质: [11, 12, 13, 29],
  阴虚质: [10, 21, 26, 31],
  痰湿质: [9, 16, 28, 32],
  湿热质: [23, 25, 27, 30],
  血瘀质: [19, 22, 24, 33],
  气郁质: [5, 6, 7, 8],
  特禀质: [15, 17, 18, 20],
};

/** 平和质's reverse-scored items (6 − answer); they count straight for 气虚质, 气郁质 and 阳虚质. */
export const TCM33_BALANCED_REVERSED: readonly number[] = [2, 4, 5, 13];

export type Tcm33Flag = 'TIE_AT_TOP' | 'CONTRADICTORY_TYPES' | 'NO_TYPE_QUALIFIES';

export interface Tcm33ReviewFlag {
  code: Tcm33Flag;
  /** What the form's instructions ask for: a TCM physician's review, or checking the answers (or repeating the form after 2 weeks). */
  action: 'physician_review' | 'recheck_answers';
  types: TcmTypeCode[];
  message: BilingualText;
}

/** Integer sum per type, 平和质's reversed items contributing 6 − answer. */
export function tcm33Sums(answers: readonly number[]): Record<TcmTypeName, number> {
  return Object.fromEntries(
    TCM_TYPES.map(({ name }) => [
      name,
      TCM33_TYPE_ITEMS[name].reduce((sum, item) => {
        const answer = answers[item - 1];
        return sum + (name === BALANCED && TCM33_BALANCED_REVERSED.includes(item) ? 6 - answer : answer);
      }, 0),
    ]),
  ) as Record<TcmTypeName, number>;
}

/** The §7.4 judgement table on integer sums; both edges of each range belong to it as written. */
export function judgeTcm33(sums: Readonly<Record<TcmTypeName, number>>): JudgedType[] {
  const others = TCM_TYPES.filter((t) => t.name !== BALANCED).map((t) => sums[t.name]);
  return TCM_TYPES.map((type) => {
    const sum = sums[type.name];
    let judgement: TcmJudgement;
    if (type.name === BALANCED) {
      if (sum >= 17 && others.every((s) => s <= 8)) judgement = 'yes';
      else if (sum >= 17 && others.every((s) => s <= 10)) judgement = 'basically_yes';
      else judgement = 'no';
    } else {
      judgement = sum >= 11 ? 'yes' : sum >= 9 ? 'tendency' : 'no';
    }
    return { type, score: sum, judgement };
  });
}

/**
 * The form's instructions as review flags: a tie at the top or a contradictory result (阴虚质 and
 * 阳虚质 both 是, the example the form gives) goes to a TCM physician; a form on which no type
 * qualifies is checked or repeated after 2 weeks.
 */
export function tcm33ReviewFlags(judged: readonly JudgedType[], tiedAtTop: readonly TcmTypeCode[]): Tcm33ReviewFlag[] {
  const flags: Tcm33ReviewFlag[] = [];
  if (tiedAtTop.length > 0) {
    flags.push({
      code: 'TIE_AT_TOP',
      action: 'physician_review',
      types: [...tiedAtTop],
      message: {
        zh: '最高得分的体质并列，请中医师复核',
        en: 'the highest-scoring types are tied; a TCM physician should review',
      },
    });
  }
  const isYes = (name: TcmTypeName) => judged.some((j) => j.type.name === name && j.judgement === 'yes');
  if (isYes('阴虚质') && isYes('阳虚质')) {
    flags.push({
      code: 'CONTRADICTORY_TYPES',
      action: 'physician_review',
      types: ['yinxu', 'yangxu'],
      message: {
        zh: '阴虚质与阳虚质同时判定为“是”，请中医师复核',
        en: 'yin and yang deficiency are both judged yes; a TCM physician should review',
      },
    });
  }
  if (judged.every((j) => j.judgement === 'no')) {
    flags.push({
      code: 'NO_TYPE_QUALIFIES',
      action: 'recheck_answers',
      types: [],
      message: {
        zh: '没有符合判定标准的体质，请核对答案或2周后重新填写',
        en: 'no type qualifies; check the answers or repeat the form after 2 weeks',
      },
    });
  }
  return flags;
}

function evaluateTcm33(inputs: ModelInputs): Evaluation {
  const reader = new InputReader(inputs);
  const age = reader.age();
  if (age !== undefined && age < MIN_AGE) {
    reader.notApplicable('age', {
      zh: '老年人中医体质辨识仅适用于65岁及以上，更年轻者请使用60题标准（tcm-60）',
      en: 'the elderly form is for people aged 65 or over; use the 60-item standard (tcm-60) instead',
    });
  }
  const answers = completeAnswers(
    readAnswerList(reader, inputs.answers, { field: 'answers', label: ANSWERS_LABEL, count: ITEM_COUNT, min: 1, max: 5 }),
  );
  if (!reader.ok || !answers) return reader.refused();

  reader.used.answers = answers;
  const judged = judgeTcm33(tcm33Sums(answers));
  const summary = summariseConstitution(judged);
  return {
    status: 'ok',
    result: {
      model: 'tcm-33-elderly',
      ruleId: 'tcm-elderly-33',
      version: RISK_SPEC_REVISION,
      value: null,
      unit: null,
      display: null,
      category: summary.primary?.code ?? null,
      categoryLabel: summary.primary?.label ?? null,
      details: {
        types: judged.map((j) => ({
          type: j.type.name,
          code: j.type.code,
          sum: j.score,
          judgement: j.judgement,
          judgementLabel: JUDGEMENT_LABELS[j.judgement],
        })),
        biasedTypes: summary.biasedTypes,
        tiedAtTop: summary.tiedAtTop,
        conclusion: summary.conclusion,
        flags: tcm33ReviewFlags(judged, summary.tiedAtTop),
      },
      inputsUsed: reader.used,
      warnings: [],
    },
  };
}

export const TCM_33_ELDERLY: RiskModel = {
  model: 'tcm-33-elderly',
  ruleId: 'tcm-elderly-33',
  version: RISK_SPEC_REVISION,
  title: { zh: '老年人中医体质辨识（33题）', en: 'TCM constitution, elderly form (33 items)' },
  resultKind: 'category',
  categories: TCM_TYPES.map(({ code, label }) => ({ code, label })),
  inputs: [
    {
      name: 'answers',
      kind: 'answers',
      required: true,
      answers: { items: ITEM_COUNT, min: 1, max: 5 },
      label: ANSWERS_LABEL,
      note: {
        zh: '33题按表中顺序填写 1–5；第9题、第28题可由测得的体重指数、腰围预填',
        en: 'The 33 items in form order, 1–5; items 9 and 28 can be prefilled from measured BMI and waist',
      },
    },
    { name: 'age', kind: 'number', required: true, unit: '岁', min: MIN_AGE, max: 130, label: { zh: '年龄', en: 'age' } },
  ],
  evaluate: evaluateTcm33,
};
