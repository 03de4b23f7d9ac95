/**
 * Unit normalisation and conversion to an indicator's canonical unit (indicators.md, "Units and
 * values" and the `alt_units` column).
 */

/** One `unit*factor` pair of `alt_units`: a value in `unit` times `factor` is in the canonical unit. */
export interface AltUnit {
  readonly unit: string;
  readonly factor: number;
}

/** The part of a dictionary row that conversion needs. */
export interface IndicatorUnits {
  /** Canonical unit; empty for dimensionless, ordinal and text items. */
  readonly unit: string;
  readonly altUnits: readonly AltUnit[];
}

export type UnitConversionFailureReason =
  /** The unit is neither the canonical unit nor one of the indicator's `alt_units`. */
  | 'unknown-unit'
  /** No unit was given but the indicator has a canonical unit, so the scale cannot be known. */
  | 'missing-unit';

export type UnitConversionResult =
  | { readonly ok: true; readonly value: number; readonly unit: string; readonly factor: number }
  | { readonly ok: false; readonly reason: UnitConversionFailureReason; readonly fromUnit: string };

/**
 * The comparison key of a unit: NFKC, no whitespace, μ/µ → u, a leading × before 10 dropped,
 * `10*9`/`10E9` → `10^9`, lower-cased. Only ever compare keys within one indicator: `G/L` (giga,
 * WBC) and `g/L` (grams, HGB) share a key, and each indicator knows only its own units.
 */
export function normaliseUnit(raw: string): string {
  return (
    raw
      .normalize('NFKC')
      .replace(/\s+/gu, '')
      // NFKC turns the micro sign µ (U+00B5) into Greek μ (U+03BC); both are listed for clarity.
      .replace(/[μµ]/gu, 'u')
      .replace(/^×(?=10)/u, '')
      .replace(/10[*eE](\d)/g, '10^$1')
      .toLowerCase()
  );
}

/**
 * Converts a value printed in `fromUnit` to the indicator's canonical unit. The canonical unit itself
 * converts with factor 1; an empty `fromUnit` is accepted only for dimensionless indicators. The
 * value is returned unrounded: rounding is a comparison rule (see verdict.ts), not a storage rule.
 */
export function convertToCanonical(
  value: number,
  fromUnit: string | undefined,
  indicatorUnits: IndicatorUnits,
): UnitConversionResult {
  const given = (fromUnit ?? '').trim();
  const canonical = indicatorUnits.unit;
  const key = normaliseUnit(given);

  if (key === '') {
    return canonical === ''
      ? { ok: true, value, unit: canonical, factor: 1 }
      : { ok: false, reason: 'missing-unit', fromUnit: given };
  }
  if (canonical !== '' && key === normaliseUnit(canonical)) {
    return { ok: true, value, unit: canonical, factor: 1 };
  }
  const alt = indicatorUnits.altUnits.find((candidate) => normaliseUnit(candidate.unit) === key);
  if (alt === undefined) {
    return { ok: false, reason: 'unknown-unit', fromUnit: given };
  }
  return { ok: true, value: value * alt.factor, unit: canonical, factor: alt.factor };
}
