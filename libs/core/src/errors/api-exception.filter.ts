import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** Errors Fastify raises while reading a body carry a `code` (`FST_ERR_CTP_…`) and a `statusCode`. */
interface BodyReadError {
  code?: unknown;
  statusCode?: number;
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
  const readError = exception as BodyReadError;
  if (readError?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      body: {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than the server accepts',
        requestId,
      },
    };
  }
  if (typeof readError?.code === 'string' && readError.code.startsWith('FST_ERR_CTP_') && (readError.statusCode ?? 500) < 500) {
    return {
      body: { statusCode: readError.statusCode!, code: 'BAD_REQUEST', message: 'The request body could not be read', requestId },
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
    const http = host.switchToHttp();
    const response = http.getResponse<FastifyReply>();
    const { body, headers } = toErrorBody(exception);
    // Errors before the request's context is entered (unknown routes, unreadable bodies).
    body.requestId ??= http.getRequest<FastifyRequest>().id;
    if (body.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ error: describeError(exception), requestId: body.requestId, msg: 'unhandled error' });
    }
    if (response.sent || response.raw.headersSent) return;
    if (headers) response.headers(headers);
    void response.status(body.statusCode).send(body);
  }
}
