import { PLAUSIBLE } from './inputs';
import { bandIndex, roundHalfUp, upperClosedBandIndex } from './numbers';
import type { InputName } from './risk-model';

/**
 * §7.4 anchors that turn measurements into answers of the elderly form, so the questionnaire can
 * prefill them. Each returns the answer 1–5, or undefined when the measurement is missing or
 * outside the §1.4 limits: then the question is asked instead.
 */

/** Item 9 身体超重不轻松: BMI [–,24) / [24,25) / [25,26) / [26,28) / [28,–) → 1…5 (unrounded, guarded). */
export function tcm33BodyWeightAnswer(heightCm: number | undefined, weightKg: number | undefined): number | undefined {
  if (!plausible('heightCm', heightCm) || !plausible('weightKg', weightKg)) return undefined;
  const bmi = weightKg / (heightCm / 100) ** 2;
  if (!plausible('bmi', bmi)) return undefined;
  return 1 + bandIndex(bmi, [24, 25, 26, 28]);
}

/**
 * Item 28 腹部肥大: the waist rounded half-up to a whole cm, then < 80 / 80–85 / 86–90 / 91–105 /
 * > 105 → 1…5. The anchors are whole centimetres, so rounding first leaves no gap (85.4 → 85 → 2).
 */
export function tcm33AbdomenAnswer(waistCm: number | undefined): number | undefined {
  if (!plausible('waistCm', waistCm)) return undefined;
  return 1 + upperClosedBandIndex(roundHalfUp(waistCm, 0), [79, 85, 90, 105]);
}

/** Answers to prefill, by 1-based item number (`answers[8]` and `answers[27]` of tcm-33-elderly). */
export function prefillTcm33(measured: { heightCm?: number; weightKg?: number; waistCm?: number }): {
  item9?: number;
  item28?: number;
} {
  const item9 = tcm33BodyWeightAnswer(measured.heightCm, measured.weightKg);
  const item28 = tcm33AbdomenAnswer(measured.waistCm);
  return { ...(item9 !== undefined && { item9 }), ...(item28 !== undefined && { item28 }) };
}

function plausible(name: InputName, value: number | undefined): value is number {
  const range = PLAUSIBLE[name];
  return typeof value === 'number' && Number.isFinite(value) && range !== undefined && value >= range[0] && value <= range[1];
}
