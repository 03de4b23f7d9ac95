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
import { AUDIT_VERIFICATION_STATUSES, AuditVerificationStatus } from '../audit-verification.entity';

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

export class AuditVerificationRunDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: AUDIT_VERIFICATION_STATUSES,
    description: '`completed` whether or not the chain was intact (see `valid`); `failed`: the job could not finish',
  })
  status!: AuditVerificationStatus;

  @ApiProperty({
    description: 'Rows in the chains when the job started (rows appended meanwhile are checked too)',
    example: 120000,
  })
  rowsTotal!: number;

  @ApiProperty({ description: 'Rows checked so far (at the end: up to the first broken one)', example: 48000 })
  checked!: number;

  @ApiPropertyOptional({ description: 'Set when completed: every row’s hash matches its content and predecessor' })
  valid?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'First row whose hash does not match' })
  firstBrokenId?: string;

  @ApiProperty({ enum: ['user', 'api_key'] })
  requestedByType!: 'user' | 'api_key';

  @ApiProperty({ description: 'Id of the user or API key that asked for it' })
  requestedBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
}

export class AuditVerificationListDto {
  @ApiProperty({
    type: [AuditVerificationRunDto],
    description: 'The organisation’s latest verifications, newest first (at most 20)',
  })
  items!: AuditVerificationRunDto[];
}
