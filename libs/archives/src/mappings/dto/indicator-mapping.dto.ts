import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';

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
    enum: ['done', 'queued'],
    description: '`queued` while a worker job re-processes the stored raw items (more than 500); then `done`',
  })
  reprocessing!: 'done' | 'queued';

  @ApiProperty({ type: MappingActorDto })
  createdBy!: MappingActorDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedIndicatorMappingDto extends IndicatorMappingDto {
  @ApiProperty({
    example: 12,
    description: 'Stored raw items the mapping turned into observations or text-only items in the request (0 when queued)',
  })
  reprocessedItems!: number;
}

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
