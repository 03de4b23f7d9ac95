import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { RequestContext } from '../context/request-context';
import { describeError } from '../logging/describe-error';
import { DomainError, ErrorDetail } from './domain-error';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  requestId?: string;
}

/** Errors raised by express body parsing carry a `type` and a `status` (http-errors). */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

export function toErrorBody(exception: unknown): { body: ErrorBody; headers?: Record<string, string> } {
  const requestId = RequestContext.current()?.requestId;
  if (exception instanceof DomainError) {
    return {
      body: {
        statusCode: exception.statusCode,
        code: exception.code,
        message: exception.message,
        details: exception.details,
        requestId,
      },
      headers: exception.headers,
    };
  }
  const parserError = exception as BodyParserError;
  if (parserError?.type === 'entity.parse.failed') {
    return { body: { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON', requestId } };
  }
  if (parserError?.type === 'entity.too.large') {
    return {
      body: {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than the server accepts',
        requestId,
      },
    };
  }
  if (parserError?.type && parserError.status && parserError.status < 500) {
    return {
      body: { statusCode: parserError.status, code: 'BAD_REQUEST', message: 'The request body could not be read', requestId },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
    const code =
      status === 404 ? 'ROUTE_NOT_FOUND' : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR'));
    return {
      body: { statusCode: status, code, message: Array.isArray(message) ? message.join('; ') : String(message), requestId },
    };
  }
  return { body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred', requestId } };
}

/** Turns every error into `{ statusCode, code, message, details? }`; never leaks stacks or SQL. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { body, headers } = toErrorBody(exception);
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ error: describeError(exception), requestId: body.requestId, msg: 'unhandled error' });
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response.status(body.statusCode).json(body);
  }
}
