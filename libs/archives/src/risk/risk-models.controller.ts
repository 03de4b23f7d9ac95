import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import {
  ClientRiskAssessmentsDto,
  RiskAssessmentHistoryDto,
  RiskEvaluationDto,
  RiskInputsDto,
  RiskModelDto,
} from './dto/risk.dto';
import { RiskModelsService } from './risk-models.service';

/** The stateless risk calculator of `shared/clinical/risk-models.md`. */
@ApiTags('risk')
@Controller('v1/risk-models')
export class RiskModelsController {
  constructor(private readonly risk: RiskModelsService) {}

  @Get()
  @RequirePermissions('risk:read')
  @ApiOperation({ operationId: 'listRiskModels', summary: 'Every risk model and classification with its input schema' })
  @ApiOkResponse({ type: [RiskModelDto] })
  @ApiErrorResponses(401, 403)
  listRiskModels(): RiskModelDto[] {
    return this.risk.models();
  }

  @Post(':model/evaluate')
  @RequirePermissions('risk:read')
  @HttpCode(HttpStatus.OK)
  @Audit({ skip: true })
  @ApiOperation({
    operationId: 'evaluateRiskModel',
    summary: 'Compute one model from the given inputs (nothing is stored)',
    description:
      'Inputs use the field names of `GET /risk-models` (SI units unless the name says otherwise). Missing inputs → 200 ' +
      'with `missing` and a null value. Out of range, unsupported or outside the population → 422 with code ' +
      '`OUT_OF_RANGE`, `UNSUPPORTED_UNIT` or `NOT_APPLICABLE` and every field concerned in `details`: nothing is clamped. ' +
      'Wrong JSON types → 400. Unknown model → 404 `RISK_MODEL_NOT_FOUND`.',
  })
  @ApiOkResponse({ type: RiskEvaluationDto })
  @ApiErrorResponses(400, 401, 403, 404, 422)
  evaluateRiskModel(@Param('model') model: string, @Body() dto: RiskInputsDto): RiskEvaluationDto {
    return this.risk.evaluate(model, dto);
  }
}

/** A client's stored risk assessments (疾病风险评估), recomputed on report, archive and card events. */
@ApiTags('risk')
@Audit({ targetType: 'client' })
@Controller('v1/clients/:id/risk-assessments')
export class ClientRiskAssessmentsController {
  constructor(private readonly risk: RiskModelsService) {}

  @Get()
  @RequirePermissions('risk:read')
  @ApiOperation({
    operationId: 'getClientRiskAssessments',
    summary: 'The current result of every model for a client, with inputs used and what is missing',
  })
  @ApiOkResponse({ type: ClientRiskAssessmentsDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getClientRiskAssessments(@Param('id', IdParamPipe) id: string): Promise<ClientRiskAssessmentsDto> {
    return this.risk.current(id);
  }

  @Get(':model/history')
  @RequirePermissions('risk:read')
  @ApiOperation({ operationId: 'getClientRiskHistory', summary: 'Every stored result of one model for a client, oldest first' })
  @ApiOkResponse({ type: RiskAssessmentHistoryDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getClientRiskHistory(@Param('id', IdParamPipe) id: string, @Param('model') model: string): Promise<RiskAssessmentHistoryDto> {
    return this.risk.history(id, model);
  }
}
