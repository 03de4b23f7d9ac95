import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';

export const VALUE_TYPES = ['numeric', 'ordinal', 'text'] as const;
export const INDICATOR_STATUSES = ['active', 'retired'] as const;
export type IndicatorStatusValue = (typeof INDICATOR_STATUSES)[number];

export const DECIMALS_DESCRIPTION =
  'Decimals to show values with (stored values stay exact); null for ordinal and text indicators. From the canonical ' +
  'unit: 0 for mmHg, 次/分, U/L, mL/min/1.73m2; 1 for cm, kg, kg/m2, %, fL, pg, μmol/L, /HP, U/mL; otherwise 2; never ' +
  'fewer than the reference limits print (urine SG 1.003 → 3).';
export const INDICATOR_SORTS = ['code', '-code', 'category', '-category'] as const;
export type IndicatorSort = (typeof INDICATOR_SORTS)[number];

export class ReferenceLimitsDto {
  @ApiPropertyOptional({ example: 3.9, nullable: true, type: Number, description: 'Inclusive lower limit; null: none' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  low?: number | null;

  @ApiPropertyOptional({ example: 6.09, nullable: true, type: Number, description: 'Inclusive upper limit; null: none' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  high?: number | null;
}

export class LimitsBySexDto {
  @ApiProperty({ type: ReferenceLimitsDto })
  @ValidateNested()
  @Type(() => ReferenceLimitsDto)
  male!: ReferenceLimitsDto;

  @ApiProperty({ type: ReferenceLimitsDto })
  @ValidateNested()
  @Type(() => ReferenceLimitsDto)
  female!: ReferenceLimitsDto;
}

export class AltUnitDto {
  @ApiProperty({ example: 'mg/dL' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  unit!: string;

  @ApiProperty({ example: 0.0555, description: 'A value in `unit` times `factor` is in the canonical unit' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  factor!: number;
}

/** One indicator as the dictionary defines it (the `IndicatorDefinition` of @health/clinical). */
export class IndicatorDefinitionDto {
  @ApiProperty({ example: 'FPG' })
  code!: string;

  @ApiProperty({ example: '空腹血糖' })
  nameZh!: string;

  @ApiProperty({ example: 'Fasting plasma glucose' })
  nameEn!: string;

  @ApiProperty({ example: '血糖' })
  category!: string;

  @ApiProperty({ example: 'mmol/L', description: 'Canonical unit; empty for dimensionless, ordinal and text items' })
  unit!: string;

  @ApiProperty({ enum: VALUE_TYPES })
  valueType!: string;

  @ApiProperty({ example: '14771-0', nullable: true, type: String })
  loinc!: string | null;

  @ApiProperty({ type: LimitsBySexDto })
  limits!: LimitsBySexDto;

  @ApiProperty({
    example: '<6.1 正常',
    description: 'For ordinal items the normal grades and for text items the normal phrases, separated by `|`',
  })
  refText!: string;

  @ApiProperty({ type: [String], example: ['空腹血糖', 'GLU', '尿:葡萄糖', '中性粒细胞[%]'] })
  aliases!: string[];

  @ApiProperty({ type: [AltUnitDto] })
  altUnits!: AltUnitDto[];

  @ApiProperty({ example: 'WHO 1999' })
  source!: string;

  @ApiProperty({ nullable: true, type: Number, example: 2, description: DECIMALS_DESCRIPTION })
  decimals!: number | null;
}

export class IndicatorDto extends IndicatorDefinitionDto {
  @ApiProperty({ example: 2, description: 'Number of the current version as the organisation sees it' })
  version!: number;

  @ApiProperty({
    enum: ['platform', 'organisation'],
    description: '`platform`: the shared seed dictionary; `organisation`: added or edited by this organisation',
  })
  scope!: 'platform' | 'organisation';

  @ApiProperty({
    description:
      'The platform dictionary (indicators.csv) has this code, even when the organisation edited it; such indicators cannot be retired',
  })
  fromPlatform!: boolean;

  @ApiProperty({
    enum: INDICATOR_STATUSES,
    description: '`retired` (停用): stored observations and history stay, but no new item is matched or mapped to it',
  })
  status!: IndicatorStatusValue;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class IndicatorPageDto extends PageDto(IndicatorDto) {}

export class ListIndicatorsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '血脂' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  category?: string;

  @ApiPropertyOptional({ enum: VALUE_TYPES })
  @IsOptional()
  @IsIn(VALUE_TYPES)
  valueType?: (typeof VALUE_TYPES)[number];

  @ApiPropertyOptional({ enum: INDICATOR_STATUSES, description: 'Only active (offered for mapping) or only retired ones' })
  @IsOptional()
  @IsIn(INDICATOR_STATUSES)
  status?: IndicatorStatusValue;

  @ApiPropertyOptional({ description: 'Part of the code, a name or an alias (case-insensitive)', example: '血糖' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  search?: string;

  @ApiPropertyOptional({ enum: INDICATOR_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(INDICATOR_SORTS)
  sort?: IndicatorSort;
}

const ALIASES_DESCRIPTION =
  'Names senders print. `尿:葡萄糖` applies only under a category containing 尿; `中性粒细胞[%]` only with that unit. ' +
  'No alias may be shared with another indicator after normalisation (409 `INDICATOR_ALIAS_CONFLICT`).';

export class CreateIndicatorDto {
  @ApiProperty({ example: 'HOMA_IR', description: 'Upper-case ASCII, digits and `_`; never reused' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'code must be upper-case ASCII letters, digits or _ (at most 40)' })
  code!: string;

  @ApiProperty({ example: '胰岛素抵抗指数' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameZh!: string;

  @ApiProperty({ example: 'HOMA-IR' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn!: string;

  @ApiProperty({ example: '血糖' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  category!: string;

  @ApiPropertyOptional({ example: '', description: 'Canonical unit; empty for dimensionless, ordinal and text items' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  unit?: string;

  @ApiProperty({ enum: VALUE_TYPES })
  @IsIn(VALUE_TYPES)
  valueType!: (typeof VALUE_TYPES)[number];

  @ApiPropertyOptional({ example: '14771-0' })
  @IsOptional()
  @Matches(/^\d{1,7}-\d$/, { message: 'loinc must look like 14771-0' })
  loinc?: string;

  @ApiPropertyOptional({ type: LimitsBySexDto, description: 'Absent: no dictionary interval' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LimitsBySexDto)
  limits?: LimitsBySexDto;

  @ApiPropertyOptional({ example: '阴性', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  refText?: string;

  @ApiPropertyOptional({ type: [String], description: ALIASES_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: [AltUnitDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AltUnitDto)
  altUnits?: AltUnitDto[];

  @ApiPropertyOptional({ example: '本中心检验科', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

/**
 * What an organisation may edit. The code, canonical unit and value type are fixed: stored
 * observations are in that unit and of that type.
 */
export class UpdateIndicatorDto {
  @ApiPropertyOptional({
    example: 1,
    minimum: 1,
    description: 'The version the edit is based on; another version is current → 409 `INDICATOR_VERSION_CONFLICT`',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameZh?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  category?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null removes the code' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^\d{1,7}-\d$/, { message: 'loinc must look like 14771-0' })
  loinc?: string | null;

  @ApiPropertyOptional({ type: LimitsBySexDto, description: 'Replaces both sexes’ limits' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LimitsBySexDto)
  limits?: LimitsBySexDto;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  refText?: string;

  @ApiPropertyOptional({ type: [String], description: `Replaces the list. ${ALIASES_DESCRIPTION}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: [AltUnitDto], description: 'Replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AltUnitDto)
  altUnits?: AltUnitDto[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiPropertyOptional({
    enum: INDICATOR_STATUSES,
    description:
      '`retired` retires an indicator the organisation added (its observations and history stay; it stops matching ' +
      'and cannot be mapped to); `active` brings it back. A platform indicator → 409 `INDICATOR_PLATFORM_OWNED`.',
  })
  @IsOptional()
  @IsIn(INDICATOR_STATUSES)
  status?: IndicatorStatusValue;
}

export class IndicatorActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  type!: string;

  @ApiProperty({ nullable: true, type: String, description: 'null for the system (the seed)' })
  id!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '王医生' })
  displayName!: string | null;
}

export class IndicatorVersionDto {
  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ['platform', 'organisation'] })
  scope!: 'platform' | 'organisation';

  @ApiProperty({ enum: INDICATOR_STATUSES })
  status!: IndicatorStatusValue;

  @ApiProperty({ enum: ['seed', 'create', 'update'] })
  changeKind!: string;

  @ApiProperty({ type: [String], example: ['limits', 'aliases'] })
  changedFields!: string[];

  @ApiProperty({ type: IndicatorActorDto })
  actor!: IndicatorActorDto;

  @ApiProperty({ type: IndicatorDefinitionDto, description: 'The indicator as of this version' })
  definition!: IndicatorDefinitionDto;
}

export class IndicatorVersionPageDto extends PageDto(IndicatorVersionDto) {}
