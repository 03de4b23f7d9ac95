import { normaliseUnit, type IndicatorDefinition } from '@health/clinical';

/**
 * Decimals a value of an indicator is shown with (stored values stay exact). indicators.csv has no
 * precision column, so it follows from the canonical unit, the way laboratories print results:
 *
 * - 0 for whole counts and readings: mmHg, 次/分, U/L, mL/min/1.73m2;
 * - 1 for body measures, percentages and cell sizes: cm, kg, kg/m2, %, fL, pg, μmol/L, /HP, U/mL;
 * - 2 for everything else (mmol/L, g/L, 10^9/L, ng/mL, …, and dimensionless ratios);
 * - never fewer than the dictionary's own reference limits print (urine SG 1.003 → 3), so a value
 *   is never shown coarser than the limit it is compared with.
 *
 * Ordinal and text indicators have no decimals (null).
 */
const DECIMALS_BY_UNIT: ReadonlyMap<string, number> = new Map(
  (
    [
      ['mmHg', 0],
      ['次/分', 0],
      ['U/L', 0],
      ['mL/min/1.73m2', 0],
      ['cm', 1],
      ['kg', 1],
      ['kg/m2', 1],
      ['%', 1],
      ['fL', 1],
      ['pg', 1],
      ['μmol/L', 1],
      ['/HP', 1],
      ['U/mL', 1],
    ] as const
  ).map(([unit, decimals]) => [normaliseUnit(unit), decimals]),
);

const DEFAULT_DECIMALS = 2;

function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 0;
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

export function displayDecimals(definition: Pick<IndicatorDefinition, 'unit' | 'valueType' | 'limits'>): number | null {
  if (definition.valueType !== 'numeric') return null;
  const byUnit = DECIMALS_BY_UNIT.get(normaliseUnit(definition.unit)) ?? DEFAULT_DECIMALS;
  const limits = [definition.limits.male, definition.limits.female].flatMap((interval) => [interval.low, interval.high]);
  return Math.max(byUnit, ...limits.filter((limit): limit is number => limit !== undefined).map(decimalsOf));
}
