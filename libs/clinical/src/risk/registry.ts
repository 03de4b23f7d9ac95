import { bmiClassModel } from './bmi-class';
import { bpGradeModel } from './bp-grade';
import { cdrsModel } from './cdrs';
import { chinaParModel } from './china-par';
import { findriscModel } from './findrisc';
import { framinghamBmiModel, framinghamLipidModel } from './framingham';
import { glucoseClassModel } from './glucose-class';
import { lipidClassModel } from './lipid-class';
import { metabolicSyndromeModel } from './metabolic-syndrome';
import type { RiskModel } from './risk-model';
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
];

const BY_NAME = new Map(RISK_MODELS.map((m) => [m.model, m]));

export function riskModel(name: string): RiskModel | undefined {
  return BY_NAME.get(name);
}
