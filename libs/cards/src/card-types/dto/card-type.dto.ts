import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import type { CardTypeStatus } from '../card-type.entity';

export const CARD_TYPE_STATUSES: readonly CardTypeStatus[] = ['active', 'inactive'];
export const MAX_VALIDITY_MONTHS = 120;
const SERVICE_CODE = /^[a-z][a-z0-9_-]{0,49}$/;

export class CardTypeServiceDto {
  @ApiProperty({ example: 'follow-up', description: 'Lower-case letters, digits, `-` and `_`; unique within the type' })
  @IsString()
  @Matches(SERVICE_CODE, { message: 'code must be 1-50 lower-case letters, digits, - or _, starting with a letter' })
  code!: string;

  @ApiProperty({ example: '随访' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: 100000, description: 'How many times the service is included' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity!: number;
}

export class CardTypeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '年度健康管理卡' })
  name!: string;

  @ApiPropertyOptional({ example: '全年随访与健康咨询' })
  description?: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: MAX_VALIDITY_MONTHS })
  validityMonths!: number;

  @ApiPropertyOptional({ example: 198000, description: 'Price in fen (分); absent when not sold at a fixed price' })
  priceCents?: number;

  @ApiProperty({ type: [CardTypeServiceDto] })
  services!: CardTypeServiceDto[];

  @ApiProperty({ enum: CARD_TYPE_STATUSES, description: 'Only active types can be used to open cards' })
  status!: CardTypeStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CardTypePageDto extends PageDto(CardTypeDto) {}

export class ListCardTypesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CARD_TYPE_STATUSES })
  @IsOptional()
  @IsIn(CARD_TYPE_STATUSES)
  status?: CardTypeStatus;
}

export class CreateCardTypeDto {
  @ApiProperty({ example: '年度健康管理卡' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: '全年随访与健康咨询' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: MAX_VALIDITY_MONTHS })
  @IsInt()
  @Min(1)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths!: number;

  @ApiPropertyOptional({ example: 198000, minimum: 0, description: 'Price in fen (分)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  priceCents?: number;

  @ApiProperty({ type: [CardTypeServiceDto], description: 'Service codes must be unique within the type' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CardTypeServiceDto)
  services!: CardTypeServiceDto[];

  @ApiPropertyOptional({ enum: CARD_TYPE_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(CARD_TYPE_STATUSES)
  status?: CardTypeStatus;
}

/**
 * Changes apply to cards opened (or renewed) afterwards; existing cards keep the services they were
 * opened with. Absent fields stay as they are; only `description` and `priceCents` may be `null`.
 */
export class UpdateCardTypeDto {
  @ApiPropertyOptional({ example: '年度健康管理卡（尊享）' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: '`null` removes the description' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_VALIDITY_MONTHS })
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_VALIDITY_MONTHS)
  validityMonths?: number;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'Price in fen (分); `null` removes the price',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  priceCents?: number | null;

  @ApiPropertyOptional({ type: [CardTypeServiceDto], description: 'Replaces the whole package' })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CardTypeServiceDto)
  services?: CardTypeServiceDto[];

  @ApiPropertyOptional({ enum: CARD_TYPE_STATUSES })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(CARD_TYPE_STATUSES)
  status?: CardTypeStatus;
}
