import type { Sex } from '../indicator-dictionary';

/**
 * The vocabulary shared by every rule of `shared/clinical/risk-models.md`: inputs, refusals, results
 * and the model definition the calculator and the stored assessments are built from.
 */

/** Why a computation was refused (§1.2). */
export type RefusalCode = 'MISSING_INPUT' | 'OUT_OF_RANGE' | 'UNSUPPORTED_UNIT' | 'NOT_APPLICABLE';

export interface BilingualText {
  zh: string;
  en: string;
}

export interface Refusal {
  code: RefusalCode;
  /** The input concerned (`sbp`, `answers[8]`, `answers.气虚质[2]`). */
  field: string;
  message: BilingualText;
}

export type FamilyHistoryDegree = 'none' | 'second_degree' | 'first_degree';

/**
 * Everything any model reads. Values arrive from outside (an API body, client facts) so they are
 * typed `unknown` and every model validates what it uses; field names are the calculator's
 * (camelCase, SI units unless the name says otherwise).
 */
export interface ModelInputs {
  sex?: unknown;
  age?: unknown;
  sbp?: unknown;
  dbp?: unknown;
  onAntihypertensive?: unknown;
  tcMmol?: unknown;
  hdlMmol?: unknown;
  ldlMmol?: unknown;
  nonHdlMmol?: unknown;
  tgMmol?: unknown;
  lpaMgL?: unknown;
  fpgMmol?: unknown;
  ogtt2hMmol?: unknown;
  randomPgMmol?: unknown;
  typicalSymptoms?: unknown;
  hba1cPercent?: unknown;
  uricAcidUmol?: unknown;
  uricAcidRule?: unknown;
  waistCm?: unknown;
  heightCm?: unknown;
  weightKg?: unknown;
  bmi?: unknown;
  smoker?: unknown;
  diabetes?: unknown;
  northChina?: unknown;
  urban?: unknown;
  familyHistoryAscvd?: unknown;
  familyHistoryDiabetes?: unknown;
  physicallyActive30min?: unknown;
  vegetablesDaily?: unknown;
  everAntihypertensive?: unknown;
  everHighGlucose?: unknown;
  treatedDiabetes?: unknown;
  treatedHypertension?: unknown;
  establishedAscvd?: unknown;
  pregnant?: unknown;
  answers?: unknown;
}

export type InputName = keyof ModelInputs;

/** Describes one input for `GET /risk-models` and the admin's what-if form. */
export interface InputSpec {
  name: InputName;
  kind: 'number' | 'boolean' | 'enum' | 'answers';
  required: boolean;
  unit?: string;
  /** Accepted closed range for numbers (the rule's own or the §1.4 plausibility limits). */
  min?: number;
  max?: number;
  /** Allowed values for `enum`. */
  values?: readonly string[];
  /** For `answers`: how many items, the item scale, or the keyed groups (TCM-60). */
  answers?: { items?: number; min: number; max: number; groups?: { name: string; items: number }[] };
  label: BilingualText;
  note?: BilingualText;
}

export interface ModelResult {
  /** Calculator name (`china-par`). */
  model: string;
  /** Rule id stored with results (`china-par-10y`). */
  ruleId: string;
  /** Revision of the specification the computation follows; stored so later changes never rewrite history. */
  version: string;
  /** The score, or the risk in percent, unrounded; null for pure classifications. */
  value: number | null;
  unit: string | null;
  /** `value` rounded half-up at the precision the rule states, with its unit (`10.0 %`). */
  display: string | null;
  /** Machine code of the category (`low`, `grade_1`, `ifg`), null where the rule defines none. */
  category: string | null;
  categoryLabel: BilingualText | null;
  /** Rule-specific findings: per-item points, components, flags. */
  details: Record<string, unknown>;
  /** The validated inputs the computation used (after conversion). */
  inputsUsed: Record<string, unknown>;
  /** Extrapolation and other notes that never change the result (`AGE_OUTSIDE_DERIVATION_RANGE`). */
  warnings: string[];
}

export type Evaluation =
  | { status: 'ok'; result: ModelResult }
  /** `details` carries what must surface even when refused (PHQ-9's item-9 safety flag). */
  | { status: 'refused'; refusals: Refusal[]; details?: Record<string, unknown> };

export interface RiskModel {
  model: string;
  ruleId: string;
  version: string;
  title: BilingualText;
  /** What the result means: `%`, `points`, `category`. */
  resultKind: 'percent' | 'points' | 'category';
  inputs: readonly InputSpec[];
  /** Every category code the model can return, with its label (tag rules and the builder offer them). */
  categories?: readonly { code: string; label: BilingualText }[];
  evaluate(inputs: ModelInputs): Evaluation;
}

export type { Sex };
