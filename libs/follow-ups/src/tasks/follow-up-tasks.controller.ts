import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { FollowUpTaskDetailDto } from './dto/follow-up-task-detail.dto';
import {
  BulkReassignFollowUpTasksDto,
  BulkReassignResultDto,
  CancelFollowUpTaskDto,
  CreateFollowUpTaskDto,
  FollowUpTaskCountsDto,
  FollowUpTaskCountsQueryDto,
  FollowUpTaskDto,
  FollowUpTaskPageDto,
  ListFollowUpTasksQueryDto,
  ReassignFollowUpTaskDto,
  RescheduleFollowUpTaskDto,
} from './dto/follow-up-task.dto';
import { FollowUpTasksService } from './follow-up-tasks.service';

/** The follow-up workbench (随访工作台): task lists, a task's page, and the hand operations on tasks. */
@ApiTags('follow-ups')
@Audit({ targetType: 'follow_up_task' })
@Controller('v1/follow-up-tasks')
export class FollowUpTasksController {
  constructor(private readonly tasks: FollowUpTasksService) {}

  @Get()
  @RequirePermissions('follow-ups:read')
  @ApiOperation({
    operationId: 'listFollowUpTasks',
    summary: 'Tasks by view (today, overdue, upcoming, done), assignee and filters',
    description:
      'Overdue everywhere means: the window has ended and the task is not completed. Tasks of paused plans wait outside the views.',
  })
  @ApiOkResponse({ type: FollowUpTaskPageDto })
  @ApiErrorResponses(400, 401, 403)
  listFollowUpTasks(@CurrentActor() actor: Actor, @Query() query: ListFollowUpTasksQueryDto): Promise<FollowUpTaskPageDto> {
    return this.tasks.list(actor, query);
  }

  @Get('counts')
  @RequirePermissions('follow-ups:read')
  @ApiOperation({ operationId: 'countFollowUpTasks', summary: 'How many tasks each view holds (for the workbench tabs)' })
  @ApiOkResponse({ type: FollowUpTaskCountsDto })
  @ApiErrorResponses(400, 401, 403)
  countFollowUpTasks(@CurrentActor() actor: Actor, @Query() query: FollowUpTaskCountsQueryDto): Promise<FollowUpTaskCountsDto> {
    return this.tasks.counts(actor, query);
  }

  @Post()
  @RequirePermissions('follow-ups:write')
  @ApiOperation({ operationId: 'createFollowUpTask', summary: 'A single follow-up task outside any plan' })
  @ApiCreatedResponse({ type: FollowUpTaskDto })
  @ApiErrorResponses(400, 401, 403, 404, 422)
  createFollowUpTask(@CurrentActor() actor: Actor, @Body() dto: CreateFollowUpTaskDto): Promise<FollowUpTaskDto> {
    return this.tasks.create(actor, dto);
  }

  @Post('reassign')
  @RequirePermissions('follow-ups:manage')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'reassignFollowUpTasks', summary: 'Reassign many tasks to one person' })
  @ApiOkResponse({ type: BulkReassignResultDto })
  @ApiErrorResponses(400, 401, 403, 422)
  reassignFollowUpTasks(@CurrentActor() actor: Actor, @Body() dto: BulkReassignFollowUpTasksDto): Promise<BulkReassignResultDto> {
    return this.tasks.reassignMany(actor, dto);
  }

  @Get(':id')
  @RequirePermissions('follow-ups:read')
  @ApiOperation({
    operationId: 'getFollowUpTask',
    summary: 'A task with its client’s summary (tags, risks, abnormal items) and previous records',
  })
  @ApiOkResponse({ type: FollowUpTaskDetailDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getFollowUpTask(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<FollowUpTaskDetailDto> {
    return this.tasks.detail(actor, id);
  }

  @Post(':id/reschedule')
  @RequirePermissions('follow-ups:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'rescheduleFollowUpTask', summary: 'Move a task; its reminder and overdue moments move with it' })
  @ApiOkResponse({ type: FollowUpTaskDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  rescheduleFollowUpTask(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: RescheduleFollowUpTaskDto,
  ): Promise<FollowUpTaskDto> {
    return this.tasks.reschedule(actor, id, dto);
  }

  @Post(':id/reassign')
  @RequirePermissions('follow-ups:manage')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'reassignFollowUpTask', summary: 'Give a task to someone else' })
  @ApiOkResponse({ type: FollowUpTaskDto })
  @ApiErrorResponses(400, 401, 403, 404, 409, 422)
  reassignFollowUpTask(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: ReassignFollowUpTaskDto,
  ): Promise<FollowUpTaskDto> {
    return this.tasks.reassign(actor, id, dto.assigneeUserId);
  }

  @Post(':id/cancel')
  @RequirePermissions('follow-ups:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'cancelFollowUpTask', summary: 'Cancel a task with a reason (its reminders go)' })
  @ApiOkResponse({ type: FollowUpTaskDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  cancelFollowUpTask(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: CancelFollowUpTaskDto,
  ): Promise<FollowUpTaskDto> {
    return this.tasks.cancel(actor, id, dto);
  }
}
