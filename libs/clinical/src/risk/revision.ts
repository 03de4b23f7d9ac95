/**
 * The revision of `shared/clinical/risk-models.md` these rules follow, stored with every result.
 * A model whose coefficients or thresholds change gets a new version of its own, so results
 * already stored keep saying which rule produced them.
 *
 * It lives apart from the registry because every model imports it and the registry imports every
 * model: defined there, a model module would read it before the registry had set it.
 */
export const RISK_SPEC_REVISION = '2026-12.1';
