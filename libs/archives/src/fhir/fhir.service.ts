import { Injectable } from '@nestjs/common';
import { Actor, DomainError, ErrorDetail, StoredResponse } from '@health/core';
import { orgIdOf } from '@health/iam';
import { ExamReportsService } from '../exam-reports/exam-reports.service';
import { toIngestDto } from '../exam-reports/ingest-body';
import { IndicatorDictionaryService } from '../indicators/indicator-dictionary.service';
import { FhirTransactionResponseDto, OperationOutcomeDto, OperationOutcomeIssueDto } from './dto/fhir.dto';
import { bundleToReport } from './fhir-bundle';

const CODE_SYSTEM = 'urn:health-platform:error-code';

/** FHIR issue types for our HTTP statuses. */
const ISSUE_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-long',
  422: 'processing',
};

function outcome(statusCode: number, code: string, message: string, details: ErrorDetail[], where: (field: string) => string) {
  const issues: OperationOutcomeIssueDto[] = (details.length > 0 ? details : [{ message }]).map((detail) => ({
    severity: 'error',
    code: ISSUE_TYPES[statusCode] ?? 'processing',
    diagnostics: detail.message,
    ...(detail.field === undefined ? {} : { expression: [where(detail.field)] }),
    details: { coding: [{ system: CODE_SYSTEM, code }], ...(detail.code === undefined ? {} : { text: detail.code }) },
  }));
  return { resourceType: 'OperationOutcome' as const, issue: issues };
}

/**
 * The FHIR R4 entry point: a Bundle with a Patient, a DiagnosticReport and its Observations is read
 * into the body of `POST /exam-reports` (Observation LOINC codes resolved through the dictionary,
 * then names as usual) and stored by exactly that path. Every refusal is an OperationOutcome.
 */
@Injectable()
export class FhirService {
  constructor(
    private readonly reports: ExamReportsService,
    private readonly dictionary: IndicatorDictionaryService,
  ) {}

  async ingestBundle(
    actor: Actor,
    bundle: unknown,
    idempotencyKey: string | undefined,
  ): Promise<StoredResponse<FhirTransactionResponseDto | OperationOutcomeDto>> {
    const snapshot = await this.dictionary.snapshot(orgIdOf(actor));
    const read = bundleToReport(bundle, (loinc) => snapshot.byLoinc.get(loinc)?.code);
    if (!read.ok) return { statusCode: 400, body: outcome(400, 'VALIDATION_FAILED', 'Invalid Bundle', read.problems, (f) => f) };

    // `items[3].value` of the report body is the Observation of Bundle entry entryOfItem[3].
    const where = (field: string) =>
      field.replace(/^items\[(\d+)\]\.?(.*)$/, (_all, index: string, rest: string) => {
        const entry = `Bundle.entry[${read.entryOfItem[Number(index)]}].resource`;
        return rest === '' ? entry : `${entry} (${rest})`;
      });
    const checked = await toIngestDto(read.body);
    if (!checked.ok)
      return { statusCode: 400, body: outcome(400, 'VALIDATION_FAILED', 'Invalid Bundle', checked.problems, where) };
    try {
      const { statusCode, body } = await this.reports.ingest(actor, checked.dto, idempotencyKey);
      return {
        statusCode,
        body: {
          resourceType: 'Bundle',
          type: 'transaction-response',
          entry: [
            {
              response: {
                status: statusCode === 201 ? '201 Created' : '200 OK',
                location: `/api/v1/exam-reports/${body.id}`,
                outcome: {
                  resourceType: 'OperationOutcome',
                  issue: body.unmapped.map((name) => ({
                    severity: 'warning',
                    code: 'not-found',
                    diagnostics: `Observation "${name}" matches no indicator; kept raw until the organisation maps it`,
                  })),
                },
              },
            },
          ],
        },
      };
    } catch (err) {
      if (!(err instanceof DomainError) || err.statusCode >= 500) throw err;
      return { statusCode: err.statusCode, body: outcome(err.statusCode, err.code, err.message, err.details ?? [], where) };
    }
  }
}
