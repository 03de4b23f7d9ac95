import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageDto } from '@health/core';
import { EXAM_IMPORT_STATUSES, type ExamImportStatus } from '../exam-import.repository';

const FORMATS = ['xlsx', 'csv'] as const;

export class ExamImportAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: EXAM_IMPORT_STATUSES, example: 'queued' })
  status!: ExamImportStatus;
}

export class ExamImportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: EXAM_IMPORT_STATUSES })
  status!: ExamImportStatus;

  @ApiProperty({ example: 'reports-bulk-20.csv' })
  fileName!: string;

  @ApiProperty({ example: 1006, description: 'Data rows (items) in the file' })
  totalRows!: number;

  @ApiProperty({ example: 20, description: 'Reports in the file (rows grouped by source and externalId)' })
  totalReports!: number;

  @ApiProperty({ example: 12, description: 'Reports with an outcome so far' })
  processedReports!: number;

  @ApiProperty({ example: 11 })
  acceptedReports!: number;

  @ApiProperty({ example: 1 })
  rejectedReports!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
}

export class ExamImportPageDto extends PageDto(ExamImportDto) {}

export class ExamImportFormatQueryDto {
  @ApiPropertyOptional({ enum: FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}

export class ExamImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      '.xlsx or UTF-8 .csv, at most 5 MB and 50,000 rows, one row per item with the columns source, externalId, examDate, ' +
      'institution, clientName, gender, birthDate, idNumber, phone, category, itemName, itemCode, value, unit, ' +
      'referenceRange, flag, conclusions (`|`-separated, first row of a report)',
  })
  file!: unknown;
}
