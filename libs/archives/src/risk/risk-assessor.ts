import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxWriter } from '@health/core';
import { RISK_MODELS, type Evaluation, type ModelInputs, type RiskModel } from '@health/clinical';
import { RiskChanged } from '../archives.events';
import type { ClientFacts } from '../facts/client-facts';
import { canonicalJson } from '../indicators/indicator-definition';
import type { InsightTrigger } from '../facts/client-insights.service';
import { findingsOf } from './risk-findings';
import { modelInputsFrom } from './risk-inputs';
import { AssessmentRow, AssessmentValues, RiskAssessmentRepository } from './risk-assessment.repository';

/** Models computed from facts; questionnaire scores come with a survey response instead. */
export const AUTOMATIC_MODELS: readonly RiskModel[] = RISK_MODELS.filter((m) => !m.inputs.some((i) => i.name === 'answers'));

/**
 * §5 of the spec: Framingham uses the lipid model when TC and HDL-C are available, otherwise the
 * BMI model; the BMI model is skipped whenever the lipid model could be computed.
 */
const SUPERSEDED_BY: Record<string, string> = { 'framingham-bmi': 'framingham-lipid' };

export function assessmentValues(model: RiskModel, evaluation: Evaluation, inputs: ModelInputs): AssessmentValues {
  if (evaluation.status === 'ok') {
    const r = evaluation.result;
    return {
      model: model.model,
      ruleId: r.ruleId,
      version: r.version,
      status: 'ok',
      value: r.value,
      unit: r.unit,
      display: r.display,
      category: r.category,
      categoryLabel: r.categoryLabel,
      details: r.details,
      inputs: r.inputsUsed,
      refusals: [],
      warnings: r.warnings,
    };
  }
  const given: Record<string, unknown> = {};
  for (const spec of model.inputs) if (inputs[spec.name] !== undefined) given[spec.name] = inputs[spec.name];
  return {
    model: model.model,
    ruleId: model.ruleId,
    version: model.version,
    status: evaluation.refusals.every((r) => r.code === 'MISSING_INPUT') ? 'missing' : 'refused',
    value: null,
    unit: null,
    display: null,
    category: null,
    categoryLabel: null,
    details: evaluation.details ?? {},
    inputs: given,
    refusals: evaluation.refusals,
    warnings: [],
  };
}

/** Stored inputs come back from jsonb with their keys reordered: compare canonical forms. */
function sameResult(stored: AssessmentRow, next: AssessmentValues): boolean {
  const comparable = (v: AssessmentValues) =>
    canonicalJson([v.status, v.version, v.value, v.category, v.inputs, v.refusals.map((r) => [r.code, r.field])]);
  return comparable(stored) === comparable(next);
}

/**
 * Re-assesses every automatic model for a client's facts. A result is stored only when it differs
 * from the current one (so history shows changes, not rebuilds); `risk.changed` goes out when the
 * category of a computed result differs from the current result's. Sets `facts.risk`.
 */
@Injectable()
export class RiskAssessor {
  constructor(
    private readonly assessments: RiskAssessmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async assess(manager: EntityManager, orgId: string, facts: ClientFacts, trigger: InsightTrigger): Promise<string[]> {
    const inputs = modelInputsFrom(facts);
    const current = new Map((await this.assessments.current(facts.clientId, manager)).map((row) => [row.model, row]));
    const computed = new Map<string, AssessmentValues>();
    for (const model of AUTOMATIC_MODELS) computed.set(model.model, assessmentValues(model, model.evaluate(inputs), inputs));
    facts.risk = {};
    const toStore: { values: AssessmentValues; previousCategory: string | null }[] = [];
    for (const [name, values] of computed) {
      const preferred = SUPERSEDED_BY[name];
      if (preferred !== undefined && computed.get(preferred)?.status === 'ok') continue;
      const previous = current.get(name);
      if (values.status === 'ok')
        facts.risk[name] = { category: values.category, value: values.value, findings: findingsOf(values.details) };
      if (previous === undefined || !sameResult(previous, values))
        toStore.push({ values, previousCategory: previous?.category ?? null });
    }
    const ids = await this.assessments.insertCurrent(
      manager,
      orgId,
      facts.clientId,
      toStore.map((s) => s.values),
      trigger,
    );
    const changed: string[] = [];
    for (const [i, { values, previousCategory }] of toStore.entries()) {
      if (values.status !== 'ok' || values.category === null || values.category === previousCategory) continue;
      changed.push(values.model);
      await this.outbox.append(manager, {
        event: RiskChanged,
        orgId,
        aggregateId: facts.clientId,
        payload: {
          clientId: facts.clientId,
          assessmentId: ids[i],
          model: values.model,
          category: values.category,
          previousCategory,
        },
      });
    }
    return changed;
  }
}
