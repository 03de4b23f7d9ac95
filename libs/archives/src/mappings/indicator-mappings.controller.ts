import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, PageQueryDto, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  CreatedIndicatorMappingDto,
  CreateIndicatorMappingDto,
  IndicatorMappingPageDto,
  ListIndicatorMappingsQueryDto,
  UnmappedItemNamePageDto,
} from './dto/indicator-mapping.dto';
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
      'Every stored raw item of that source and name is re-processed in the same transaction: observations are written, ' +
      'report status and counts updated, and `report.reprocessed` `{ reportId, clientId, abnormalCodes }` emitted per ' +
      'changed report. The same source, name and context again → 409 `INDICATOR_MAPPING_EXISTS`.',
  })
  @ApiCreatedResponse({ type: CreatedIndicatorMappingDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createIndicatorMapping(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateIndicatorMappingDto,
  ): Promise<CreatedIndicatorMappingDto> {
    return this.mappings.create(actor, dto);
  }
}
