import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (`VALIDATION_FAILED` or a specific code)',
  401: 'Missing or invalid credentials',
  403: 'The caller lacks the permission this operation requires',
  404: 'Not found, or belongs to another organisation',
  409: 'Conflicts with the current state',
  422: 'Well-formed but not processable',
  429: 'Rate limited; see the Retry-After header',
};

/** Documents error responses of an operation, all with the `ErrorBodyDto` shape. */
export function ApiErrorResponses(...statuses: [number, ...number[]]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, type: ErrorBodyDto, description: DESCRIPTIONS[status] ?? 'Error' })),
  );
}
