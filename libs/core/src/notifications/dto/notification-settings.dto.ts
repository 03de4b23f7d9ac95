import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { TIME_OF_DAY } from '../quiet-hours';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const NULLABLE_STRING = { nullable: true, type: String } as const;

export class NotificationSettingsDto {
  @ApiProperty({ example: '21:00', description: 'Client messages are held from this local time …' })
  quietStart!: string;

  @ApiProperty({ example: '08:00', description: '… until this one (equal times: no quiet hours)' })
  quietEnd!: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone!: string;

  @ApiProperty({ description: 'The time zone is the organisation’s (none set here)' })
  timeZoneIsDefault!: boolean;

  @ApiProperty(NULLABLE_STRING)
  webhookUrl!: string | null;

  @ApiProperty()
  webhookSecretConfigured!: boolean;

  @ApiProperty(NULLABLE_STRING)
  smsGatewayUrl!: string | null;

  @ApiProperty()
  smsTokenConfigured!: boolean;

  @ApiProperty(NULLABLE_STRING)
  wechatAppId!: string | null;

  @ApiProperty()
  wechatSecretConfigured!: boolean;

  @ApiProperty({ example: 'https://api.weixin.qq.com' })
  wechatApiBase!: string;
}

/** Fields left out keep their value; `null` clears one. Secrets are write-only. */
export class UpdateNotificationSettingsDto {
  @ApiPropertyOptional({ example: '21:00' })
  @IsOptional()
  @Matches(TIME_OF_DAY, { message: 'quietStart must be HH:MM' })
  quietStart?: string;

  @ApiPropertyOptional({ example: '08:00' })
  @IsOptional()
  @Matches(TIME_OF_DAY, { message: 'quietEnd must be HH:MM' })
  quietEnd?: string;

  @ApiPropertyOptional({ ...NULLABLE_STRING, example: 'Asia/Shanghai', description: 'null: the organisation’s zone' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;

  @ApiPropertyOptional({ ...NULLABLE_STRING, example: 'https://sms-bridge.example.com/hooks/health' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ ...NULLABLE_STRING, description: 'HMAC-SHA256 key of `X-Signature`' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  webhookSecret?: string | null;

  @ApiPropertyOptional({ ...NULLABLE_STRING, description: 'Receives `POST {phone, text}` with the bearer token' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  smsGatewayUrl?: string | null;

  @ApiPropertyOptional(NULLABLE_STRING)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  smsToken?: string | null;

  @ApiPropertyOptional(NULLABLE_STRING)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  wechatAppId?: string | null;

  @ApiPropertyOptional(NULLABLE_STRING)
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  wechatSecret?: string | null;

  @ApiPropertyOptional({ ...NULLABLE_STRING, description: 'null: https://api.weixin.qq.com' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  wechatApiBase?: string | null;
}
