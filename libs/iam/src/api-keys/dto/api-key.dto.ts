import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'LIS 检验系统' })
  name!: string;

  @ApiProperty({ example: 'k3v9x2ab', description: 'Public part of the key, for recognising it' })
  prefix!: string;

  @ApiProperty({ type: [String], example: ['reports:write'] })
  scopes!: string[];

  @ApiProperty({ enum: ['active', 'revoked', 'expired'] })
  status!: ApiKeyStatus;

  @ApiPropertyOptional({ format: 'date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  revokedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Updated at most once a minute' })
  lastUsedAt?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 'admin', description: 'Username of the user who created the key' })
  createdBy!: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'hp_k3v9x2ab_Jx0…',
    description: 'The full key, `hp_<prefix>_<secret>`. Shown only in this response: store it now.',
  })
  key!: string;
}

export class ApiKeyPageDto extends PageDto(ApiKeyDto) {}

export class ListApiKeysQueryDto extends PageQueryDto {}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'LIS 检验系统' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ type: [String], example: ['reports:write', 'clients:read'], description: 'Permission codes the key may use' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  scopes!: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Omit for a key that does not expire' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
