import { Injectable } from '@nestjs/common';
import { DomainError } from '@health/core';
import { RISK_MODELS, riskModel, type ModelInputs, type RiskModel } from '@health/clinical';
import { ClientsService } from '@health/cards';
import {
  ClientRiskAssessmentsDto,
  RiskAssessmentDto,
  RiskAssessmentHistoryDto,
  RiskEvaluationDto,
  RiskInputsDto,
  RiskModelDto,
} from './dto/risk.dto';
import { AssessmentRow, RiskAssessmentRepository } from './risk-assessment.repository';

const HISTORY_LIMIT = 100;

function toModelDto(model: RiskModel): RiskModelDto {
  return {
    model: model.model,
    ruleId: model.ruleId,
    version: model.version,
    title: model.title,
    resultKind: model.resultKind,
    inputs: model.inputs.map((i) => ({ ...i, values: i.values ? [...i.values] : undefined })),
    categories: (model.categories ?? []).map((c) => ({ code: c.code, label: c.label })),
  };
}

function toAssessmentDto(row: AssessmentRow): RiskAssessmentDto {
  return {
    id: row.id,
    model: row.model,
    ruleId: row.ruleId,
    version: row.version,
    status: row.status,
    value: row.value,
    unit: row.unit,
    display: row.display,
    category: row.category,
    categoryLabel: row.categoryLabel,
    details: row.details,
    inputsUsed: row.inputs,
    warnings: row.warnings,
    missing: row.refusals.filter((r) => r.code === 'MISSING_INPUT'),
    refusals: row.refusals,
    trigger: row.trigger,
    reportId: row.reportId,
    assessedAt: row.assessedAt.toISOString(),
  };
}

/** The stateless calculator (partners, the what-if panel) and a client's stored assessments. */
@Injectable()
export class RiskModelsService {
  constructor(
    private readonly assessments: RiskAssessmentRepository,
    private readonly clients: ClientsService,
  ) {}

  models(): RiskModelDto[] {
    return RISK_MODELS.map(toModelDto);
  }

  /**
   * Missing inputs answer 200 with `missing` listed and no value; anything out of range, in an
   * unsupported unit or outside the model's population answers 422 naming every field.
   */
  evaluate(name: string, dto: RiskInputsDto): RiskEvaluationDto {
    const model = riskModel(name);
    if (model === undefined)
      throw DomainError.notFound('RISK_MODEL_NOT_FOUND', `Unknown model "${name}"; GET /api/v1/risk-models lists them`);
    const evaluation = model.evaluate(dto as ModelInputs);
    if (evaluation.status === 'ok') {
      const { model: _m, ...result } = evaluation.result;
      return { model: model.model, ...result, missing: [] };
    }
    const rejected = evaluation.refusals.filter((r) => r.code !== 'MISSING_INPUT');
    if (rejected.length > 0)
      throw DomainError.unprocessable(
        rejected[0].code,
        rejected.map((r) => r.message.en).join('; '),
        evaluation.refusals.map((r) => ({ field: r.field, code: r.code, message: `${r.message.zh} / ${r.message.en}` })),
      );
    return {
      model: model.model,
      ruleId: model.ruleId,
      version: model.version,
      value: null,
      unit: null,
      display: null,
      category: null,
      categoryLabel: null,
      details: evaluation.details ?? {},
      inputsUsed: {},
      warnings: [],
      missing: evaluation.refusals,
    };
  }

  async current(clientId: string): Promise<ClientRiskAssessmentsDto> {
    await this.clients.assertClientExists(clientId);
    return { items: (await this.assessments.current(clientId)).map(toAssessmentDto) };
  }

  async history(clientId: string, model: string): Promise<RiskAssessmentHistoryDto> {
    await this.clients.assertClientExists(clientId);
    if (riskModel(model) === undefined) throw DomainError.notFound('RISK_MODEL_NOT_FOUND', `Unknown model "${model}"`);
    return { items: (await this.assessments.history(clientId, model, HISTORY_LIMIT)).map(toAssessmentDto) };
  }
}
