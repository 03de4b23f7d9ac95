import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  ListObservationsQueryDto,
  MAX_CODES_PER_REQUEST,
  ObservationPageDto,
  TrendTableCellDto,
  TrendTableDto,
  TrendTableQueryDto,
  TrendsDto,
  TrendsQueryDto,
} from './dto/observation.dto';
import { ObservationsService } from './observations.service';

const DIRECTION_RULE =
  '`direction` compares the first and the last point with the reference interval: with e = how far a value lies outside ' +
  'the interval as a fraction of the limit it passes (0 inside; a limit of 0 counts the absolute distance), it is ' +
  '`worsening` when e(last) − e(first) > 0.02, `improving` when e(first) − e(last) > 0.02, and `stable` otherwise ' +
  '(staying within the interval or within 2 % of a limit, or moving less than that); without any limit it is `stable`. ' +
  '`slopePerYear` is the least-squares slope of value over days / 365.25 (null when all points share one date), ' +
  '`change` is last − first (both rounded to 4 decimals), `abnormalStreak` the number of latest consecutive points ' +
  'whose stored verdict is not `normal`.';

const ARROW_RULE =
  'Columns are the latest `years` calendar years in which the client has any of the selected observations, ascending. ' +
  'A cell shows the latest measurement of its year (`count` says how many there were). Its `arrow` compares it with the ' +
  'previous column: numeric `↑`/`↓` when the value moved by more than 1 % of the previous value (any change from 0), ' +
  'else `→`; ordinal by grade (阴性 < ± < 1+ < 2+ < 3+ < 4+; 阳性 without a grade only equals itself); text and a cell ' +
  'after an empty column have none. `abnormal` marks a verdict other than `normal`.';

/**
 * A client's observations and trends. They are exam-report data, so reading them takes
 * `reports:read` (held by every clinical role, and grantable to a partner's API key).
 */
@ApiTags('archives')
// Table cells are referenced by a nullable item schema, which does not register the model by itself.
@ApiExtraModels(TrendTableCellDto)
@Audit({ targetType: 'client' })
@Controller('v1/clients/:id')
export class ObservationsController {
  constructor(private readonly observations: ObservationsService) {}

  @Get('observations')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'listObservations',
    summary: "A client's stored indicator values, newest first",
    description:
      'Every value type (numeric in the canonical unit, ordinal grades, text conclusions) with the verdict and the ' +
      'reference that applied when it was stored. `from` after `to` → 400. Audited as `observations.read`.',
  })
  @ApiOkResponse({ type: ObservationPageDto })
  @ApiErrorResponses(400, 401, 403, 404)
  listObservations(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: ListObservationsQueryDto,
  ): Promise<ObservationPageDto> {
    return this.observations.list(actor, id, query);
  }

  @Get('trends')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'getTrends',
    summary: 'Multi-year trend of numeric indicators (历年指标趋势)',
    description:
      `One series per requested code (1–${MAX_CODES_PER_REQUEST}, numeric indicators only) with its points in date order ` +
      "and statistics; `reference` is the current dictionary interval for the client's sex (and age today where the dictionary has age bands), each point's `abnormal` the " +
      `verdict stored with it. ${DIRECTION_RULE} Unknown code → 400 \`UNKNOWN_INDICATOR\`, ordinal/text code → 400 ` +
      '`INDICATOR_NOT_NUMERIC`, `from` after `to` → 400. Audited as `observations.trends_read`.',
  })
  @ApiOkResponse({ type: TrendsDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getTrends(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: TrendsQueryDto,
  ): Promise<TrendsDto> {
    return this.observations.trends(actor, id, query);
  }

  @Get('trends/table')
  @RequirePermissions('reports:read')
  @ApiOperation({
    operationId: 'getTrendTable',
    summary: 'Year-over-year comparison of indicators (历年对比)',
    description:
      `One row per indicator (numeric, ordinal and text), one column per exam year. ${ARROW_RULE} Unknown code → 400 ` +
      '`UNKNOWN_INDICATOR`. Audited as `observations.table_read`.',
  })
  @ApiOkResponse({ type: TrendTableDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getTrendTable(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: TrendTableQueryDto,
  ): Promise<TrendTableDto> {
    return this.observations.table(actor, id, query);
  }
}
