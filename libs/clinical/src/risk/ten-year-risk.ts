/**
 * The Cox-model form shared by China-PAR (§2.2) and Framingham (§5):
 * risk = 100 × (1 − S10 ^ exp(L − mean)), in percent.
 */
export function tenYearRiskPercent(linearPredictor: number, meanOfL: number, baselineSurvival: number): number {
  return 100 * (1 - baselineSurvival ** Math.exp(linearPredictor - meanOfL));
}

/** Conversion of §1.3 for TC, HDL-C, LDL-C and non-HDL-C: the equations take mg/dL. */
export const CHOLESTEROL_MG_DL_PER_MMOL = 38.67;
