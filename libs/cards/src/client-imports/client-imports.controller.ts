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
import { CurrentActor } from '@health/iam';
import { ClientImportsService, ImportDownload, UploadedImportFile } from './client-imports.service';
import {
  ClientImportAcceptedDto,
  ClientImportDto,
  ClientImportPageDto,
  ClientImportUploadDto,
  ImportFileFormatQueryDto,
} from './dto/client-import.dto';
import { ImportFileInterceptor } from './import-file.interceptor';

const SPREADSHEET_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];

function download(file: ImportDownload): StreamableFile {
  return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
}

@ApiTags('client-imports')
@Audit({ targetType: 'client_import' })
@Controller('v1/client-imports')
export class ClientImportsController {
  constructor(private readonly imports: ClientImportsService) {}

  @Post()
  @RequirePermissions('clients:write')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(ImportFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ClientImportUploadDto })
  @ApiOperation({
    operationId: 'createClientImport',
    summary: 'Upload clients from .xlsx or .csv; imported by a background job',
    description:
      'Headers in Chinese or English (姓名/name, 性别/gender, 出生日期/birthDate required; 证件类型/idType, 证件号码/idNumber, 手机号/phone, 地址/address, 来源渠道/sourceChannel, 备注/notes optional). Unknown or missing columns → 400 `IMPORT_COLUMNS_INVALID` naming them; other type → 400 `IMPORT_FILE_TYPE_INVALID`; CSV not UTF-8 → 400 `IMPORT_FILE_ENCODING`; over 5 MB → 413 `IMPORT_FILE_TOO_LARGE`; over 10,000 rows → 413 `IMPORT_TOO_MANY_ROWS`. Valid rows become clients, each on its own; invalid rows are listed in the error report.',
  })
  @ApiAcceptedResponse({ type: ClientImportAcceptedDto })
  @ApiErrorResponses(400, 401, 403, 413)
  createClientImport(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedImportFile | undefined,
  ): Promise<ClientImportAcceptedDto> {
    return this.imports.upload(actor, file);
  }

  @Get('template')
  @RequirePermissions('clients:write')
  @ApiOperation({ operationId: 'getClientImportTemplate', summary: 'Import template: the headers and one example row' })
  @ApiProduces(...SPREADSHEET_TYPES)
  @ApiOkResponse({ description: 'The template file', schema: { type: 'string', format: 'binary' } })
  @ApiErrorResponses(400, 401, 403)
  async getClientImportTemplate(@Query() query: ImportFileFormatQueryDto): Promise<StreamableFile> {
    return download(await this.imports.template(query.format ?? 'xlsx'));
  }

  @Get()
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'listClientImports', summary: 'Client imports of the organisation, newest first' })
  @ApiOkResponse({ type: ClientImportPageDto })
  @ApiErrorResponses(400, 401, 403)
  listClientImports(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<ClientImportPageDto> {
    return this.imports.list(actor, query);
  }

  @Get(':id')
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'getClientImport', summary: 'Status and progress of a client import' })
  @ApiOkResponse({ type: ClientImportDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getClientImport(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ClientImportDto> {
    return this.imports.get(actor, id);
  }

  @Get(':id/errors')
  @RequirePermissions('clients:read')
  @ApiOperation({
    operationId: 'getClientImportErrors',
    summary: 'Row-by-row error report of an import (row, column, code, message)',
    description: 'Audited as `client_import.errors_exported`.',
  })
  @ApiProduces(...SPREADSHEET_TYPES)
  @ApiOkResponse({ description: 'The report file', schema: { type: 'string', format: 'binary' } })
  @ApiErrorResponses(400, 401, 403, 404)
  async getClientImportErrors(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: ImportFileFormatQueryDto,
  ): Promise<StreamableFile> {
    return download(await this.imports.errorReport(actor, id, query.format ?? 'csv'));
  }
}
