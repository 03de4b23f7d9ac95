import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ADVICE_CATEGORIES, type AdviceCategory } from '../advice-category';

/** Most items a set may hold: far above what a printed page takes. */
export const MAX_ADVICE_ITEMS = 100;

export class AdviceItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ADVICE_CATEGORIES })
  category!: AdviceCategory;

  @ApiProperty()
  textZh!: string;

  @ApiProperty({ nullable: true, type: String })
  textEn!: string | null;

  @ApiProperty({ enum: ['template', 'staff'], description: '`staff`: added by staff' })
  origin!: 'template' | 'staff';

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  templateId!: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Template version the text came from' })
  templateVersion!: number | null;

  @ApiProperty({ description: 'Staff changed a template item: regeneration keeps it as it is' })
  edited!: boolean;

  @ApiProperty({ example: 0, description: '0-based place in the set' })
  position!: number;
}

export class AdviceActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  type!: string;

  @ApiProperty({ nullable: true, type: String })
  id!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '王医生' })
  displayName!: string | null;
}

export class AdviceApprovalDto {
  @ApiProperty({ example: 4, description: 'The revision that was approved' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: AdviceActorDto })
  by!: AdviceActorDto;
}

export class ClientAdviceDto {
  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ example: 4, description: 'Moves on every change; send it back with edits and approvals' })
  revision!: number;

  @ApiProperty({ enum: ['draft', 'final'], description: '`final` while the latest approval is of this revision' })
  status!: 'draft' | 'final';

  @ApiProperty({ type: [AdviceItemDto], description: 'What is sent or printed, in order' })
  items!: AdviceItemDto[];

  @ApiProperty({ type: [AdviceItemDto], description: 'Items staff hid; listing one again in a PUT shows it again' })
  hiddenItems!: AdviceItemDto[];

  @ApiProperty({ type: AdviceApprovalDto, nullable: true, description: 'The latest approval, even when the set changed since' })
  approval!: AdviceApprovalDto | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class AdviceItemInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An item of the set (visible or hidden); absent: a new staff item' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ enum: ADVICE_CATEGORIES })
  @IsIn(ADVICE_CATEGORIES)
  category!: AdviceCategory;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  textZh!: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  textEn?: string | null;
}

export class ReplaceClientAdviceDto {
  @ApiProperty({ example: 4, description: 'The revision the edit is based on; another → 409 `ADVICE_SET_STALE`' })
  @IsInt()
  @Min(0)
  revision!: number;

  @ApiProperty({
    type: [AdviceItemInputDto],
    description: 'The full ordered list: items left out are hidden and never come back by regeneration',
  })
  @IsArray()
  @ArrayMaxSize(MAX_ADVICE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AdviceItemInputDto)
  items!: AdviceItemInputDto[];
}

export class FinalizeClientAdviceDto {
  @ApiProperty({ example: 4, description: 'The revision being approved (what the approver saw)' })
  @IsInt()
  @Min(0)
  revision!: number;
}
