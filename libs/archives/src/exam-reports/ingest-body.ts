import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { ErrorDetail } from '@health/core';
import { IngestExamReportDto } from './dto/exam-report.dto';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({ field, code, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A report body that did not come through the HTTP validation pipe (a spreadsheet row group, a
 * FHIR Bundle), checked by the same DTO rules as `POST /exam-reports`.
 */
export async function toIngestDto(
  plain: Record<string, unknown>,
): Promise<{ ok: true; dto: IngestExamReportDto } | { ok: false; problems: ErrorDetail[] }> {
  const dto = plainToInstance(IngestExamReportDto, plain);
  const problems = flatten(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, dto };
}
