import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FollowUpRecordDto } from '../../records/dto/follow-up-record.dto';
import { FollowUpTaskDto } from '../../tasks/dto/follow-up-task.dto';
import { PLAN_STATUSES, type PlanStatus } from '../follow-up-plan.repository';

export class FollowUpPlanDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  templateId!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The template version the tasks were planned from' })
  templateVersion!: number | null;

  @ApiProperty({ example: '检后随访' })
  name!: string;

  @ApiProperty({ example: 'report.ingested', description: 'What started it (`manual` for a plan made by hand)' })
  triggerType!: string;

  @ApiProperty({ enum: PLAN_STATUSES })
  status!: PlanStatus;

  @ApiProperty({ type: String, nullable: true, example: 'card_ended' })
  stopReason!: string | null;

  @ApiProperty({ format: 'date-time', description: 'The moment the steps count from' })
  anchorAt!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: [FollowUpTaskDto], description: 'Its tasks in due order (the plan timeline)' })
  tasks!: FollowUpTaskDto[];
}

export class CreateFollowUpPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  clientId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  templateId!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The moment the steps count from; default now' })
  @IsOptional()
  @IsDateString({ strict: true })
  startAt?: string;
}

export class StopFollowUpPlanDto {
  @ApiProperty({ maxLength: 200, example: '客户要求停止随访' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason!: string;
}

export class ClientFollowUpsDto {
  @ApiProperty({ type: [FollowUpPlanDto], description: 'Newest first, each with its timeline' })
  plans!: FollowUpPlanDto[];

  @ApiProperty({ type: [FollowUpTaskDto], description: 'Single tasks made by hand, outside plans' })
  singleTasks!: FollowUpTaskDto[];

  @ApiProperty({ type: [FollowUpRecordDto], description: 'Records, newest first (up to 100)' })
  records!: FollowUpRecordDto[];
}
