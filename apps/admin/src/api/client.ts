import createClient from 'openapi-fetch';
import type { paths } from '@health/api-client';
import { createAuthFetch } from './auth-fetch';
import { tokens } from './tokens';
import type { LoginResult } from './types';

export interface SessionEvents {
  /** The session was renewed with a refresh token (the user may have changed meanwhile). */
  onRefreshed?: (result: LoginResult) => void;
  /** The session ended on the server (expired, revoked, user disabled). */
  onExpired?: () => void;
}

let events: SessionEvents = {};

/** The session store subscribes here; the client cannot import it (the store imports the client). */
export function setSessionEvents(handlers: SessionEvents): void {
  events = handlers;
}

// Request URLs must be absolute outside a browser (unit tests); paths in the spec start with /api.
const baseUrl = globalThis.location?.origin ?? '';

/** Without the bearer token: logging in and renewing a session must never trigger a renewal. */
export const publicApi = createClient<paths>({ baseUrl, fetch: (request) => globalThis.fetch(request) });

async function renewSession(refreshToken: string): Promise<boolean> {
  const { data, response } = await publicApi.POST('/api/v1/auth/refresh', { body: { refreshToken } });
  if (!response.ok || !data) return false;
  tokens.set(data);
  events.onRefreshed?.(data);
  return true;
}

export const api = createClient<paths>({
  baseUrl,
  fetch: createAuthFetch({
    tokens,
    refresh: renewSession,
    onExpired: () => events.onExpired?.(),
  }),
});
