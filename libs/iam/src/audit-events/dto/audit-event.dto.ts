import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  AUDIT_ACTOR_TYPES,
  AUDIT_OUTCOMES,
  AUDIT_TOTAL_EXACT_UP_TO,
  AuditActorType,
  AuditOutcome,
  EstimatedPageDto,
  PageQueryDto,
} from '@health/core';

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Absent on platform-level events (e.g. failed login of an unknown username)',
  })
  orgId?: string;

  @ApiProperty({ enum: AUDIT_ACTOR_TYPES })
  actorType!: AuditActorType;

  @ApiPropertyOptional()
  actorId?: string;

  @ApiPropertyOptional({ description: 'Username or API key name, looked up when read (never stored in the log)' })
  actorName?: string;

  @ApiProperty({ example: 'auth.login', description: 'Dotted event name or the operationId of the write' })
  action!: string;

  @ApiPropertyOptional({ example: 'user' })
  targetType?: string;

  @ApiPropertyOptional()
  targetId?: string;

  @ApiProperty({ enum: AUDIT_OUTCOMES })
  outcome!: AuditOutcome;

  @ApiPropertyOptional({ example: '10.0.0.8' })
  ip?: string;

  @ApiPropertyOptional()
  requestId?: string;

  @ApiProperty({ description: 'SHA-256 chaining this row to the previous one of its organisation' })
  hash!: string;
}

export class AuditEventPageDto extends EstimatedPageDto(AuditEventDto, AUDIT_TOTAL_EXACT_UP_TO, 'events') {}

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive lower bound of occurredAt' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive upper bound of occurredAt' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'auth.login_failed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetId?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;
}

export class AuditVerificationDto {
  @ApiProperty({ description: 'Every row’s hash matches its content and predecessor' })
  valid!: boolean;

  @ApiProperty({ description: 'Rows checked (up to the first broken one)', example: 1234 })
  checked!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'First row whose hash does not match' })
  firstBrokenId?: string;
}
