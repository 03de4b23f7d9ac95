import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import { DECIMALS_DESCRIPTION } from '../../indicators/dto/indicator.dto';

/** More codes than this in one request → 400: one request draws one screen of charts. */
export const MAX_CODES_PER_REQUEST = 12;
/** The year-over-year table covers at most this many exam years. */
export const MAX_TABLE_YEARS = 20;

const CODE = /^[A-Z][A-Z0-9_]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERDICTS = ['normal', 'high', 'low', 'abnormal'];
const VALUE_TYPES = ['numeric', 'ordinal', 'text'];
const COMPARATORS = ['<', '≤', '>', '≥'];

/** `codes=SBP,DBP` (and `codes=SBP&codes=DBP`) → `['SBP', 'DBP']`, blanks and repeats dropped. */
function splitCodes({ value }: { value: unknown }): unknown {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]));
  return [...new Set(parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== ''))];
}

function CodesProperty(required: boolean, description: string) {
  const decorators: PropertyDecorator[] = [
    (required ? ApiProperty : ApiPropertyOptional)({
      type: String,
      example: 'SBP,DBP,FPG',
      description: `${description} Comma-separated dictionary codes, at most ${MAX_CODES_PER_REQUEST}; an unknown code → 400 \`UNKNOWN_INDICATOR\` naming it.`,
    }),
    Transform(splitCodes),
    IsArray(),
    ArrayMaxSize(MAX_CODES_PER_REQUEST),
    Matches(CODE, { each: true, message: 'each code must be an upper-case dictionary code such as SBP or HDL_C' }),
  ];
  if (required) decorators.push(ArrayMinSize(1));
  return applyDecorators(...decorators);
}

function DateProperty(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date', example: '2021-01-01', description }),
    IsOptional(),
    Matches(DATE, { message: '$property must be YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
}

export class ListObservationsQueryDto extends PageQueryDto {
  @CodesProperty(false, 'Only these indicators (default: all).')
  @IsOptional()
  codes?: string[];

  @DateProperty('Measured on or after this date')
  from?: string;

  @DateProperty('Measured on or before this date; before `from` → 400')
  to?: string;
}

export class TrendsQueryDto {
  @CodesProperty(true, 'The indicators to chart; numeric ones only (ordinal/text → 400 `INDICATOR_NOT_NUMERIC`).')
  codes!: string[];

  @DateProperty('Points measured on or after this date')
  from?: string;

  @DateProperty('Points measured on or before this date; before `from` → 400')
  to?: string;
}

export class TrendTableQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TABLE_YEARS, default: 5, description: 'How many of the latest exam years' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TABLE_YEARS)
  years: number = 5;

  @CodesProperty(false, 'Rows for these indicators, in this order (default: every indicator measured, ordered by code).')
  @IsOptional()
  codes?: string[];
}

export class ReferenceDto {
  @ApiProperty({ type: Number, nullable: true, example: 90, description: 'Inclusive lower limit; null when there is none' })
  low!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 139, description: 'Inclusive upper limit; null when there is none' })
  high!: number | null;
}

export class StoredReferenceDto extends ReferenceDto {
  @ApiProperty({ type: String, nullable: true, description: 'Normal grades or phrases of ordinal/text indicators' })
  text!: string | null;
}

export class ObservationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'SBP' })
  code!: string;

  @ApiProperty({ example: '收缩压', description: 'Current dictionary name' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2025-07-08' })
  date!: string;

  @ApiProperty({ enum: VALUE_TYPES })
  valueType!: string;

  @ApiProperty({ type: Number, nullable: true, example: 146, description: 'Numeric value in `unit`' })
  value!: number | null;

  @ApiProperty({ type: String, nullable: true, enum: COMPARATORS, description: 'Of a censored value such as `<0.5`' })
  comparator!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Ordinal grade or text conclusion' })
  text!: string | null;

  @ApiProperty({ example: 'mmHg', description: "The dictionary's canonical unit; empty when dimensionless" })
  unit!: string;

  @ApiProperty({ nullable: true, type: Number, example: 0, description: DECIMALS_DESCRIPTION })
  decimals!: number | null;

  @ApiProperty({ enum: VERDICTS, example: 'high' })
  abnormal!: string;

  @ApiProperty({ type: StoredReferenceDto, description: 'The reference that applied when the value was stored' })
  reference!: StoredReferenceDto;

  @ApiProperty({ enum: ['exam-report', 'follow-up', 'survey', 'manual'] })
  source!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  reportId!: string | null;
}

export class ObservationPageDto extends PageDto(ObservationDto) {}

export class TrendPointDto {
  @ApiProperty({ format: 'date', example: '2021-06-01' })
  date!: string;

  @ApiProperty({ example: 128 })
  value!: number;

  @ApiProperty({ type: String, nullable: true, enum: COMPARATORS, description: 'Of a censored value such as `<0.5`' })
  comparator!: string | null;

  @ApiProperty({ enum: VERDICTS, example: 'normal', description: 'The verdict stored with the value' })
  abnormal!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  reportId!: string | null;
}

export class TrendStatsDto {
  @ApiProperty({ example: 128 })
  first!: number;

  @ApiProperty({ example: 146 })
  last!: number;

  @ApiProperty({ example: 128 })
  min!: number;

  @ApiProperty({ example: 146 })
  max!: number;

  @ApiProperty({ example: 18, description: 'last − first' })
  change!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 4.39,
    description: 'Least-squares slope of value over years (days / 365.25); null when all points share one date',
  })
  slopePerYear!: number | null;

  @ApiProperty({ enum: ['improving', 'worsening', 'stable'], example: 'worsening' })
  direction!: string;

  @ApiProperty({ example: 2, description: 'How many of the latest consecutive points are not normal' })
  abnormalStreak!: number;
}

