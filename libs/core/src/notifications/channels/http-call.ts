import { NOTIFICATION_HTTP_TIMEOUT_MS } from '../notifications.jobs';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** Why a call got no answer, as a stable reason code: `timeout` or `network_error`. */
export class HttpCallError extends Error {
  constructor(readonly reason: 'timeout' | 'network_error') {
    super(reason);
    this.name = 'HttpCallError';
  }
}

/** One HTTP call with the notification timeout; no redirects are followed (a gateway must answer itself). */
export async function httpCall(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(NOTIFICATION_HTTP_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  } catch (err) {
    const name = (err as { name?: unknown })?.name;
    throw new HttpCallError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error');
  }
}

export const isSuccess = (status: number) => status >= 200 && status < 300;
