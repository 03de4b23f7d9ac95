import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, PageQueryDto, RequirePermissions } from '@health/core';
import { ImportFileInterceptor, type UploadedImportFile } from '@health/cards';
import { CurrentActor } from '@health/iam';
import {
  ExamImportAcceptedDto,
  ExamImportDto,
  ExamImportFormatQueryDto,
  ExamImportPageDto,
  ExamImportUploadDto,
} from './dto/exam-import.dto';
import { ExamImportsService } from './exam-imports.service';

@ApiTags('exam-reports')
@Audit({ targetType: 'exam_import' })
@Controller('v1/exam-imports')
export class ExamImportsController {
  constructor(private readonly imports: ExamImportsService) {}

  @Post()
  @RequirePermissions('reports:write')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(ImportFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ExamImportUploadDto })
  @ApiOperation({
    operationId: 'createExamImport',
    summary: 'Upload exam reports from .xlsx or .csv (one row per item); processed by a background job',
    description:
      'Rows are grouped into reports by `(source, externalId)`; each report goes through the same checks and transaction as ' +
      '`POST /exam-reports` and is accepted or rejected with its reasons. Missing or unknown columns → 400 ' +
      '`IMPORT_COLUMNS_INVALID`; other type → 400 `IMPORT_FILE_TYPE_INVALID`; CSV not UTF-8 → 400 `IMPORT_FILE_ENCODING`; ' +
      'over 5 MB → 413 `IMPORT_FILE_TOO_LARGE`; over 50,000 rows → 413 `IMPORT_TOO_MANY_ROWS`.',
  })
  @ApiAcceptedResponse({ type: ExamImportAcceptedDto })
  @ApiErrorResponses(400, 401, 403, 413)
  createExamImport(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedImportFile | undefined,
  ): Promise<ExamImportAcceptedDto> {
    return this.imports.upload(actor, file);
  }

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ operationId: 'listExamImports', summary: 'Exam imports of the organisation, newest first' })
  @ApiOkResponse({ type: ExamImportPageDto })
  @ApiErrorResponses(400, 401, 403)
  listExamImports(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<ExamImportPageDto> {
    return this.imports.list(actor, query);
  }

  @Get(':id')
  @RequirePermissions('reports:read')
  @ApiOperation({ operationId: 'getExamImport', summary: 'Status and progress of an exam import' })
  @ApiOkResponse({ type: ExamImportDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getExamImport(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ExamImportDto> {
    return this.imports.get(actor, id);
  }

  @Get(':id/rejected')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'getExamImportRejected',
    summary: 'The rejected reports of an import: rows, source, externalId, field, code, message',
    description:
      'Values are not repeated (they are personal data); fix the listed rows in the original file. Audited as `exam_import.errors_exported`.',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The report file', schema: { type: 'string', format: 'binary' } })
  @ApiErrorResponses(400, 401, 403, 404)
  async getExamImportRejected(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: ExamImportFormatQueryDto,
  ): Promise<StreamableFile> {
    const file = await this.imports.rejectedRows(actor, id, query.format ?? 'csv');
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
  }
}
