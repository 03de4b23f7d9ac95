import type { BilingualText, FamilyHistoryDegree, InputName, ModelInputs, Refusal, RefusalCode, Sex } from './risk-model';

/** How each input is named in messages, and its unit. */
export const INPUT_LABELS: Record<InputName, BilingualText & { unit?: string }> = {
  sex: { zh: '性别', en: 'sex' },
  age: { zh: '年龄', en: 'age', unit: '岁' },
  sbp: { zh: '收缩压', en: 'systolic blood pressure', unit: 'mmHg' },
  dbp: { zh: '舒张压', en: 'diastolic blood pressure', unit: 'mmHg' },
  onAntihypertensive: { zh: '正在服用降压药', en: 'on antihypertensive treatment' },
  tcMmol: { zh: '总胆固醇', en: 'total cholesterol', unit: 'mmol/L' },
  hdlMmol: { zh: '高密度脂蛋白胆固醇', en: 'HDL cholesterol', unit: 'mmol/L' },
  ldlMmol: { zh: '低密度脂蛋白胆固醇', en: 'LDL cholesterol', unit: 'mmol/L' },
  nonHdlMmol: { zh: '非高密度脂蛋白胆固醇', en: 'non-HDL cholesterol', unit: 'mmol/L' },
  tgMmol: { zh: '甘油三酯', en: 'triglycerides', unit: 'mmol/L' },
  lpaMgL: { zh: '脂蛋白(a)', en: 'lipoprotein(a)', unit: 'mg/L' },
  fpgMmol: { zh: '空腹血糖', en: 'fasting plasma glucose', unit: 'mmol/L' },
  ogtt2hMmol: { zh: 'OGTT 2小时血糖', en: '2-hour plasma glucose', unit: 'mmol/L' },
  randomPgMmol: { zh: '随机血糖', en: 'random plasma glucose', unit: 'mmol/L' },
  typicalSymptoms: { zh: '有典型糖尿病症状', en: 'typical diabetes symptoms' },
  hba1cPercent: { zh: '糖化血红蛋白', en: 'HbA1c', unit: '%' },
  uricAcidUmol: { zh: '血尿酸', en: 'serum uric acid', unit: 'µmol/L' },
  uricAcidRule: { zh: '尿酸判定标准', en: 'uric acid rule' },
  waistCm: { zh: '腰围', en: 'waist', unit: 'cm' },
  heightCm: { zh: '身高', en: 'height', unit: 'cm' },
  weightKg: { zh: '体重', en: 'weight', unit: 'kg' },
  bmi: { zh: '体重指数', en: 'BMI', unit: 'kg/m²' },
  smoker: { zh: '目前吸烟', en: 'current smoker' },
  diabetes: { zh: '糖尿病', en: 'diabetes' },
  northChina: { zh: '居住在长江以北', en: 'lives north of the Yangtze' },
  urban: { zh: '城市居民', en: 'urban resident' },
  familyHistoryAscvd: { zh: '心脑血管病家族史', en: 'family history of ASCVD' },
  familyHistoryDiabetes: { zh: '糖尿病家族史', en: 'family history of diabetes' },
  physicallyActive30min: { zh: '每天体力活动至少30分钟', en: 'at least 30 min physical activity daily' },
  vegetablesDaily: { zh: '每天吃蔬菜水果', en: 'vegetables or fruit every day' },
  everAntihypertensive: { zh: '曾规律服用降压药', en: 'ever taken antihypertensives regularly' },
  everHighGlucose: { zh: '曾发现血糖偏高', en: 'ever found to have high blood glucose' },
  treatedDiabetes: { zh: '已确诊并治疗的糖尿病', en: 'diagnosed and treated diabetes' },
  treatedHypertension: { zh: '已确诊并治疗的高血压', en: 'diagnosed and treated hypertension' },
  establishedAscvd: { zh: '已患动脉粥样硬化性心血管病', en: 'established ASCVD' },
  pregnant: { zh: '妊娠', en: 'pregnant' },
  answers: { zh: '答案', en: 'answers' },
};

/** §1.4: product-defined plausibility limits for measured inputs (closed intervals). */
export const PLAUSIBLE: Partial<Record<InputName, readonly [number, number]>> = {
  heightCm: [100, 250],
  weightKg: [20, 300],
  bmi: [10, 80],
  waistCm: [40, 200],
  sbp: [50, 300],
  dbp: [20, 200],
  fpgMmol: [1.0, 60.0],
  ogtt2hMmol: [1.0, 60.0],
  randomPgMmol: [1.0, 60.0],
  hba1cPercent: [3.0, 20.0],
  tcMmol: [1.0, 20.0],
  ldlMmol: [0.1, 15.0],
  nonHdlMmol: [0.1, 20.0],
  hdlMmol: [0.1, 5.0],
  tgMmol: [0.1, 60.0],
  lpaMgL: [0, 3000],
  uricAcidUmol: [30, 1500],
};

