import type { TokenStore } from './tokens';

export interface AuthFetchOptions {
  tokens: Pick<TokenStore, 'access' | 'refresh'>;
  /**
   * Exchanges the refresh token for a new pair and stores it. Resolves `false` when the API refuses
   * the refresh token; throws when the API cannot be reached (the session is then kept).
   */
  refresh: (refreshToken: string) => Promise<boolean>;
  /** Called once the session cannot be renewed: clear it and send the user to the login page. */
  onExpired: () => void;
  fetch?: (input: Request) => Promise<Response>;
}

/** Endpoints whose 401 means "wrong credentials", not "expired access token". */
const NO_RETRY = /\/api\/v1\/auth\/(login|refresh|logout)$/;

/**
 * A `fetch` for openapi-fetch that adds the bearer token and, when a request is answered 401,
 * renews the session once and replays the request. Concurrent 401s share one refresh call
 * (single flight): refresh tokens rotate, so a second refresh with the same token would fail.
 */
export function createAuthFetch(options: AuthFetchOptions): (input: Request) => Promise<Response> {
  const send = (request: Request) => (options.fetch ?? globalThis.fetch)(request);
  let inFlight: Promise<boolean> | null = null;

  function refreshOnce(): Promise<boolean> {
    if (!inFlight) {
      const refreshToken = options.tokens.refresh;
      inFlight = (refreshToken ? options.refresh(refreshToken) : Promise.resolve(false)).finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  function withToken(request: Request, token: string | null): Request {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  }

  return async function authFetch(request: Request): Promise<Response> {
    const sentWith = options.tokens.access;
    const replay = sentWith && !NO_RETRY.test(new URL(request.url).pathname) ? request.clone() : null;
    const response = await send(withToken(request, sentWith));
    if (response.status !== 401 || !replay) return response;

    // Another request may have renewed the session while this one was on its way.
    const renewed = options.tokens.access !== sentWith || (await refreshOnce());
    if (!renewed) {
      options.onExpired();
      return response;
    }
    const second = await send(withToken(replay, options.tokens.access));
    if (second.status === 401) options.onExpired();
    return second;
  };
}
