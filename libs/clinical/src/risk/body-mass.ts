import { INPUT_LABELS, PLAUSIBLE, isGiven, type InputReader } from './inputs';
import { guard } from './numbers';
import type { ModelInputs } from './risk-model';

export interface BodyMass {
  /** kg/m², unrounded (classify it through the §1.1 guard, display it rounded). */
  bmi: number;
  source: 'height_weight' | 'bmi';
}

const BMI_RANGE = PLAUSIBLE.bmi ?? [10, 80];

/**
 * BMI for the rules that need it. Height and weight, when both are given, take precedence over a
 * supplied BMI: they are the measurements, while a supplied BMI is often a report's rounded figure
 * (23.97 printed as 24.0 would move a person from 正常 to 超重). Otherwise `bmi` is used. Half a
 * pair with no `bmi` refuses on the missing half; nothing at all refuses on `bmi`.
 */
export function readBodyMass(reader: InputReader, inputs: ModelInputs): BodyMass | undefined {
  const hasHeight = isGiven(inputs.heightCm);
  const hasWeight = isGiven(inputs.weightKg);
  if (hasHeight && hasWeight) {
    const heightCm = reader.number('heightCm');
    const weightKg = reader.number('weightKg');
    if (heightCm === undefined || weightKg === undefined) return undefined;
    const bmi = weightKg / (heightCm / 100) ** 2;
    const guarded = guard(bmi);
    if (guarded < BMI_RANGE[0] || guarded > BMI_RANGE[1]) {
      const label = INPUT_LABELS.bmi;
      const range = `[${BMI_RANGE[0]}, ${BMI_RANGE[1]}] ${label.unit}`;
      reader.refuse('OUT_OF_RANGE', 'bmi', {
        zh: `由身高体重算得的体重指数 ${guarded} 超出可接受范围 ${range}`,
        en: `the BMI computed from height and weight, ${guarded}, is outside the accepted range ${range}`,
      });
      return undefined;
    }
    reader.used.bmi = bmi;
    return { bmi, source: 'height_weight' };
  }
  if (isGiven(inputs.bmi)) {
    const bmi = reader.number('bmi');
    return bmi === undefined ? undefined : { bmi, source: 'bmi' };
  }
  if (hasHeight) reader.number('weightKg');
  else if (hasWeight) reader.number('heightCm');
  else {
    reader.refuse('MISSING_INPUT', 'bmi', {
      zh: '缺少体重指数（或身高和体重）',
      en: 'BMI (or height and weight) is required',
    });
  }
  return undefined;
}
