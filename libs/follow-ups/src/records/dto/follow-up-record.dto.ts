import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FOLLOW_UP_METHODS, type FollowUpMethod } from '../../templates/follow-up-method';
import { FollowUpTaskDto } from '../../tasks/dto/follow-up-task.dto';
import {
  MEDICATION_ADHERENCE,
  NEXT_ACTIONS,
  RECORD_OUTCOMES,
  type MedicationAdherence,
  type NextAction,
  type RecordOutcome,
} from '../follow-up-record.repository';

const OUTCOME_DESCRIPTION =
  '`reached` 已接通 and `refused` 拒绝随访 complete the task; `not_reached` 未接通 and `wrong_number` 号码错误 keep it open, counting the attempt';
const NEXT_ACTION_DESCRIPTION =
  '`close` nothing more · `schedule_extra` an extra task on `nextActionDate` · `refer` 转诊 (recorded) · `escalate` the client’s manager is notified';

export class MeasuredValueDto {
  @ApiProperty({ example: 'SBP', description: 'Numeric indicator code of the dictionary' })
  @Matches(/^[A-Z][A-Z0-9_]*$/, { message: 'code must be an indicator code such as SBP' })
  code!: string;

  @ApiProperty({ example: 135, description: 'In the indicator’s dictionary unit (mmHg, mmol/L)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
}

export class StoredMeasurementDto {
  @ApiProperty({ example: 'SBP' })
  code!: string;

  @ApiProperty({ example: 135 })
  value!: number;

  @ApiProperty({ example: 'mmHg' })
  unit!: string;

  @ApiProperty({ enum: ['normal', 'high', 'low', 'abnormal'] })
  abnormal!: string;
}

export class CreateFollowUpRecordDto {
  @ApiProperty({ enum: FOLLOW_UP_METHODS })
  @IsIn(FOLLOW_UP_METHODS)
  method!: FollowUpMethod;

  @ApiProperty({ enum: RECORD_OUTCOMES, description: OUTCOME_DESCRIPTION })
  @IsIn(RECORD_OUTCOMES)
  outcome!: RecordOutcome;

  @ApiPropertyOptional({ minimum: 0, maximum: 86400, description: 'Call duration in seconds' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  durationSeconds?: number;

  @ApiPropertyOptional({ maxLength: 4000, description: '随访内容' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  content?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: '客户自述情况' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  clientCondition?: string;

  @ApiPropertyOptional({ type: [MeasuredValueDto], description: 'Stored as observations with source `follow-up`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MeasuredValueDto)
  measuredValues?: MeasuredValueDto[];

  @ApiPropertyOptional({ enum: MEDICATION_ADHERENCE, description: '服药依从性' })
  @IsOptional()
  @IsIn(MEDICATION_ADHERENCE)
  medicationAdherence?: MedicationAdherence;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: '满意度 1–5' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;

  @ApiPropertyOptional({ enum: NEXT_ACTIONS, default: 'close', description: NEXT_ACTION_DESCRIPTION })
  @IsOptional()
  @IsIn(NEXT_ACTIONS)
  nextAction?: NextAction;

  @ApiPropertyOptional({ example: '2026-12-20', description: 'With `schedule_extra`: the extra task’s due day' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'nextActionDate must be YYYY-MM-DD' })
  nextActionDate?: string;
}

export class RecordedByDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  type!: string;

  @ApiProperty({ type: String, nullable: true })
  id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '李护士' })
  displayName!: string | null;
}

export class FollowUpRecordDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  taskId!: string;

  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ enum: FOLLOW_UP_METHODS })
  method!: FollowUpMethod;

  @ApiProperty({ enum: RECORD_OUTCOMES })
  outcome!: RecordOutcome;

  @ApiProperty({ type: Number, nullable: true })
  durationSeconds!: number | null;

  @ApiProperty({ type: String, nullable: true })
  content!: string | null;

  @ApiProperty({ type: String, nullable: true })
  clientCondition!: string | null;

  @ApiProperty({ type: [StoredMeasurementDto] })
  measuredValues!: StoredMeasurementDto[];

  @ApiProperty({ type: String, nullable: true, enum: MEDICATION_ADHERENCE })
  medicationAdherence!: MedicationAdherence | null;

  @ApiProperty({ type: Number, nullable: true })
  satisfaction!: number | null;

  @ApiProperty({ enum: NEXT_ACTIONS })
  nextAction!: NextAction;

  @ApiProperty({ type: String, nullable: true })
  nextActionDate!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The extra task `schedule_extra` created' })
  extraTaskId!: string | null;

  @ApiProperty({ type: RecordedByDto })
  recordedBy!: RecordedByDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class RecordResultDto {
  @ApiProperty({ type: FollowUpRecordDto })
  record!: FollowUpRecordDto;

  @ApiProperty({ type: FollowUpTaskDto, description: 'The task after the record (completed, or open with the attempt counted)' })
  task!: FollowUpTaskDto;
}
