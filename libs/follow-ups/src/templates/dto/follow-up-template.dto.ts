import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CLIENT_REMINDER_CHANNELS,
  FOLLOW_UP_METHODS,
  type ClientReminderChannel,
  type FollowUpMethod,
} from '../follow-up-method';
import { TRIGGER_TYPES, type TriggerType } from '../template-trigger';

const CONDITION_DESCRIPTION =
  'JSON Logic over the client facts, the language of tag rules (`GET /tag-rules/facts`), e.g. ' +
  '`{"==":[{"var":"risk.china-par.category"},"high"]}`; null: every client the trigger names.';

const METHOD_DESCRIPTION = '`phone` 电话, `sms` 短信, `wechat` 微信, `visit` 上门, `clinic` 门诊, `online_survey` 在线问卷';

export class FollowUpTriggerDto {
  @ApiProperty({ enum: TRIGGER_TYPES, example: 'report.ingested' })
  type!: TriggerType;

  @ApiPropertyOptional({ type: [String], description: '`card.opened`: card types (none: every card)' })
  cardTypeIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['SBP'],
    description: '`report.ingested`: abnormal codes (none: any abnormal item)',
  })
  abnormalCodes?: string[];

  @ApiPropertyOptional({
    example: 30,
    minimum: 0,
    maximum: 3650,
    description:
      '`report.ingested`: a report whose exam date is more than this many days before its arrival (imported history) starts no plan; default 30',
  })
  maxReportAgeDays?: number;

  @ApiPropertyOptional({ type: [String], description: '`tag.added`: tags' })
  tagIds?: string[];

  @ApiPropertyOptional({ example: 'china-par', description: '`risk.changed`: the model result name' })
  model?: string;

  @ApiPropertyOptional({ type: [String], example: ['high'], description: '`risk.changed`: categories' })
  categories?: string[];

  @ApiPropertyOptional({ description: '`survey.completed`: the questionnaire whose completed responses start the plan' })
  questionnaireId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: '`survey.completed`: result band codes; a response in any of them starts the plan (none: any response)',
  })
  bands?: string[];
}

export class FollowUpStepDto {
  @ApiProperty({ example: '检后1周随访' })
  title!: string;

  @ApiPropertyOptional({
    example: 'P7D',
    description: 'ISO-8601 duration from the trigger (`P7D`, `P1M`, `PT30S`); with `rrule`, the first occurrence',
  })
  offset?: string;

  @ApiPropertyOptional({
    example: 'FREQ=MONTHLY;COUNT=12',
    description: 'RFC 5545 rule with COUNT (≤ 60) or UNTIL; DAILY or longer',
  })
  rrule?: string;

  @ApiProperty({ example: 0, description: 'The window opens this many days before the due time' })
  windowDaysBefore!: number;

  @ApiProperty({ example: 3, description: 'Overdue (missed) this many days after the due time' })
  windowDaysAfter!: number;

  @ApiProperty({ enum: FOLLOW_UP_METHODS, description: METHOD_DESCRIPTION })
  method!: FollowUpMethod;

  @ApiProperty({ type: String, nullable: true, description: 'Questionnaire to send (when questionnaires exist)' })
  questionnaireId!: string | null;

  @ApiProperty({ example: 'client_manager', description: '`client_manager` or `role:<role code>` (least busy member)' })
  assignee!: string;

  @ApiProperty({ example: 60, description: 'Due (and reminded) this many minutes before the due time' })
  reminderLeadMinutes!: number;

  @ApiProperty({
    enum: CLIENT_REMINDER_CHANNELS,
    isArray: true,
    description: 'Client reminder channels (consent and quiet hours apply)',
  })
  clientChannels!: ClientReminderChannel[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The step applies only when this holds' })
  condition?: Record<string, unknown>;
}

/** What a version fixes: `description` and `active` are not part of it. */
export class FollowUpTemplateDefinitionDto {
  @ApiProperty({ example: '检后随访' })
  name!: string;

  @ApiProperty({ type: FollowUpTriggerDto })
  trigger!: FollowUpTriggerDto;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: CONDITION_DESCRIPTION })
  condition!: Record<string, unknown> | null;

  @ApiProperty({ type: [FollowUpStepDto] })
  steps!: FollowUpStepDto[];

  @ApiProperty({ description: 'A card of the client cancelled or expired stops its plans' })
  stopWhenCardEnds!: boolean;
}

export class FollowUpTemplateDto extends FollowUpTemplateDefinitionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ example: 2, description: 'Moves when the definition (name, trigger, condition, steps, card rule) changes' })
  version!: number;

  @ApiProperty({ type: String, nullable: true, example: 'post-exam', description: 'Set on seeded templates' })
  seedKey!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CreateFollowUpTemplateDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ type: FollowUpTriggerDto })
  @IsObject()
  trigger!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: CONDITION_DESCRIPTION })
  @IsOptional()
  @IsObject()
  condition?: Record<string, unknown> | null;

  @ApiProperty({ type: [FollowUpStepDto] })
  @IsArray()
  steps!: Record<string, unknown>[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  stopWhenCardEnds?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Only the fields sent change; `condition: null` removes the condition. */
export class UpdateFollowUpTemplateDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  @ApiPropertyOptional({ type: FollowUpTriggerDto })
  @IsOptional()
  @IsObject()
  trigger?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: CONDITION_DESCRIPTION })
  @IsOptional()
  @IsObject()
  condition?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: [FollowUpStepDto] })
  @IsOptional()
  @IsArray()
  steps?: Record<string, unknown>[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  stopWhenCardEnds?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListFollowUpTemplatesQueryDto {
  @ApiPropertyOptional({ enum: TRIGGER_TYPES })
  @IsOptional()
  @IsIn(TRIGGER_TYPES)
  triggerType?: TriggerType;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class TemplatePreviewRequestDto {
  @ApiProperty({ type: [FollowUpStepDto] })
  @IsArray()
  steps!: Record<string, unknown>[];

  @ApiPropertyOptional({ format: 'date-time', description: 'The trigger moment; default now' })
  @IsOptional()
  @IsDateString({ strict: true })
  anchorAt?: string;
}

export class PreviewTaskDto {
  @ApiProperty()
  stepIndex!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: FOLLOW_UP_METHODS })
  method!: FollowUpMethod;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ format: 'date-time' })
  windowStart!: string;

  @ApiProperty({ format: 'date-time' })
  windowEnd!: string;

  @ApiProperty({ format: 'date-time' })
  remindAt!: string;

  @ApiProperty({ description: 'The step has a condition: only clients whose facts satisfy it get this task' })
  conditional!: boolean;
}

export class TemplatePreviewDto {
  @ApiProperty({ type: [PreviewTaskDto] })
  tasks!: PreviewTaskDto[];
}

export class FollowUpTemplateVersionDto {
  @ApiProperty()
  version!: number;

  @ApiProperty({
    type: FollowUpTemplateDefinitionDto,
    description: 'Name, trigger, condition, steps and card rule of this version',
  })
  definition!: FollowUpTemplateDefinitionDto;

  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  actorType!: string;

  @ApiProperty({ type: String, nullable: true })
  actorId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '张医生',
    description: 'Display name of the staff user or name of the API key that saved it; null for the system (seeds)',
  })
  actorName!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
