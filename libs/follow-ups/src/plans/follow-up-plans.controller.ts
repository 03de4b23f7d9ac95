import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { ClientFollowUpsDto, CreateFollowUpPlanDto, FollowUpPlanDto, StopFollowUpPlanDto } from './dto/follow-up-plan.dto';
import { FollowUpPlansService } from './follow-up-plans.service';

/** Follow-up plans: started by triggers or by hand, paused, resumed, stopped. */
@ApiTags('follow-ups')
@Audit({ targetType: 'follow_up_plan' })
@Controller('v1')
export class FollowUpPlansController {
  constructor(private readonly plans: FollowUpPlansService) {}

  @Post('follow-up-plans')
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'createFollowUpPlan',
    summary: 'Start a template’s plan for a client by hand',
    description:
      'The template’s condition is not checked; its steps’ conditions are (none applying → 422 `FOLLOW_UP_PLAN_EMPTY`).',
  })
  @ApiCreatedResponse({ type: FollowUpPlanDto })
  @ApiErrorResponses(400, 401, 403, 404, 422)
  createFollowUpPlan(@CurrentActor() actor: Actor, @Body() dto: CreateFollowUpPlanDto): Promise<FollowUpPlanDto> {
    return this.plans.create(actor, dto);
  }

  @Get('follow-up-plans/:id')
  @RequirePermissions('follow-ups:read')
  @ApiOperation({ operationId: 'getFollowUpPlan', summary: 'A plan with its task timeline' })
  @ApiOkResponse({ type: FollowUpPlanDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getFollowUpPlan(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<FollowUpPlanDto> {
    return this.plans.get(actor, id);
  }

  @Post('follow-up-plans/:id/pause')
  @RequirePermissions('follow-ups:manage')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'pauseFollowUpPlan', summary: 'Pause a plan: its open tasks wait, without reminders' })
  @ApiOkResponse({ type: FollowUpPlanDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  pauseFollowUpPlan(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<FollowUpPlanDto> {
    return this.plans.pause(actor, id);
  }

  @Post('follow-up-plans/:id/resume')
  @RequirePermissions('follow-ups:manage')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'resumeFollowUpPlan', summary: 'Resume a paused plan' })
  @ApiOkResponse({ type: FollowUpPlanDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  resumeFollowUpPlan(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<FollowUpPlanDto> {
    return this.plans.resume(actor, id);
  }

  @Post('follow-up-plans/:id/stop')
  @RequirePermissions('follow-ups:manage')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'stopFollowUpPlan', summary: 'Stop a plan: its open tasks are cancelled' })
  @ApiOkResponse({ type: FollowUpPlanDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  stopFollowUpPlan(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: StopFollowUpPlanDto,
  ): Promise<FollowUpPlanDto> {
    return this.plans.stop(actor, id, dto);
  }

  @Get('clients/:id/follow-ups')
  @RequirePermissions('follow-ups:read')
  @ApiOperation({ operationId: 'getClientFollowUps', summary: 'A client’s plans with their timelines, single tasks and records' })
  @ApiOkResponse({ type: ClientFollowUpsDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getClientFollowUps(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) clientId: string): Promise<ClientFollowUpsDto> {
    return this.plans.ofClient(actor, clientId);
  }
}
