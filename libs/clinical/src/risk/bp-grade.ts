import { ageInput, booleanInput, numberInput } from './input-specs';
import { InputReader } from './inputs';
import { evaluated, finding, type Category } from './model-result';
import { bandIndex } from './numbers';
import { ADULT_AGE, isNotApplicable, readAdultAge } from './population';
import { RISK_SPEC_REVISION } from './revision';
import type { ModelInputs, RiskModel } from './risk-model';

/** §6.2, 中国高血压防治指南 2018: ranks 0–4, each value ranked on its own. */
const SBP_CUTS = [120, 140, 160, 180];
const DBP_CUTS = [80, 90, 100, 110];
const RANKS: readonly Category[] = [
  { code: 'normal', label: { zh: '正常血压', en: 'normal' } },
  { code: 'high_normal', label: { zh: '正常高值', en: 'high-normal' } },
  { code: 'grade_1', label: { zh: '1级高血压', en: 'grade 1 hypertension' } },
  { code: 'grade_2', label: { zh: '2级高血压', en: 'grade 2 hypertension' } },
  { code: 'grade_3', label: { zh: '3级高血压', en: 'grade 3 hypertension' } },
];
const HYPERTENSIVE_SBP = 140;
const HYPERTENSIVE_DBP = 90;

/** §1.4: DBP must be below SBP; refused on dbp, the reading that cannot be right. */
export function refuseUnlessDbpBelowSbp(reader: InputReader, sbp: number | undefined, dbp: number | undefined): void {
  if (sbp === undefined || dbp === undefined || dbp < sbp) return;
  delete reader.used.dbp;
  reader.refuse('OUT_OF_RANGE', 'dbp', {
    zh: `舒张压 ${dbp} mmHg 必须低于收缩压 ${sbp} mmHg`,
    en: `diastolic pressure ${dbp} mmHg must be below systolic pressure ${sbp} mmHg`,
  });
}

function evaluate(inputs: ModelInputs) {
  const reader = new InputReader(inputs);
  readAdultAge(reader);
  if (isNotApplicable(reader)) return reader.refused();

  const sbp = reader.number('sbp');
  const dbp = reader.number('dbp');
  const onAntihypertensive = reader.boolean('onAntihypertensive', { optional: true });
  refuseUnlessDbpBelowSbp(reader, sbp, dbp);
  if (!reader.ok || sbp === undefined || dbp === undefined) return reader.refused();

  const sbpRank = bandIndex(sbp, SBP_CUTS);
  const dbpRank = bandIndex(dbp, DBP_CUTS);
  const isolatedSystolic = sbp >= HYPERTENSIVE_SBP && dbp < HYPERTENSIVE_DBP;

  return evaluated(bpGradeModel, reader.used, {
    category: RANKS[Math.max(sbpRank, dbpRank)],
    details: {
      sbp: { value: sbp, rank: sbpRank, ...finding(RANKS[sbpRank]) },
      dbp: { value: dbp, rank: dbpRank, ...finding(RANKS[dbpRank]) },
      isolatedSystolicHypertension: isolatedSystolic,
      // On treatment a person stays hypertensive even with a normal reading; the category then describes the reading only.
      onAntihypertensive: onAntihypertensive ?? null,
      ...(onAntihypertensive
        ? {
            treatmentNote: {
              zh: '正在服用降压药：仍属高血压患者，本分级仅描述此次读数',
              en: 'on antihypertensive drugs: still hypertensive; the grade describes this reading only',
            },
          }
        : {}),
    },
  });
}

export const bpGradeModel: RiskModel = {
  model: 'bp-grade',
  ruleId: 'cn-bp-2018',
  version: RISK_SPEC_REVISION,
  title: { zh: '血压水平分类（中国高血压防治指南 2018）', en: 'Blood pressure category (Chinese hypertension guideline 2018)' },
  resultKind: 'category',
  categories: RANKS,
  inputs: [
    ageInput(ADULT_AGE),
    numberInput('sbp', { note: { zh: '诊室血压', en: 'office reading' } }),
    numberInput('dbp', { note: { zh: '诊室血压；须低于收缩压', en: 'office reading; must be below SBP' } }),
    booleanInput('onAntihypertensive', {
      required: false,
      note: { zh: '仅记录，不改变分级', en: 'noted; does not change the grade' },
    }),
  ],
  evaluate,
};
