import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, ApiErrorResponses, ApiIdempotencyKey, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  ExamReportDto,
  ExamReportIngestedDto,
  ExamReportPageDto,
  IngestExamReportDto,
  ListExamReportsQueryDto,
} from './dto/exam-report.dto';
import { ExamReportsService } from './exam-reports.service';

@ApiTags('exam-reports')
@Controller('v1/exam-reports')
export class ExamReportsController {
  constructor(private readonly reports: ExamReportsService) {}

  @Post()
  @RequirePermissions('reports:write')
  // The service writes the audit row inside the report's own transaction.
  @Audit({ skip: true })
  @ApiIdempotencyKey()
  @ApiOperation({
    operationId: 'ingestExamReport',
    summary: 'Send an exam report (同步检查报告数据)',
    description:
      'For exam and lab systems (API key with `reports:write`) and staff. The client is matched by ID number, else phone + ' +
      'name, and created when nothing matches and an ID number or phone is given (or send `clientId`). Items are mapped to ' +
      'the indicator dictionary (names, aliases, then the organisation’s mappings), values converted to the canonical unit ' +
      'and judged by sex and age; unmapped items are kept raw and listed. The same `(source, externalId)` with the same ' +
      'content answers 200 with the stored report; with other content 409 `EXAM_REPORT_CONFLICT`. Bad input → 400 ' +
      '`VALIDATION_FAILED` with `details[].field` such as `items[3].value` and `details[].index`, and nothing is stored. ' +
      'Emits `report.ingested` `{ reportId, clientId, abnormalCodes }`.',
  })
  @ApiCreatedResponse({ type: ExamReportIngestedDto, description: 'Stored' })
  @ApiOkResponse({ type: ExamReportIngestedDto, description: 'The same report was already stored; nothing changed' })
  @ApiErrorResponses(400, 401, 403, 404, 409, 422)
  async ingestExamReport(
    @CurrentActor() actor: Actor,
    @Body() dto: IngestExamReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ExamReportIngestedDto> {
    const { statusCode, body } = await this.reports.ingest(actor, dto, idempotencyKey);
    res.status(statusCode);
    return body;
  }

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'listExamReports',
    summary: 'Exam reports of the organisation',
    description: 'Filters: client, exam date range, source, status, abnormal (at least one abnormal item). Newest exam first.',
  })
  @ApiOkResponse({ type: ExamReportPageDto })
  @ApiErrorResponses(400, 401, 403)
  listExamReports(@CurrentActor() actor: Actor, @Query() query: ListExamReportsQueryDto): Promise<ExamReportPageDto> {
    return this.reports.list(actor, query);
  }

  @Get(':id')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'getExamReport',
    summary: 'One exam report with its items grouped by category',
    description:
      'Each item: the stored value in the canonical unit, the verdict and the interval that applied, and what the sender ' +
      'printed (value, unit, range, flag). Audited as `exam_report.read`.',
  })
  @ApiOkResponse({ type: ExamReportDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getExamReport(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ExamReportDto> {
    return this.reports.get(actor, id);
  }
}
