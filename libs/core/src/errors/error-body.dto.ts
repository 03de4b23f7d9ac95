import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'password' })
  field?: string;

  @ApiPropertyOptional({ description: 'Index of the offending item in an array body' })
  index?: number;

  @ApiPropertyOptional({ example: 'isNotEmpty' })
  code?: string;

  @ApiProperty({ example: 'password should not be empty' })
  message!: string;
}

/** The body of every error response. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' })
  code!: string;

  @ApiProperty({ example: 'Request validation failed' })
  message!: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];

  @ApiPropertyOptional({ description: 'Request id, also in the X-Request-Id header' })
  requestId?: string;
}
