import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, ApiErrorResponses, ApiIdempotencyKey, Audit, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { FhirTransactionResponseDto, OperationOutcomeDto } from './dto/fhir.dto';
import { FhirService } from './fhir.service';

@ApiTags('fhir')
@Controller('v1/fhir')
export class FhirController {
  constructor(private readonly fhir: FhirService) {}

  @Post('Bundle')
  @RequirePermissions('reports:write')
  // The report's audit row is written inside its transaction by the ingestion service.
  @Audit({ skip: true })
  @ApiIdempotencyKey()
  @ApiOperation({
    operationId: 'ingestFhirBundle',
    summary: 'Send an exam report as a FHIR R4 Bundle',
    description:
      'A `transaction` or `collection` Bundle (application/fhir+json or application/json) with one Patient (name, gender, ' +
      'birthDate; resident ID as an identifier of system urn:oid:2.16.156.10011.1.3 or any 18-character ID number; phone ' +
      'in telecom), one DiagnosticReport (identifier system = the sending system, value = its report id; ' +
      'effectiveDateTime; performer display; conclusion) and its Observations (LOINC codes are mapped through the ' +
      'indicator dictionary, otherwise `code.text` is matched like an item name; valueQuantity with unit, valueString ' +
      'or valueCodeableConcept; referenceRange and interpretation kept as the sender’s). Stored exactly like ' +
      '`POST /exam-reports`. Refusals answer an OperationOutcome with the same status codes; expressions name the Bundle entry.',
  })
  @ApiBody({ schema: { type: 'object', description: 'FHIR R4 Bundle', additionalProperties: true } })
  @ApiCreatedResponse({ type: FhirTransactionResponseDto })
  @ApiOkResponse({ type: FhirTransactionResponseDto, description: 'The same report was already stored; nothing changed' })
  @ApiResponse({ status: 400, type: OperationOutcomeDto, description: 'Invalid Bundle or report' })
  @ApiResponse({ status: 404, type: OperationOutcomeDto, description: 'Unknown client' })
  @ApiResponse({
    status: 409,
    type: OperationOutcomeDto,
    description: 'Another report with this identifier, or a reused Idempotency-Key',
  })
  @ApiResponse({ status: 422, type: OperationOutcomeDto, description: 'The patient cannot be matched or created' })
  @ApiErrorResponses(401, 403)
  async ingestFhirBundle(
    @CurrentActor() actor: Actor,
    @Body() bundle: object,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<FhirTransactionResponseDto | OperationOutcomeDto> {
    const { statusCode, body } = await this.fhir.ingestBundle(actor, bundle, idempotencyKey);
    res.status(statusCode).type('application/fhir+json');
    return body;
  }
}
