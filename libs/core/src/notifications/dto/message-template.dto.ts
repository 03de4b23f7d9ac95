import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { NOTIFICATION_CHANNELS } from '../notification.types';
import type { NotificationChannel } from '../notification.types';

const TEXT_DESCRIPTION =
  'Chinese text with `{{variable}}` placeholders. Always available: `orgName`, `recipientName`; follow-up messages ' +
  'also get `clientName`, `method`, `dueDate`. A variable the message lacks fails it (`template_variable_missing`).';

export class MessageTemplateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'follow-up.reminder' })
  code!: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS })
  channel!: NotificationChannel;

  @ApiProperty({ description: TEXT_DESCRIPTION })
  textZh!: string;

  @ApiProperty({ nullable: true, type: String, description: 'WeChat template id (wechat channel only)' })
  wechatTemplateId!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'WeChat template field → text with placeholders, e.g. `{"keyword1":"{{method}}"}`',
  })
  wechatFields!: Record<string, string>;

  @ApiProperty({ description: 'An inactive template skips its messages (`template_inactive`)' })
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** Only the fields sent change. */
export class UpdateMessageTemplateDto {
  @ApiPropertyOptional({ description: TEXT_DESCRIPTION, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  textZh?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  wechatTemplateId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  wechatFields?: Record<string, string>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
