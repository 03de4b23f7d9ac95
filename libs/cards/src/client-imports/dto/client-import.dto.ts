import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageDto } from '@health/core';
import { CLIENT_IMPORT_FORMATS, CLIENT_IMPORT_STATUSES, ClientImportFormat, ClientImportStatus } from '../client-import.entity';

export class ClientImportAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CLIENT_IMPORT_STATUSES, example: 'queued' })
  status!: ClientImportStatus;
}

export class ClientImportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CLIENT_IMPORT_STATUSES })
  status!: ClientImportStatus;

  @ApiProperty({ example: '客户名单.xlsx' })
  fileName!: string;

  @ApiProperty({ description: 'Data rows in the file (the header row not counted)', example: 120 })
  totalRows!: number;

  @ApiProperty({ description: 'Rows with an outcome so far', example: 50 })
  processedRows!: number;

  @ApiProperty({ example: 47 })
  importedRows!: number;

  @ApiProperty({ example: 3 })
  rejectedRows!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
}

export class ClientImportPageDto extends PageDto(ClientImportDto) {}

export class ImportFileFormatQueryDto {
  @ApiPropertyOptional({ enum: CLIENT_IMPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(CLIENT_IMPORT_FORMATS)
  format?: ClientImportFormat;
}

export class ClientImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: '.xlsx or UTF-8 .csv, at most 5 MB and 10,000 rows, with the headers of the template',
  })
  file!: unknown;
}
