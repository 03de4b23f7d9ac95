import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { CreateFollowUpRecordDto, FollowUpRecordDto, RecordResultDto } from './dto/follow-up-record.dto';
import { FollowUpRecordsService } from './follow-up-records.service';

/** Follow-up records (随访记录) of a task. */
@ApiTags('follow-ups')
@Audit({ targetType: 'follow_up_task' })
@Controller('v1/follow-up-tasks/:id/records')
export class FollowUpRecordsController {
  constructor(private readonly records: FollowUpRecordsService) {}

  @Post()
  @RequirePermissions('follow-ups:write')
  @ApiOperation({
    operationId: 'createFollowUpRecord',
    summary: 'Record a call or visit of the task',
    description:
      '`reached`/`refused` complete the task (its pending reminders go, `follow-up.completed` is emitted); `not_reached`/`wrong_number` keep it open and count the attempt. ' +
      'Measured values become observations with source `follow-up`. Completed or cancelled task → 409 `FOLLOW_UP_TASK_CLOSED`.',
  })
  @ApiCreatedResponse({ type: RecordResultDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  createFollowUpRecord(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) taskId: string,
    @Body() dto: CreateFollowUpRecordDto,
  ): Promise<RecordResultDto> {
    return this.records.create(actor, taskId, dto);
  }

  @Get()
  @RequirePermissions('follow-ups:read')
  @ApiOperation({ operationId: 'listFollowUpRecords', summary: 'The task’s records, newest first' })
  @ApiOkResponse({ type: [FollowUpRecordDto] })
  @ApiErrorResponses(400, 401, 403, 404)
  listFollowUpRecords(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) taskId: string): Promise<FollowUpRecordDto[]> {
    return this.records.listOfTask(actor, taskId);
  }
}
