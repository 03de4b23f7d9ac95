import type { RiskModel } from './risk-model';

/**
 * The revision of `shared/clinical/risk-models.md` these rules follow, stored with every result.
 * A model whose coefficients or thresholds change gets a new version of its own, so results
 * already stored keep saying which rule produced them.
 */
export const RISK_SPEC_REVISION = '2026-12.1';

/** Every calculator model, in the order of the specification's index (§0). */
export const RISK_MODELS: readonly RiskModel[] = [];

const BY_NAME = new Map(RISK_MODELS.map((m) => [m.model, m]));

export function riskModel(name: string): RiskModel | undefined {
  return BY_NAME.get(name);
}