export class TrendSeriesDto {
  @ApiProperty({ example: 'SBP' })
  code!: string;

  @ApiProperty({ example: '收缩压' })
  name!: string;

  @ApiProperty({ example: 'Systolic blood pressure' })
  nameEn!: string;

  @ApiProperty({ example: 'mmHg' })
  unit!: string;

  @ApiProperty({ nullable: true, type: Number, example: 0, description: DECIMALS_DESCRIPTION })
  decimals!: number | null;

  @ApiProperty({
    type: ReferenceDto,
    description: "The current dictionary interval for the client's sex and, for age-banded indicators, age today",
  })
  reference!: ReferenceDto;

  @ApiProperty({ type: [TrendPointDto], description: 'In date order' })
  points!: TrendPointDto[];

  @ApiProperty({ type: TrendStatsDto, nullable: true, description: 'Null when the series has no point' })
  stats!: TrendStatsDto | null;
}

export class TrendsDto {
  @ApiProperty({ type: [TrendSeriesDto], description: 'One per requested code, in the order requested' })
  series!: TrendSeriesDto[];
}

export class TrendTableCellDto {
  @ApiProperty({ example: 2025 })
  year!: number;

  @ApiProperty({ format: 'date', example: '2025-07-08', description: 'The latest measurement of the year, shown here' })
  date!: string;

  @ApiProperty({ type: Number, nullable: true, example: 146 })
  value!: number | null;

  @ApiProperty({ type: String, nullable: true, enum: COMPARATORS })
  comparator!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Ordinal grade or text conclusion' })
  text!: string | null;

  @ApiProperty({ enum: VERDICTS, example: 'high' })
  verdict!: string;

  @ApiProperty({ example: true, description: 'verdict is not normal' })
  abnormal!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['↑', '↓', '→'],
    description: 'Versus the previous column; null when that column is empty, and for text',
  })
  arrow!: string | null;

  @ApiProperty({ example: 1, description: 'Measurements that year' })
  count!: number;
}

export class TrendTableRowDto {
  @ApiProperty({ example: 'SBP' })
  code!: string;

  @ApiProperty({ example: '收缩压' })
  name!: string;

  @ApiProperty({ example: 'Systolic blood pressure' })
  nameEn!: string;

  @ApiProperty({ example: 'mmHg' })
  unit!: string;

  @ApiProperty({ nullable: true, type: Number, example: 0, description: DECIMALS_DESCRIPTION })
  decimals!: number | null;

  @ApiProperty({ enum: VALUE_TYPES })
  valueType!: string;

  @ApiProperty({ example: '一般检查', description: 'Display group of the dictionary, for grouping rows' })
  category!: string;

  @ApiProperty({
    type: ReferenceDto,
    description: "The current dictionary interval for the client's sex and, for age-banded indicators, age today",
  })
  reference!: ReferenceDto;

  @ApiProperty({
    type: 'array',
    items: { allOf: [{ $ref: getSchemaPath(TrendTableCellDto) }], nullable: true },
    description: 'Aligned with `years`; null where the indicator was not measured that year',
  })
  cells!: (TrendTableCellDto | null)[];
}

export class TrendTableDto {
  @ApiProperty({ type: [Number], example: [2021, 2022, 2023, 2024, 2025], description: 'Exam years, ascending' })
  years!: number[];

  @ApiProperty({ type: [TrendTableRowDto] })
  rows!: TrendTableRowDto[];
}