/** Whether an input was supplied at all (null counts as absent, as in the reader). */
export function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

const FAMILY_HISTORY_DEGREES: readonly FamilyHistoryDegree[] = ['none', 'second_degree', 'first_degree'];

function rangeText(range: readonly [number, number], unit?: string): string {
  return `[${range[0]}, ${range[1]}]${unit ? ` ${unit}` : ''}`;
}

/**
 * Reads and validates a model's inputs, collecting every refusal instead of stopping at the first,
 * and recording what was used. Usage: read each input, then `if (!reader.ok) return reader.refused()`.
 */
export class InputReader {
  readonly refusals: Refusal[] = [];
  readonly used: Record<string, unknown> = {};

  constructor(private readonly inputs: ModelInputs) {}

  get ok(): boolean {
    return this.refusals.length === 0;
  }

  refused(details?: Record<string, unknown>): { status: 'refused'; refusals: Refusal[]; details?: Record<string, unknown> } {
    return details ? { status: 'refused', refusals: this.refusals, details } : { status: 'refused', refusals: this.refusals };
  }

  refuse(code: RefusalCode, field: string, message: BilingualText): void {
    this.refusals.push({ code, field, message });
  }

  /**
   * A number within `range` (default: the §1.4 limits of the input). Missing → `MISSING_INPUT`
   * unless `optional`; not a finite number or outside → `OUT_OF_RANGE` stating the range.
   */
  number(name: InputName, options: { range?: readonly [number, number]; optional?: boolean } = {}): number | undefined {
    const raw = this.inputs[name];
    if (raw === undefined || raw === null) {
      if (!options.optional) this.missing(name);
      return undefined;
    }
    const label = INPUT_LABELS[name];
    const range = options.range ?? PLAUSIBLE[name];
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      this.refuse('OUT_OF_RANGE', name, { zh: `${label.zh}必须是数字`, en: `${label.en} must be a number` });
      return undefined;
    }
    if (range && (raw < range[0] || raw > range[1])) {
      const text = rangeText(range, label.unit);
      this.refuse('OUT_OF_RANGE', name, {
        zh: `${label.zh} ${raw} 超出可接受范围 ${text}`,
        en: `${label.en} ${raw} is outside the accepted range ${text}`,
      });
      return undefined;
    }
    this.used[name] = raw;
    return raw;
  }

  boolean(name: InputName, options: { optional?: boolean } = {}): boolean | undefined {
    const raw = this.inputs[name];
    if (raw === undefined || raw === null) {
      if (!options.optional) this.missing(name);
      return undefined;
    }
    if (typeof raw !== 'boolean') {
      const label = INPUT_LABELS[name];
      this.refuse('OUT_OF_RANGE', name, { zh: `${label.zh}必须是 true 或 false`, en: `${label.en} must be true or false` });
      return undefined;
    }
    this.used[name] = raw;
    return raw;
  }

  oneOf<T extends string>(name: InputName, values: readonly T[], options: { optional?: boolean } = {}): T | undefined {
    const raw = this.inputs[name];
    if (raw === undefined || raw === null) {
      if (!options.optional) this.missing(name);
      return undefined;
    }
    if (typeof raw !== 'string' || !(values as readonly string[]).includes(raw)) {
      const label = INPUT_LABELS[name];
      this.refuse('OUT_OF_RANGE', name, {
        zh: `${label.zh}必须是 ${values.join(' / ')} 之一`,
        en: `${label.en} must be one of ${values.join(', ')}`,
      });
      return undefined;
    }
    this.used[name] = raw;
    return raw as T;
  }

  sex(): Sex | undefined {
    return this.oneOf<Sex>('sex', ['male', 'female']);
  }

  familyHistoryDiabetes(): FamilyHistoryDegree | undefined {
    return this.oneOf('familyHistoryDiabetes', FAMILY_HISTORY_DEGREES);
  }

  /** Age in completed years: a whole number ≥ 0 (the rule's population is checked by the caller). */
  age(): number | undefined {
    const age = this.number('age', { range: [0, 130] });
    if (age !== undefined && !Number.isInteger(age)) {
      delete this.used.age;
      this.refuse('OUT_OF_RANGE', 'age', { zh: '年龄应为周岁整数', en: 'age must be in completed years (an integer)' });
      return undefined;
    }
    return age;
  }

  /** The person is outside the rule's population (§1.2). */
  notApplicable(field: InputName | string, message: BilingualText): void {
    this.refuse('NOT_APPLICABLE', field, message);
  }

  private missing(name: InputName): void {
    const label = INPUT_LABELS[name];
    this.refuse('MISSING_INPUT', name, { zh: `缺少${label.zh}`, en: `${label.en} is required` });
  }
}
