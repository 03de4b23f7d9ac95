import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import { INDICATOR_STATUSES } from '../../indicators/dto/indicator.dto';

export class MappingActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  type!: string;

  @ApiProperty({ nullable: true, type: String })
  id!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '王医生' })
  displayName!: string | null;
}

export class IndicatorMappingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'hospital-lis' })
  source!: string;

  @ApiProperty({ example: '血糖测定', description: 'The item name as first mapped (matching uses its normalised form)' })
  name!: string;

  @ApiProperty({ example: '', description: 'Normalised category fragment the mapping is limited to (尿); empty: any' })
  categoryContext!: string;

  @ApiProperty({ nullable: true, type: String, example: 'FPG', description: 'null when text-only' })
  code!: string | null;

  @ApiProperty({ description: 'Kept as text, never an observation (a remark line, a doctor’s signature)' })
  textOnly!: boolean;

  @ApiProperty({
    enum: INDICATOR_STATUSES,
    nullable: true,
    description: 'Status of the target indicator: `retired` (停用) ones map nothing any more; null when text-only',
  })
  indicatorStatus!: 'active' | 'retired' | null;

  @ApiProperty({
    enum: ['done', 'queued'],
    description: '`queued` while a worker job re-processes the stored items of the last change (more than 500); then `done`',
  })
  reprocessing!: 'done' | 'queued';

  @ApiProperty({ example: 1, description: '1 when created; each change (and the deletion) adds one' })
  version!: number;

  @ApiProperty({
    example: 14,
    description: 'Stored items the mapping resolves now: what changing or deleting it re-processes',
  })
  resolvedItems!: number;

  @ApiProperty({ type: MappingActorDto, description: 'Who created it (each change’s author is in its versions)' })
  createdBy!: MappingActorDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Set once deleted' })
  deletedAt!: string | null;
}

export class CreatedIndicatorMappingDto extends IndicatorMappingDto {
  @ApiProperty({
    example: 12,
    description: 'Stored raw items the mapping turned into observations or text-only items in the request (0 when queued)',
  })
  reprocessedItems!: number;
}

export class ChangedIndicatorMappingDto extends IndicatorMappingDto {
  @ApiProperty({
    example: 12,
    description:
      'Stored items the change re-processed in the request and that are now stored differently (another indicator, ' +
      'text-only, or raw again); 0 when nothing changed or when a worker job does it (`reprocessing: queued`)',
  })
  reprocessedItems!: number;
}

export class IndicatorMappingVersionDto {
  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ enum: ['create', 'update', 'delete'] })
  changeKind!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'FPG',
    description: 'The target as of this version; null when text-only',
  })
  code!: string | null;

  @ApiProperty()
  textOnly!: boolean;

  @ApiProperty({ type: MappingActorDto })
  actor!: MappingActorDto;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class IndicatorMappingVersionPageDto extends PageDto(IndicatorMappingVersionDto) {}

export class IndicatorMappingPageDto extends PageDto(IndicatorMappingDto) {}

export class ListIndicatorMappingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hospital-lis' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string;
}

export class CreateIndicatorMappingDto {
  @ApiProperty({ example: 'hospital-lis' })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'source must be 1-100 visible ASCII characters' })
  source!: string;

  @ApiProperty({ example: '血糖测定', description: 'Item name as the sender prints it; matched after normalisation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '尿', description: 'Only under a category containing this (like `尿:` aliases)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  categoryContext?: string;

  @ApiPropertyOptional({ example: 'FPG', description: 'The indicator; or set `textOnly`' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'code must be an indicator code such as FPG' })
  code?: string;

  @ApiPropertyOptional({ description: 'Keep such items as text only' })
  @IsOptional()
  @IsBoolean()
  textOnly?: boolean;
}

const EXPECTED_VERSION = {
  example: 1,
  minimum: 1,
  description: 'The version the change is based on; another version is current → 409 `INDICATOR_MAPPING_VERSION_CONFLICT`',
};

/** Only the target can change; source, name and category context make the mapping what it is. */
export class UpdateIndicatorMappingDto {
  @ApiPropertyOptional(EXPECTED_VERSION)
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({ example: 'FPG', description: 'The new indicator; or set `textOnly`' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'code must be an indicator code such as FPG' })
  code?: string;

  @ApiPropertyOptional({ description: 'Keep such items as text only from now on' })
  @IsOptional()
  @IsBoolean()
  textOnly?: boolean;
}

export class DeleteIndicatorMappingQueryDto {
  @ApiPropertyOptional(EXPECTED_VERSION)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class UnmappedItemNameDto {
  @ApiProperty({ example: 'hospital-lis' })
  source!: string;

  @ApiProperty({ example: '血糖测定' })
  name!: string;

  @ApiProperty({ example: '血糖测定', description: 'Normalised name: what a mapping matches' })
  nameKey!: string;

  @ApiProperty({ example: 14, description: 'Unmapped items with this name' })
  count!: number;

  @ApiProperty({ example: 14, description: 'Reports holding them' })
  reports!: number;

  @ApiProperty({ type: [String], example: ['5.6', '6.1'], description: 'Up to three recent values' })
  examples!: string[];

  @ApiProperty({ type: [String], example: ['生化'] })
  categories!: string[];

  @ApiProperty({ format: 'date-time' })
  lastSeen!: string;
}

export class UnmappedItemNamePageDto extends PageDto(UnmappedItemNameDto) {}
