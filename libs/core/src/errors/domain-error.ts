import { HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  field?: string;
  index?: number;
  code?: string;
  message: string;
}

/**
 * The one exception type services throw. Its code is a stable machine code clients can rely on
 * (`CLIENT_NOT_FOUND`, `CARD_INVALID_TRANSITION`); the message is for people.
 */
export class DomainError extends Error {
  constructor(
    readonly statusCode: HttpStatus,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(code: string, message: string): DomainError {
    return new DomainError(HttpStatus.NOT_FOUND, code, message);
  }

  static conflict(code: string, message: string, details?: ErrorDetail[]): DomainError {
    return new DomainError(HttpStatus.CONFLICT, code, message, details);
  }

  static badRequest(code: string, message: string, details?: ErrorDetail[]): DomainError {
    return new DomainError(HttpStatus.BAD_REQUEST, code, message, details);
  }

  static unprocessable(code: string, message: string, details?: ErrorDetail[]): DomainError {
    return new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);
  }

  static forbidden(code: string, message: string): DomainError {
    return new DomainError(HttpStatus.FORBIDDEN, code, message);
  }

  static unauthorized(code: string, message: string): DomainError {
    return new DomainError(HttpStatus.UNAUTHORIZED, code, message);
  }

  static tooManyRequests(code: string, message: string, retryAfterSeconds: number): DomainError {
    return new DomainError(HttpStatus.TOO_MANY_REQUESTS, code, message, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}
