import { InputReader } from './inputs';
import { ANSWERS_LABEL, checkAdultIfAgeGiven, completeAnswers, readAnswerList, totalScoreResult } from './questionnaire-inputs';
import { RISK_SPEC_REVISION } from './revision';
import type { BilingualText, Evaluation, ModelInputs, RiskModel } from './risk-model';

/** §7.2 GAD-7 (Spitzer 2006): seven items on the PHQ-9 scale (0–3), total 0–21. */

const ITEM_COUNT = 7;
const POSITIVE_SCREEN_FROM = 10;

const BAND_CUTS = [5, 10, 15] as const;
// §7.2 gives no zh label for "minimal"; GAD-7 shares PHQ-9's answer scale and band names, so it takes PHQ-9's.
const BANDS: readonly { code: string; label: BilingualText }[] = [
  { code: 'minimal', label: { zh: '无/极轻', en: 'minimal' } },
  { code: 'mild', label: { zh: '轻度', en: 'mild' } },
  { code: 'moderate', label: { zh: '中度', en: 'moderate' } },
  { code: 'severe', label: { zh: '重度', en: 'severe' } },
];

function evaluateGad7(inputs: ModelInputs): Evaluation {
  const reader = new InputReader(inputs);
  const answers = readAnswerList(reader, inputs.answers, {
    field: 'answers',
    label: ANSWERS_LABEL,
    count: ITEM_COUNT,
    min: 0,
    max: 3,
  });
  checkAdultIfAgeGiven(reader, inputs);
  const complete = completeAnswers(answers);
  if (!reader.ok || !complete) return reader.refused();

  return totalScoreResult({ model: 'gad7', ruleId: 'gad7', bands: BANDS, cuts: BAND_CUTS }, complete, reader.used, (total) => ({
    positiveScreen: total >= POSITIVE_SCREEN_FROM,
  }));
}

export const GAD7: RiskModel = {
  model: 'gad7',
  ruleId: 'gad7',
  version: RISK_SPEC_REVISION,
  title: { zh: '广泛性焦虑障碍量表（GAD-7）', en: 'Generalized Anxiety Disorder scale (GAD-7)' },
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
        zh: '7个条目依次作答：0 完全不会，1 好几天，2 一半以上的天数，3 几乎每天',
        en: 'The seven items in order: 0 not at all, 1 several days, 2 more than half the days, 3 nearly every day',
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
  evaluate: evaluateGad7,
};
