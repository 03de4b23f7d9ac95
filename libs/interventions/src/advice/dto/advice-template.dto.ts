import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ADVICE_CATEGORIES, type AdviceCategory } from '../advice-category';

export const ADVICE_CONDITION_DESCRIPTION =
  'JSON Logic over the client facts, the same language and facts as tag rules (`GET /tag-rules/facts`), e.g. ' +
  '`{"in":["高血压",{"var":"tags"}]}` or `{"==":[{"var":"risk.china-par.category"},"high"]}`. A bare `true` is not an ' +
  'operation: for everyone use e.g. `{">=":[{"var":"age"},18]}`.';

const CATEGORY_DESCRIPTION = '`diet` 饮食, `exercise` 运动, `mental` 心理, `tcm` 中医调养, `medical` 就医建议';

export class AdviceTemplateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ADVICE_CATEGORIES, description: CATEGORY_DESCRIPTION })
  category!: AdviceCategory;

  @ApiProperty({ example: '减少钠盐摄入，每日食盐不超过5克。' })
  textZh!: string;

  @ApiProperty({ example: 'Cut down on salt: no more than 5 g a day.' })
  textEn!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: ADVICE_CONDITION_DESCRIPTION })
  condition!: Record<string, unknown>;

  @ApiProperty({ example: 80, description: 'Higher first in a generated set' })
  priority!: number;

  @ApiProperty({ description: 'Inactive templates add nothing; unedited items they added go at the next regeneration' })
  active!: boolean;

  @ApiProperty({ example: 2, description: 'Moves when the text or the condition changes' })
  version!: number;

  @ApiProperty({ nullable: true, type: String, example: 'blood-pressure.salt', description: 'Set on the seeded library' })
  seedKey!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CreateAdviceTemplateDto {
  @ApiProperty({ enum: ADVICE_CATEGORIES, description: CATEGORY_DESCRIPTION })
  @IsIn(ADVICE_CATEGORIES)
  category!: AdviceCategory;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  textZh!: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  textEn!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: ADVICE_CONDITION_DESCRIPTION })
  @IsObject()
  condition!: Record<string, unknown>;

  @ApiPropertyOptional({ default: 50, minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  priority?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Only the fields sent change. */
export class UpdateAdviceTemplateDto {
  @ApiPropertyOptional({ enum: ADVICE_CATEGORIES, description: CATEGORY_DESCRIPTION })
  @IsOptional()
  @IsIn(ADVICE_CATEGORIES)
  category?: AdviceCategory;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  textZh?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  textEn?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: ADVICE_CONDITION_DESCRIPTION })
  @IsOptional()
  @IsObject()
  condition?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  priority?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListAdviceTemplatesQueryDto {
  @ApiPropertyOptional({ enum: ADVICE_CATEGORIES })
  @IsOptional()
  @IsIn(ADVICE_CATEGORIES)
  category?: AdviceCategory;
}
