import type { ErrorBody, ErrorDetail } from './types';

/** An error answered by the API (`{ statusCode, code, message, details? }`) or a failed connection (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** From `Retry-After` on 401 ACCOUNT_LOCKED and 429 RATE_LIMITED. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

/** `Retry-After` is either a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).code === 'string';
}

export function toApiError(response: Response, body: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (isErrorBody(body)) return new ApiError(response.status, body.code, body.message, body.details ?? [], retryAfter);
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText, [], retryAfter);
}

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its body, or throws an `ApiError`. */
export async function call<T>(request: Promise<ClientResult<T>>): Promise<T> {
  let result: ClientResult<T>;
  try {
    result = await request;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(0, NETWORK_ERROR, err instanceof Error ? err.message : String(err));
  }
  if (!result.response.ok) throw toApiError(result.response, result.error);
  return result.data as T;
}
