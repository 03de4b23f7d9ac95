import { bmiClassModel } from './bmi-class';
import { bpGradeModel } from './bp-grade';
import { cdrsModel } from './cdrs';
import { chinaParModel } from './china-par';
import { findriscModel } from './findrisc';
import { framinghamBmiModel, framinghamLipidModel } from './framingham';
import { GAD7 } from './gad7';
import { glucoseClassModel } from './glucose-class';
import { lipidClassModel } from './lipid-class';
import { metabolicSyndromeModel } from './metabolic-syndrome';
import { PHQ9 } from './phq9';
import type { RiskModel } from './risk-model';
import { TCM_33_ELDERLY } from './tcm-33-elderly';
import { TCM_60 } from './tcm-60';
import { uricAcidModel } from './uric-acid';

export { RISK_SPEC_REVISION } from './revision';

/** Every calculator model, in the order of the specification's index (§0). */
export const RISK_MODELS: readonly RiskModel[] = [
  chinaParModel,
  cdrsModel,
  findriscModel,
  framinghamLipidModel,
  framinghamBmiModel,
  bmiClassModel,
  bpGradeModel,
  glucoseClassModel,
  lipidClassModel,
  uricAcidModel,
  metabolicSyndromeModel,
  PHQ9,
  GAD7,
  TCM_60,
  TCM_33_ELDERLY,
];

const BY_NAME = new Map(RISK_MODELS.map((m) => [m.model, m]));

export function riskModel(name: string): RiskModel | undefined {
  return BY_NAME.get(name);
}
