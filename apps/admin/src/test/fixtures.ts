import type { LoginResult, Me } from '@/api/types';

export function me(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'admin',
    displayName: '管理员',
    organisation: { id: '00000000-0000-4000-8000-0000000000aa', name: '示例体检中心' },
    roles: [{ id: '00000000-0000-4000-8000-0000000000r1', code: 'admin', name: '系统管理员', nameEn: 'Administrator' }],
    permissions: ['users:read', 'users:manage', 'roles:manage'],
    isPlatformAdmin: false,
    mustChangePassword: false,
    ...overrides,
  } as Me;
}

export function loginResult(user: Me = me(), n = 1): LoginResult {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, user } as LoginResult;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function errorBody(statusCode: number, code: string, message = code, details?: unknown[]) {
  return { statusCode, code, message, ...(details ? { details } : {}) };
}

type Handler = (request: Request) => Response | Promise<Response>;

/** Stubs `fetch` with handlers keyed by `METHOD /path`; returns the requests it saw. */
export function stubApi(handlers: Record<string, Handler>): Request[] {
  const seen: Request[] = [];
  globalThis.fetch = (async (input: Request) => {
    const request = input instanceof Request ? input : new Request(input);
    seen.push(request.clone());
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`unexpected request ${key}`);
    return handler(request);
  }) as typeof fetch;
  return seen;
}
