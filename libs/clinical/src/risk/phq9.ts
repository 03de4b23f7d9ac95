import { InputReader } from './inputs';
import { ANSWERS_LABEL, checkAdultIfAgeGiven, completeAnswers, readAnswerList, totalScoreResult } from './questionnaire-inputs';
import { RISK_SPEC_REVISION } from './revision';
import type { BilingualText, Evaluation, ModelInputs, RiskModel } from './risk-model';

/** §7.1 PHQ-9 (Kroenke 2001): nine items scored 0–3, total 0–27. */

const ITEM_COUNT = 9;
/** Item 9: thoughts of being better off dead or of hurting oneself. */
const SELF_HARM_ITEM = 8;
const POSITIVE_SCREEN_FROM = 10;

const BAND_CUTS = [5, 10, 15, 20] as const;
const BANDS: readonly { code: string; label: BilingualText }[] = [
  { code: 'minimal', label: { zh: '无/极轻', en: 'minimal' } },
  { code: 'mild', label: { zh: '轻度', en: 'mild' } },
  { code: 'moderate', label: { zh: '中度', en: 'moderate' } },
  { code: 'moderately_severe', label: { zh: '中重度', en: 'moderately severe' } },
  { code: 'severe', label: { zh: '重度', en: 'severe' } },
];

function evaluatePhq9(inputs: ModelInputs): Evaluation {
  const reader = new InputReader(inputs);
  const answers = readAnswerList(reader, inputs.answers, {
    field: 'answers',
    label: ANSWERS_LABEL,
    count: ITEM_COUNT,
    min: 0,
    max: 3,
  });
  checkAdultIfAgeGiven(reader, inputs);

  // The flag must reach a clinician whatever else is wrong with the form (§7.1), so it is decided
  // from item 9 alone before any refusal.
  const selfHarmAnswer = answers?.[SELF_HARM_ITEM];
  const safetyFlag = selfHarmAnswer !== undefined && selfHarmAnswer > 0;

  const complete = completeAnswers(answers);
  if (!reader.ok || !complete) return reader.refused(safetyFlag ? { safetyFlag: true } : undefined);

  return totalScoreResult({ model: 'phq9', ruleId: 'phq9', bands: BANDS, cuts: BAND_CUTS }, complete, reader.used, (total) => ({
    positiveScreen: total >= POSITIVE_SCREEN_FROM,
    safetyFlag,
  }));
}

export const PHQ9: RiskModel = {
  model: 'phq9',
  ruleId: 'phq9',
  version: RISK_SPEC_REVISION,
  title: { zh: '患者健康问卷抑郁量表（PHQ-9）', en: 'Patient Health Questionnaire (PHQ-9)' },
  resultKind: 'points',
  categories: BANDS,
  inputs: [
    {
      name: 'answers',
      kind: 'answers',
      required: true,
      answers: { items: ITEM_COUNT, min: 0, max: 3 },
      label: ANSWERS_LABEL,
      note: {
        zh: '9个条目依次作答：0 完全不会，1 好几天，2 一半以上的天数，3 几乎每天。其后的困难程度问题不计分，不在此提交',
        en: 'The nine items in order: 0 not at all, 1 several days, 2 more than half the days, 3 nearly every day. The unscored difficulty question is not submitted here',
      },
    },
    {
      name: 'age',
      kind: 'number',
      required: false,
      unit: '岁',
      min: 18,
      max: 130,
      label: { zh: '年龄', en: 'age' },
      note: { zh: '仅适用于成人；填写时须满18岁', en: 'Adults only: when given, it must be 18 or over' },
    },
  ],
  evaluate: evaluatePhq9,
};
