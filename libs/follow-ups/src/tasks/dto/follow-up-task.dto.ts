import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import { FOLLOW_UP_METHODS, type FollowUpMethod } from '../../templates/follow-up-method';
import { TASK_STATUSES, type TaskStatus, type TaskView } from '../follow-up-task.repository';

export const TASK_VIEWS: readonly TaskView[] = ['today', 'overdue', 'upcoming', 'done'];

export class StaffRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '李护士' })
  displayName!: string;
}

export class FollowUpTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ example: '王五' })
  clientName!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null for a single task made by hand' })
  planId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '检后随访' })
  planName!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['active', 'paused', 'stopped', 'completed'] })
  planStatus!: string | null;

  @ApiProperty({ example: '检后1周随访' })
  title!: string;

  @ApiProperty({ enum: FOLLOW_UP_METHODS })
  method!: FollowUpMethod;

  @ApiProperty({ example: '电话' })
  methodLabel!: string;

  @ApiProperty({ type: String, nullable: true })
  questionnaireId!: string | null;

  @ApiProperty({ example: 'client_manager' })
  assigneeRule!: string;

  @ApiProperty({ type: StaffRefDto, nullable: true, description: 'null: in the unassigned pool' })
  assignee!: StaffRefDto | null;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;

  @ApiProperty({ description: 'The window has ended and the task is not completed (the one definition of overdue)' })
  overdue!: boolean;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ format: 'date-time' })
  windowStart!: string;

  @ApiProperty({ format: 'date-time' })
  windowEnd!: string;

  @ApiProperty({ format: 'date-time', description: 'When it becomes due and reminders go out' })
  remindAt!: string;

  @ApiProperty({ description: 'Records made so far (calls tried)' })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  completedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'card_ended' })
  cancelledReason!: string | null;
}

export class FollowUpTaskPageDto extends PageDto(FollowUpTaskDto) {}

export class ListFollowUpTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_VIEWS, description: 'today · overdue (window ended, not completed) · upcoming · done' })
  @IsOptional()
  @IsIn(TASK_VIEWS)
  view?: TaskView;

  @ApiPropertyOptional({ description: '`me`, `none` (the unassigned pool) or a user id' })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be me, none or a user id',
  })
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: FOLLOW_UP_METHODS })
  @IsOptional()
  @IsIn(FOLLOW_UP_METHODS)
  method?: FollowUpMethod;
}

export class FollowUpTaskCountsQueryDto {
  @ApiPropertyOptional({ description: '`me`, `none` or a user id; absent: everyone' })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be me, none or a user id',
  })
  assignee?: string;
}

export class FollowUpTaskCountsDto {
  @ApiProperty()
  today!: number;

  @ApiProperty()
  overdue!: number;

  @ApiProperty()
  upcoming!: number;

  @ApiProperty()
  done!: number;
}

export class CreateFollowUpTaskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  clientId!: string;

  @ApiProperty({ maxLength: 100, example: '复查血压电话随访' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  title!: string;

  @ApiProperty({ enum: FOLLOW_UP_METHODS })
  @IsIn(FOLLOW_UP_METHODS)
  method!: FollowUpMethod;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  dueAt!: string;

  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  windowDaysAfter?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the client’s manager' })
  @IsOptional()
  @IsUUID()
  assigneeUserId?: string;
}

export class RescheduleFollowUpTaskDto {
  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  dueAt!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 365, description: 'Default: the task’s current window length' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  windowDaysAfter?: number;
}

export class ReassignFollowUpTaskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  assigneeUserId!: string;
}

export class BulkReassignFollowUpTasksDto {
  @ApiProperty({ type: [String], maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  taskIds!: string[];

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  assigneeUserId!: string;
}

export class BulkReassignResultDto {
  @ApiProperty({ type: [String], description: 'Tasks reassigned (closed and unknown ones are left out)' })
  reassigned!: string[];
}

export class CancelFollowUpTaskDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason!: string;
}
