import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, PageQueryDto, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  ChangedIndicatorMappingDto,
  CreatedIndicatorMappingDto,
  CreateIndicatorMappingDto,
  DeleteIndicatorMappingQueryDto,
  IndicatorMappingPageDto,
  IndicatorMappingVersionPageDto,
  ListIndicatorMappingsQueryDto,
  UnmappedItemNamePageDto,
  UpdateIndicatorMappingDto,
} from './dto/indicator-mapping.dto';

const REPROCESS_NOTE =
  'The stored items of the source and name (still raw, or resolved by one of its mappings) are re-processed in the ' +
  'same transaction: observations written, rewritten or removed, report counts and status updated (`needs_mapping` ' +
  'again when an item is raw again), `report.reprocessed` `{ reportId, clientId, abnormalCodes }` emitted per changed ' +
  'report. More than 500 such items: the mapping answers `reprocessing: queued` and a worker job does it.';
import { IndicatorMappingsService } from './indicator-mappings.service';

@ApiTags('indicators')
@Audit({ targetType: 'indicator_mapping' })
@Controller('v1/indicator-mappings')
export class IndicatorMappingsController {
  constructor(private readonly mappings: IndicatorMappingsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ operationId: 'listIndicatorMappings', summary: 'The organisation’s item mappings, newest first' })
  @ApiOkResponse({ type: IndicatorMappingPageDto })
  @ApiErrorResponses(400, 401, 403)
  listIndicatorMappings(
    @CurrentActor() actor: Actor,
    @Query() query: ListIndicatorMappingsQueryDto,
  ): Promise<IndicatorMappingPageDto> {
    return this.mappings.list(actor, query);
  }

  @Get('unmapped')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'listUnmappedItemNames',
    summary: 'Mapping workbench: item names no indicator matched',
    description: 'Grouped by source and normalised name, most frequent first, with counts, categories and recent values.',
  })
  @ApiOkResponse({ type: UnmappedItemNamePageDto })
  @ApiErrorResponses(400, 401, 403)
  listUnmappedItemNames(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<UnmappedItemNamePageDto> {
    return this.mappings.unmapped(actor, query);
  }

  @Post()
  @RequirePermissions('indicators:manage')
  @ApiOperation({
    operationId: 'createIndicatorMapping',
    summary: 'Map a sender’s item name to an indicator (or mark it text-only)',
    description:
      `${REPROCESS_NOTE} The same source, name and context again → 409 \`INDICATOR_MAPPING_EXISTS\`; a retired ` +
      'indicator → 409 `INDICATOR_RETIRED`.',
  })
  @ApiCreatedResponse({ type: CreatedIndicatorMappingDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createIndicatorMapping(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateIndicatorMappingDto,
  ): Promise<CreatedIndicatorMappingDto> {
    return this.mappings.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermissions('indicators:manage')
  @ApiOperation({
    operationId: 'updateIndicatorMapping',
    summary: 'Map the name to another indicator, or switch to or from text-only',
    description:
      `${REPROCESS_NOTE} The same target again changes nothing. Each change is a new version. Unknown or deleted ` +
      'mapping → 404 `INDICATOR_MAPPING_NOT_FOUND`; stale `expectedVersion` → 409 `INDICATOR_MAPPING_VERSION_CONFLICT`; ' +
      'a retired indicator → 409 `INDICATOR_RETIRED`.',
  })
  @ApiOkResponse({ type: ChangedIndicatorMappingDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateIndicatorMapping(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: UpdateIndicatorMappingDto,
  ): Promise<ChangedIndicatorMappingDto> {
    return this.mappings.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermissions('indicators:manage')
  @ApiOperation({
    operationId: 'deleteIndicatorMapping',
    summary: 'Delete a mapping: the items it resolved are unmapped again',
    description:
      `${REPROCESS_NOTE} Items no other mapping of the name resolves are raw again (their observations removed, back in ` +
      'the workbench). Answers the deleted mapping (`deletedAt` set); its versions stay readable. Unknown or already ' +
      'deleted → 404 `INDICATOR_MAPPING_NOT_FOUND`; stale `expectedVersion` → 409 `INDICATOR_MAPPING_VERSION_CONFLICT`.',
  })
  @ApiOkResponse({ type: ChangedIndicatorMappingDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  deleteIndicatorMapping(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: DeleteIndicatorMappingQueryDto,
  ): Promise<ChangedIndicatorMappingDto> {
    return this.mappings.delete(actor, id, query);
  }

  @Get(':id/versions')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'listIndicatorMappingVersions',
    summary: 'Versions of a mapping, newest first (also of a deleted one): target, kind of change, author',
  })
  @ApiOkResponse({ type: IndicatorMappingVersionPageDto })
  @ApiErrorResponses(400, 401, 403, 404)
  listIndicatorMappingVersions(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<IndicatorMappingVersionPageDto> {
    return this.mappings.versions(actor, id, query);
  }
}
