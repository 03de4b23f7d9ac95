import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OperationOutcomeIssueDto {
  @ApiProperty({ enum: ['fatal', 'error', 'warning', 'information'] })
  severity!: string;

  @ApiProperty({
    example: 'invalid',
    description: 'FHIR issue type: invalid, required, value, conflict, not-found, forbidden, processing…',
  })
  code!: string;

  @ApiProperty({ example: 'Observation valueQuantity is not a number for FPG (mmol/L)' })
  diagnostics!: string;

  @ApiPropertyOptional({ type: [String], example: ['Bundle.entry[3].resource.valueQuantity'] })
  expression?: string[];

  @ApiPropertyOptional({
    description:
      'Our machine code in `details.coding[0].code` (VALIDATION_FAILED, EXAM_REPORT_CONFLICT…) and the reason in `details.text`',
    type: 'object',
    additionalProperties: true,
  })
  details?: { coding: { system: string; code: string }[]; text?: string };
}

export class OperationOutcomeDto {
  @ApiProperty({ enum: ['OperationOutcome'] })
  resourceType!: 'OperationOutcome';

  @ApiProperty({ type: [OperationOutcomeIssueDto] })
  issue!: OperationOutcomeIssueDto[];
}

export class BundleEntryResponseDto {
  @ApiProperty({ example: '201 Created', description: '`201 Created`, or `200 OK` when the same report was already stored' })
  status!: string;

  @ApiProperty({ example: '/api/v1/exam-reports/6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e5f' })
  location!: string;

  @ApiProperty({ type: OperationOutcomeDto, description: 'Warnings: Observations that could not be mapped and were kept raw' })
  outcome!: OperationOutcomeDto;
}

export class BundleResponseEntryDto {
  @ApiProperty({ type: BundleEntryResponseDto })
  response!: BundleEntryResponseDto;
}

export class FhirTransactionResponseDto {
  @ApiProperty({ enum: ['Bundle'] })
  resourceType!: 'Bundle';

  @ApiProperty({ enum: ['transaction-response'] })
  type!: 'transaction-response';

  @ApiProperty({ type: [BundleResponseEntryDto] })
  entry!: BundleResponseEntryDto[];
}
