import type { BilingualText, Evaluation, ModelResult, RiskModel } from './risk-model';

/** A category as results carry it: a stable machine code and the spec's words for it. */
export interface Category {
  code: string;
  label: BilingualText;
}

type Identity = Pick<RiskModel, 'model' | 'ruleId' | 'version'>;

export interface ResultFields {
  /** Overrides the model's rule id when an option selects another rule (the legacy uric acid rule). */
  ruleId?: string;
  value?: number | null;
  unit?: string | null;
  display?: string | null;
  category?: Category | null;
  details?: Record<string, unknown>;
  warnings?: string[];
}

/** The successful evaluation of `model`, with the inputs the reader validated. */
export function evaluated(model: Identity, inputsUsed: Record<string, unknown>, fields: ResultFields): Evaluation {
  const result: ModelResult = {
    model: model.model,
    ruleId: fields.ruleId ?? model.ruleId,
    version: model.version,
    value: fields.value ?? null,
    unit: fields.unit ?? null,
    display: fields.display ?? null,
    category: fields.category?.code ?? null,
    categoryLabel: fields.category?.label ?? null,
    details: fields.details ?? {},
    inputsUsed: { ...inputsUsed },
    warnings: fields.warnings ?? [],
  };
  return { status: 'ok', result };
}

/** `{ code, label }` as plain data for `details`, where tag rules read the code. */
export function finding(category: Category): { category: string; label: BilingualText } {
  return { category: category.code, label: category.label };
}
