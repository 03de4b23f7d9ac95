import type { ModelInputs, ModelResult, Refusal, RiskModel } from '../risk/risk-model';

/** For specs: the result of an evaluation that must succeed (the refusals in the error otherwise). */
export function resultOf(model: RiskModel, inputs: ModelInputs): ModelResult {
  const evaluation = model.evaluate(inputs);
  if (evaluation.status !== 'ok') throw new Error(`${model.model} refused: ${JSON.stringify(evaluation.refusals)}`);
  return evaluation.result;
}

/** For specs: the refusals of an evaluation that must be refused. */
export function refusalsOf(model: RiskModel, inputs: ModelInputs): Refusal[] {
  const evaluation = model.evaluate(inputs);
  if (evaluation.status !== 'refused')
    throw new Error(`${model.model} was expected to refuse, got ${JSON.stringify(evaluation.result)}`);
  return evaluation.refusals;
}

/** `[code, field]` pairs, the part of refusals most tests assert. */
export function refusalCodes(model: RiskModel, inputs: ModelInputs): [string, string][] {
  return refusalsOf(model, inputs).map((r) => [r.code, r.field]);
}
