import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { safeRedirect } from './access';
import { createAuthGuard, type GuardSession } from './guard';
import { layoutChildren } from './routes';

const Page = { render: () => null };
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: Page, meta: { public: true } },
  { path: '/change-password', name: 'change-password', component: Page },
  { path: '/', name: 'home', component: Page },
  { path: '/users', name: 'users', component: Page, meta: { permission: 'users:read' } },
  { path: '/organisations', name: 'organisations', component: Page, meta: { platformAdmin: true } },
  { path: '/403', name: 'forbidden', component: Page },
];

function session(overrides: Partial<GuardSession> = {}): GuardSession {
  return {
    isAuthenticated: true,
    mustChangePassword: false,
    isPlatformAdmin: false,
    ensureMe: vi.fn().mockResolvedValue(true),
    can: (required) => (typeof required === 'string' ? ['users:read'].includes(required) : true),
    ...overrides,
  };
}

async function navigate(to: string, current: GuardSession) {
  const router = createRouter({ history: createMemoryHistory(), routes });
  router.beforeEach(createAuthGuard(() => current));
  await router.push(to);
  return router.currentRoute.value;
}

describe('auth guard', () => {
  it('sends visitors without a session to the login page, remembering where they were going', async () => {
    const route = await navigate('/users?search=wang', session({ isAuthenticated: false }));
    expect(route.name).toBe('login');
    expect(route.query.redirect).toBe('/users?search=wang');
  });

  it('lets anyone open the login page', async () => {
    expect((await navigate('/login', session({ isAuthenticated: false }))).name).toBe('login');
  });

  it('sends a signed-in user away from the login page', async () => {
    expect((await navigate('/login', session())).name).toBe('home');
  });

  it('shows the login page with "session expired" when the stored session is no longer valid', async () => {
    const route = await navigate('/users', session({ ensureMe: vi.fn().mockResolvedValue(false) }));
    expect(route.name).toBe('login');
    expect(route.query).toMatchObject({ expired: '1', redirect: '/users' });
  });

  it('forces the password change before anything else', async () => {
    const current = session({ mustChangePassword: true });
    const route = await navigate('/users', current);
    expect(route.name).toBe('change-password');
    expect(route.query.redirect).toBe('/users');
    expect((await navigate('/change-password', current)).name).toBe('change-password');
  });

  it('opens a page when the user holds its permission', async () => {
    expect((await navigate('/users', session())).name).toBe('users');
  });

  it('refuses a page without its permission', async () => {
    expect((await navigate('/users', session({ can: () => false }))).name).toBe('forbidden');
  });

  it('keeps platform pages for the platform administrator', async () => {
    expect((await navigate('/organisations', session())).name).toBe('forbidden');
    expect((await navigate('/organisations', session({ isPlatformAdmin: true }))).name).toBe('organisations');
  });
});

describe('route table', () => {
  it('protects every administration page', () => {
    const access = Object.fromEntries(
      layoutChildren.map((route) => [route.name, route.meta?.permission ?? (route.meta?.platformAdmin ? 'platform' : null)]),
    );
    expect(access).toMatchObject({
      users: 'users:read',
      roles: 'roles:manage',
      'api-keys': 'api-keys:manage',
      audit: 'audit:read',
      organisations: 'platform',
      clients: 'clients:read',
      'client-detail': 'clients:read',
      'card-types': 'cards:read',
      'client-imports': 'clients:write',
      home: null,
    });
  });
});

describe('safeRedirect', () => {
  it('only follows paths on this site', () => {
    expect(safeRedirect('/users?page=2')).toBe('/users?page=2');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect(['/audit'])).toBe('/audit');
  });
});
