import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

export const QUEUE_UNAVAILABLE = 'QUEUE_UNAVAILABLE';

/** What a producer throws when Redis does not answer in time: 503, and the client may retry. */
export function queueUnavailableError(): DomainError {
  return new DomainError(
    HttpStatus.SERVICE_UNAVAILABLE,
    QUEUE_UNAVAILABLE,
    'The job queue is not reachable right now; try again shortly',
    undefined,
    { 'Retry-After': '5' },
  );
}

export function isQueueUnavailable(err: unknown): boolean {
  return err instanceof DomainError && err.code === QUEUE_UNAVAILABLE;
}

const CONNECTION_FAILURES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  'Connection is closed',
  "Stream isn't writeable",
  'max retries per request',
];

/** Errors that only say Redis is away; the connection's own outage warning covers them. */
export function isRedisConnectionError(err: unknown): boolean {
  // Duck-typed: socket errors may come from another realm (jest's sandbox), failing `instanceof Error`.
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  const text = `${String(code ?? '')} ${String(message ?? '')}`;
  return CONNECTION_FAILURES.some((marker) => text.includes(marker));
}
