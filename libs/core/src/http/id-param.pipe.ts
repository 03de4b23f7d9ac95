import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** `@Param('id', IdParamPipe)`: a UUID, or 400 `VALIDATION_FAILED` in the usual error shape. */
export const IdParamPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', [
      { field: 'id', code: 'isUuid', message: 'id must be a UUID' },
    ]),
});
