import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageDto, PageQueryDto } from '../../http/pagination';
import { NOTIFICATION_AUDIENCES, NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES } from '../notification.types';
import type { NotificationAudience, NotificationChannel, NotificationStatus } from '../notification.types';

const STATUS_DESCRIPTION =
  '`queued` waiting or being retried (see `reason` for the last failure), `sent`, `failed` for good, `skipped` on ' +
  'purpose (`no_consent`, `client_deleted`, `staff_inactive`, `template_inactive`)';

export class NotificationAttemptDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ['sent', 'failed', 'skipped'] })
  outcome!: 'sent' | 'failed' | 'skipped';

  @ApiProperty({ nullable: true, type: Number, example: 500 })
  httpStatus!: number | null;

  @ApiProperty({ nullable: true, type: String, example: 'http_500' })
  errorCode!: string | null;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'follow-up-task:4c2e…:due:staff' })
  dedupeKey!: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS })
  channel!: NotificationChannel;

  @ApiProperty({ enum: NOTIFICATION_AUDIENCES })
  audience!: NotificationAudience;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  userId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  clientId!: string | null;

  @ApiProperty({ example: 'follow-up.reminder' })
  template!: string;

  @ApiProperty({ enum: NOTIFICATION_STATUSES, description: STATUS_DESCRIPTION })
  status!: NotificationStatus;

  @ApiProperty({ nullable: true, type: String, example: 'no_consent' })
  reason!: string | null;

  @ApiProperty({ description: 'Delivery tries so far', example: 2 })
  attempts!: number;

  @ApiProperty({ description: 'Tries after the first', example: 1 })
  retried!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Held until then (quiet hours)' })
  notBefore!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  sentAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: [NotificationAttemptDto] })
  attemptLog!: NotificationAttemptDto[];
}

export class NotificationPageDto extends PageDto(NotificationDto) {}

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ description: 'Dedupe keys starting with this, e.g. `follow-up-task:<taskId>:`', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  dedupePrefix?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS })
  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS)
  channel?: NotificationChannel;
}

export class InboxItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'follow-up.task-due' })
  template!: string;

  @ApiProperty({ example: '随访任务到期：请在2026-03-11前完成客户张三的电话随访。' })
  text!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The variables the text was made from (ids to link to)',
  })
  variables!: Record<string, string | number>;

  @ApiProperty({ format: 'date-time' })
  sentAt!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  readAt!: string | null;
}

export class InboxPageDto extends PageDto(InboxItemDto) {
  @ApiProperty({ description: 'Unread notifications in the whole inbox', example: 3 })
  unread!: number;
}

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unreadOnly: boolean = false;
}

export class MarkAllReadDto {
  @ApiProperty({ description: 'How many were unread', example: 3 })
  updated!: number;
}
