import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import type { Gender } from '@health/cards';
import { DECIMALS_DESCRIPTION } from '../../indicators/dto/indicator.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GENDERS: readonly Gender[] = ['male', 'female'];
const VERDICTS = ['normal', 'high', 'low', 'abnormal'] as const;
export const REPORT_STATUSES = ['processed', 'needs_mapping'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const EXAM_REPORT_SORTS = ['examDate', '-examDate', 'createdAt', '-createdAt'] as const;
export type ExamReportSort = (typeof EXAM_REPORT_SORTS)[number];

export class ReportClientDto {
  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ format: 'date', example: '1978-04-02' })
  @Matches(DATE, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate!: string;

  @ApiPropertyOptional({ example: '110101197804020015', description: 'Resident ID (GB 11643), checked and matched exactly' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class ExamReportItemInputDto {
  @ApiProperty({ example: '空腹血糖', maxLength: 200 })
  name!: string;

  @ApiProperty({
    example: '6.8',
    maxLength: 2000,
    description: 'As printed: `6.8`, `<0.5`, `5.6 mmol/l`, `阴性`, `++`, free text',
  })
  value!: string;

  @ApiPropertyOptional({ example: 'mmol/L', maxLength: 50 })
  unit?: string;

  @ApiPropertyOptional({ example: '3.9-6.1', maxLength: 200, description: 'The sender’s range, kept for display' })
  referenceRange?: string;

  @ApiPropertyOptional({
    example: '↑',
    maxLength: 20,
    description: 'The sender’s flag, kept for display; verdicts come from the dictionary',
  })
  flag?: string;

  @ApiPropertyOptional({
    example: '生化',
    maxLength: 100,
    description: 'Section title; bare urinalysis names resolve under a category containing 尿',
  })
  category?: string;

  @ApiPropertyOptional({ example: 'FPG', maxLength: 40, description: 'A dictionary code, if the sender knows it' })
  code?: string;
}

export class IngestExamReportDto {
  @ApiProperty({ example: 'hospital-lis', description: 'The sending system' })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'source must be 1-100 visible ASCII characters' })
  source!: string;

  @ApiProperty({ example: 'R-2025-000123', description: 'Unique per source within the organisation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  externalId!: string;

  @ApiProperty({ format: 'date', example: '2025-06-18' })
  @Matches(DATE, { message: 'examDate must be YYYY-MM-DD' })
  examDate!: string;

  @ApiPropertyOptional({ example: '某某体检中心' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  institution?: string;

  @ApiPropertyOptional({
    type: ReportClientDto,
    description: 'Matched by ID number, else phone + name; created when nothing matches. Send this or `clientId`.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportClientDto)
  client?: ReportClientDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Instead of `client`' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiProperty({
    type: [ExamReportItemInputDto],
    description: '1 to 1000 items. Problems are reported as `items[i].field` with the item `index`.',
  })
  @Allow()
  items!: unknown;

  @ApiPropertyOptional({ type: [String], example: ['空腹血糖偏高', '轻度脂肪肝'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  conclusions?: string[];
}

export class IngestedItemDto {
  @ApiProperty({ example: 0, description: 'Position in the request’s items' })
  index!: number;

  @ApiProperty({ example: '空腹血糖' })
  name!: string;

  @ApiProperty({ example: 'FPG', nullable: true, type: String, description: 'null for items marked text-only' })
  code!: string | null;

  @ApiProperty({ example: '6.8', description: 'In the canonical unit (numbers), the normalised grade, or the text' })
  value!: string;

  @ApiProperty({ example: 'mmol/L', description: 'Canonical unit; empty when dimensionless or not numeric' })
  unit!: string;

  @ApiProperty({ enum: VERDICTS, nullable: true, description: 'The dictionary’s verdict; null for text-only items' })
  abnormal!: (typeof VERDICTS)[number] | null;
}

export class ExamReportIngestedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ format: 'date' })
  examDate!: string;

  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;

  @ApiProperty({ type: [IngestedItemDto], description: 'Mapped and text-only items, in request order' })
  items!: IngestedItemDto[];

  @ApiProperty({ type: [String], description: 'Names of the items that could not be mapped (kept raw)' })
  unmapped!: string[];
}

export class ExamReportSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ example: '张三' })
  clientName!: string;

  @ApiProperty({ example: 'hospital-lis' })
  source!: string;

  @ApiProperty({ example: 'R-2025-000123' })
  externalId!: string;

  @ApiProperty({ format: 'date' })
  examDate!: string;

  @ApiProperty({ nullable: true, type: String })
  institution!: string | null;

  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;

  @ApiProperty({ example: 80 })
  itemCount!: number;

  @ApiProperty({ example: 7, description: 'Items judged high, low or abnormal' })
  abnormalCount!: number;

  @ApiProperty({ example: 0 })
  unmappedCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ExamReportPageDto extends PageDto(ExamReportSummaryDto) {}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListExamReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Exam date on or after' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Exam date on or before' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ example: 'hospital-lis' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string;

  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: ReportStatus;

  @ApiPropertyOptional({ type: Boolean, description: 'true: reports with at least one abnormal item; false: none' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  abnormal?: boolean;

  @ApiPropertyOptional({ enum: EXAM_REPORT_SORTS, default: '-examDate' })
  @IsOptional()
  @IsIn(EXAM_REPORT_SORTS)
  sort?: ExamReportSort;
}

export class ExamItemReferenceDto {
  @ApiProperty({ nullable: true, type: Number })
  low!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  high!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Normal grades or phrases (ordinal and text items)' })
  text!: string | null;
}

export class SenderPrintDto {
  @ApiProperty({ example: '6.8' })
  value!: string;

  @ApiProperty({ nullable: true, type: String })
  unit!: string | null;

  @ApiProperty({ nullable: true, type: String })
  referenceRange!: string | null;

  @ApiProperty({ nullable: true, type: String })
  flag!: string | null;

  @ApiProperty({ nullable: true, type: String })
  code!: string | null;
}

export class ReportItemDto {
  @ApiProperty({ example: 0 })
  index!: number;

  @ApiProperty({ example: '空腹血糖', description: 'As the sender printed it' })
  name!: string;

  @ApiProperty({ enum: ['mapped', 'unmapped', 'text_only'] })
  status!: string;

  @ApiProperty({ nullable: true, type: String, example: 'FPG' })
  code!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '空腹血糖', description: 'The dictionary’s name' })
  indicatorName!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Fasting plasma glucose', description: 'The dictionary’s English name' })
  indicatorNameEn!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '6.8',
    description: 'Stored value (canonical unit); null when not mapped',
  })
  value!: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'The number, for numeric items' })
  numericValue!: number | null;

  @ApiProperty({ nullable: true, type: String, enum: ['<', '≤', '>', '≥'], description: 'Of a censored value such as `<0.5`' })
  comparator!: string | null;

  @ApiProperty({ example: 'mmol/L' })
  unit!: string;

  @ApiProperty({ nullable: true, type: Number, example: 2, description: DECIMALS_DESCRIPTION })
  decimals!: number | null;

  @ApiProperty({ enum: VERDICTS, nullable: true })
  verdict!: string | null;

  @ApiProperty({ type: ExamItemReferenceDto, nullable: true, description: 'The interval that applied when the value was stored' })
  reference!: ExamItemReferenceDto | null;

  @ApiProperty({ type: SenderPrintDto })
  sender!: SenderPrintDto;

  @ApiProperty({ nullable: true, type: String, description: 'Why a mapped name could not be stored (after a mapping)' })
  problem!: string | null;
}

export class ReportItemGroupDto {
  @ApiProperty({ example: '血糖', description: 'The sender’s section, else the dictionary category' })
  category!: string;

  @ApiProperty({ type: [ReportItemDto] })
  items!: ReportItemDto[];
}

export class ExamReportDto extends ExamReportSummaryDto {
  @ApiProperty({ type: [String] })
  conclusions!: string[];

  @ApiProperty({ type: [ReportItemGroupDto], description: 'Items grouped by category, in print order' })
  groups!: ReportItemGroupDto[];

  @ApiProperty({ type: [String] })
  unmapped!: string[];
}
