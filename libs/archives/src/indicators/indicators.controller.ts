import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, PageQueryDto, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  CreateIndicatorDto,
  IndicatorDto,
  IndicatorPageDto,
  IndicatorVersionPageDto,
  ListIndicatorsQueryDto,
  UpdateIndicatorDto,
} from './dto/indicator.dto';
import { IndicatorsService } from './indicators.service';

const SCOPE_NOTE =
  'The dictionary an organisation sees is the platform dictionary (seeded from indicators.csv) with its own ' +
  'indicators and edits laid over it; an edit never changes another organisation’s verdicts.';

@ApiTags('indicators')
@Audit({ targetType: 'indicator', responseIdPath: 'code' })
@Controller('v1/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @RequirePermissions('reports:read')
  @ApiOperation({ operationId: 'listIndicators', summary: 'The indicator dictionary (指标字典)', description: SCOPE_NOTE })
  @ApiOkResponse({ type: IndicatorPageDto })
  @ApiErrorResponses(400, 401, 403)
  listIndicators(@CurrentActor() actor: Actor, @Query() query: ListIndicatorsQueryDto): Promise<IndicatorPageDto> {
    return this.indicators.list(actor, query);
  }

  @Post()
  @RequirePermissions('indicators:manage')
  @ApiOperation({
    operationId: 'createIndicator',
    summary: 'Add an indicator of the organisation',
    description:
      'Version 1 of the new indicator. A code that exists → 409 `INDICATOR_CODE_TAKEN`; a shared alias → 409 `INDICATOR_ALIAS_CONFLICT`.',
  })
  @ApiCreatedResponse({ type: IndicatorDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createIndicator(@CurrentActor() actor: Actor, @Body() dto: CreateIndicatorDto): Promise<IndicatorDto> {
    return this.indicators.create(actor, dto);
  }

  @Get(':code')
  @RequirePermissions('reports:read')
  @ApiOperation({ operationId: 'getIndicator', summary: 'One indicator as the organisation sees it' })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiErrorResponses(401, 403, 404)
  getIndicator(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<IndicatorDto> {
    return this.indicators.get(actor, code);
  }

  @Patch(':code')
  @RequirePermissions('indicators:manage')
  @ApiOperation({
    operationId: 'updateIndicator',
    summary: 'Edit names, ranges, aliases or units of an indicator for this organisation',
    description:
      `${SCOPE_NOTE} Each change is a new version (who, when, which fields); an edit that changes nothing saves none. ` +
      'Stored observations keep the interval that applied when they were stored. Stale `expectedVersion` → 409 ' +
      '`INDICATOR_VERSION_CONFLICT`; a shared alias → 409 `INDICATOR_ALIAS_CONFLICT`.',
  })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateIndicator(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() dto: UpdateIndicatorDto,
  ): Promise<IndicatorDto> {
    return this.indicators.update(actor, code, dto);
  }

  @Get(':code/versions')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'listIndicatorVersions',
    summary: 'Versions of an indicator, newest first',
    description: 'The organisation’s own versions, preceded by the platform versions up to the one it replaced.',
  })
  @ApiOkResponse({ type: IndicatorVersionPageDto })
  @ApiErrorResponses(400, 401, 403, 404)
  listIndicatorVersions(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Query() query: PageQueryDto,
  ): Promise<IndicatorVersionPageDto> {
    return this.indicators.versions(actor, code, query);
  }
}
