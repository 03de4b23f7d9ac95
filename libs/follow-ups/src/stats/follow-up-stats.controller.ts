import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { FollowUpStatsDto, FollowUpStatsQueryDto, FollowUpWorkloadDto } from './dto/follow-up-stats.dto';
import { FollowUpStatsService } from './follow-up-stats.service';

@ApiTags('follow-ups')
@Controller('v1/stats/follow-ups')
export class FollowUpStatsController {
  constructor(private readonly stats: FollowUpStatsService) {}

  @Get()
  @RequirePermissions('stats:read')
  @ApiOperation({
    operationId: 'getFollowUpStats',
    summary: 'Follow-up KPIs by staff or team over a period of due dates',
    description:
      'Due, completed within window, missed, on-time rate, reach rate and average satisfaction, per group and in total.',
  })
  @ApiOkResponse({ type: FollowUpStatsDto })
  @ApiErrorResponses(400, 401, 403)
  getFollowUpStats(@CurrentActor() actor: Actor, @Query() query: FollowUpStatsQueryDto): Promise<FollowUpStatsDto> {
    return this.stats.kpis(actor, query);
  }

  @Get('workload')
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'getFollowUpWorkload',
    summary: 'The team’s workload now: open, due today and overdue tasks per assignee',
  })
  @ApiOkResponse({ type: FollowUpWorkloadDto })
  @ApiErrorResponses(401, 403)
  getFollowUpWorkload(@CurrentActor() actor: Actor): Promise<FollowUpWorkloadDto> {
    return this.stats.workload(actor);
  }
}
