import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import { CARD_STATUSES, CardStatus } from '../card-status';
import type { CardHistoryAction } from '../entities';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HISTORY_ACTIONS: readonly CardHistoryAction[] = [
  'opened',
  'activated',
  'frozen',
  'unfrozen',
  'cancelled',
  'expired',
  'renewed',
  'consumed',
];

export class CardTypeRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '年度健康管理卡' })
  name!: string;
}

export class CardServiceDto {
  @ApiProperty({ example: 'follow-up' })
  code!: string;

  @ApiProperty({ example: '随访' })
  name!: string;

  @ApiProperty({ example: 12, description: 'Included with the card (or its last renewal)' })
  total!: number;

  @ApiProperty({ example: 9 })
  remaining!: number;
}

export class CardDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: '800000000011',
    description: '12 digits: `8`, the organisation’s card sequence (10 digits), a Luhn check digit. Unique per organisation.',
  })
  number!: string;

  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ type: CardTypeRefDto })
  cardType!: CardTypeRefDto;

  @ApiProperty({ enum: CARD_STATUSES })
  status!: CardStatus;

  @ApiProperty({ format: 'date', example: '2026-03-15' })
  startDate!: string;

  @ApiProperty({ format: 'date', example: '2027-03-14', description: 'Last day the card is valid' })
  expiryDate!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the card first became active' })
  activatedAt?: string;

  @ApiProperty({ type: [CardServiceDto] })
  services!: CardServiceDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CardPageDto extends PageDto(CardDto) {}

export class ListCardsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ enum: CARD_STATUSES })
  @IsOptional()
  @IsIn(CARD_STATUSES)
  status?: CardStatus;

  @ApiPropertyOptional({ example: '800000000011', description: 'Exact card number; spaces and dashes are ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  number?: string;
}

export class OpenCardDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  clientId!: string;

  @ApiProperty({ format: 'uuid', description: 'An active card type of the organisation' })
  @IsUUID()
  cardTypeId!: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-03-15',
    description:
      'First valid day; defaults to today (organisation time zone). A future date opens the card as `issued` ' +
      'until that day; a past date is allowed while the card would still be valid today.',
  })
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate?: string;
}

export class CardReasonDto {
  @ApiProperty({ example: '客户出国半年，申请冻结', description: 'Kept in the card history' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class ConsumeCardServiceDto {
  @ApiProperty({ example: 'follow-up', description: 'Code of a service included in the card' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  serviceCode!: string;

  @ApiPropertyOptional({ example: 1, default: 1, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity?: number;

  @ApiPropertyOptional({ example: '第3次电话随访', description: 'Kept in the card history' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CardHistoryEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: HISTORY_ACTIONS })
  action!: CardHistoryAction;

  @ApiPropertyOptional({ enum: CARD_STATUSES })
  fromStatus?: CardStatus;

  @ApiPropertyOptional({ enum: CARD_STATUSES })
  toStatus?: CardStatus;

  @ApiPropertyOptional({ description: 'Reason given for the change, or the note of a consumption' })
  reason?: string;

  @ApiPropertyOptional({ example: 'follow-up', description: 'Consumed service (action `consumed`)' })
  serviceCode?: string;

  @ApiPropertyOptional({ example: 1, description: 'Consumed quantity (action `consumed`)' })
  quantity?: number;

  @ApiProperty({ enum: ['user', 'api_key', 'system'], description: '`system`: the daily job' })
  actorType!: 'user' | 'api_key' | 'system';

  @ApiPropertyOptional({ example: '张伟', description: 'Display name of the staff user who made the change' })
  actorName?: string;
}

export const CARD_FACE_FORMATS = ['pdf', 'png'] as const;
export type CardFaceFormat = (typeof CARD_FACE_FORMATS)[number];

export class CardFaceQueryDto {
  @ApiPropertyOptional({
    enum: CARD_FACE_FORMATS,
    default: 'pdf',
    description: '`pdf`: the printable CR80 card face as a PDF page; `png`: the same face as a 300 dpi image',
  })
  @IsOptional()
  @IsIn(CARD_FACE_FORMATS)
  format?: CardFaceFormat;
}
