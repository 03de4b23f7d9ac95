/**
 * The revision of `shared/clinical/risk-models.md` these rules follow, stored with every result.
 * A model whose coefficients or thresholds change gets a new version of its own, so results
 * already stored keep saying which rule produced them.
 *
 * Its own file because every model file reads it and the registry imports every model file:
 * defined in the registry, it would still be undefined while the models load.
 */
export const RISK_SPEC_REVISION = '2026-12.1';
