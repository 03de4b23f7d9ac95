/**
 * §1.1: compare computed values after rounding to 6 decimals, so 5.8 − 0.9 is 4.9 and
 * 61.44 / 1.6² is 24.0, never one category too low.
 */
export function guard(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Half-up rounding for display at `decimals` places (1.005 → 1.01, 9.96 → 10.0). */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((value * factor).toFixed(6))) / factor;
}

export function formatHalfUp(value: number, decimals: number): string {
  return roundHalfUp(value, decimals).toFixed(decimals);
}

/**
 * Which band of a lower-closed table `value` falls in: bands split at ascending `cuts`, band i is
 * [cuts[i-1], cuts[i]). `bandIndex(23.9, [18.5, 24, 28])` → 1. The value is guarded first.
 */
export function bandIndex(value: number, cuts: readonly number[]): number {
  const v = guard(value);
  let i = 0;
  while (i < cuts.length && v >= cuts[i]) i++;
  return i;
}

/**
 * The same for upper-closed tables (FINDRISC middle bands, uric acid): band i is
 * (cuts[i-1], cuts[i]].
 */
export function upperClosedBandIndex(value: number, cuts: readonly number[]): number {
  const v = guard(value);
  let i = 0;
  while (i < cuts.length && v > cuts[i]) i++;
  return i;
}
