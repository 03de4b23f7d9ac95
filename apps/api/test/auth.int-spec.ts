import request from 'supertest';
import { decodeJwt } from 'jose';
import { IamSetupService } from '@health/iam';
import { ADMIN, bearer, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

describe('auth: login, refresh, logout, lockout, password change', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('login', () => {
    it('returns an access token of at most 15 minutes, a refresh token and the user', async () => {
      const res = await request(t.http).post('/api/v1/auth/login').send(ADMIN).expect(200);
      expect(res.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        user: {
          username: 'admin',
          organisation: { id: expect.any(String), name: '默认机构' },
          roles: [{ code: 'admin', name: '系统管理员', nameEn: 'Administrator', id: expect.any(String) }],
          isPlatformAdmin: true,
        },
      });
      expect(res.body.user.permissions).toContain('users:manage');
      expect(res.body.user.permissions).not.toContain('audit:read');
      const claims = decodeJwt(res.body.accessToken);
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
      expect(claims.sub).toBe(res.body.user.id);
    });

    it('accepts the username in any case', async () => {
      await request(t.http).post('/api/v1/auth/login').send({ username: 'ADMIN', password: ADMIN.password }).expect(200);
    });

    it('answers a wrong password and an unknown user identically', async () => {
      const wrong = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: 'not-the-password' })
        .expect(401);
      const unknown = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: 'nobody', password: 'not-the-password' })
        .expect(401);
      const strip = ({ requestId: _requestId, ...rest }: Record<string, unknown>) => rest;
      expect(strip(wrong.body)).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: expect.any(String) });
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
      await request(t.http).post('/api/v1/auth/login').send(ADMIN).expect(200);
    });

    it('validates the body', async () => {
      const res = await request(t.http).post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('marks users created by an administrator as having to change their password', async () => {
      await createUser(t, admin, 'new.nurse', ['nurse']);
      const session = await login(t, 'new.nurse', STAFF_PASSWORD);
      expect(session.user.mustChangePassword).toBe(true);
    });
  });

  describe('me', () => {
    it('describes the signed-in user', async () => {
      const res = await request(t.http).get('/api/v1/auth/me').set(bearer(admin)).expect(200);
      expect(res.body).toEqual({
        id: admin.user.id,
        username: 'admin',
        displayName: '系统管理员',
        organisation: admin.user.organisation,
        roles: [expect.objectContaining({ code: 'admin' })],
        permissions: expect.arrayContaining(['clients:read', 'roles:manage', 'api-keys:manage']),
        isPlatformAdmin: true,
        mustChangePassword: expect.any(Boolean),
      });
    });

    it('refuses missing, malformed and forged tokens with 401 UNAUTHENTICATED', async () => {
      const none = await request(t.http).get('/api/v1/auth/me').expect(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      await request(t.http).get('/api/v1/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
      await request(t.http).get('/api/v1/auth/me').set('Authorization', `Basic ${admin.accessToken}`).expect(401);
      const [header, payload] = admin.accessToken.split('.');
      await request(t.http)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${header}.${payload}.forgedsignature`)
        .expect(401);
    });
  });

  describe('refresh', () => {
    it('rotates: the new pair works and the old refresh token does not', async () => {
      const first = await login(t, ADMIN.username, ADMIN.password);
      const res = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect(res.body.user.username).toBe('admin');
      await request(t.http).get('/api/v1/auth/me').set(bearer(res.body.accessToken)).expect(200);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(200);
    });

    it('revokes the whole session when a rotated token is presented again', async () => {
      const first = await login(t, ADMIN.username, ADMIN.password);
      const second = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
      const reuse = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
      const afterTheft = await request(t.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: second.body.refreshToken })
        .expect(401);
      expect(afterTheft.body.code).toBe('INVALID_REFRESH_TOKEN');
    });

    it('refuses unknown and expired refresh tokens', async () => {
      const unknown = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: 'made-up' }).expect(401);
      expect(unknown.body.code).toBe('INVALID_REFRESH_TOKEN');
      const session = await login(t, ADMIN.username, ADMIN.password);
      await sql(
        t,
        `UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE rotated_at IS NULL AND revoked_at IS NULL`,
      );
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    });

    it('stores only hashes of refresh tokens', async () => {
      const session = await login(t, ADMIN.username, ADMIN.password);
      const rows = await sql(t, `SELECT token_hash FROM refresh_token WHERE token_hash = $1`, [session.refreshToken]);
      expect(rows).toEqual([]);
    });
  });

  describe('logout', () => {
    it('revokes the refresh token', async () => {
      const session = await login(t, ADMIN.username, ADMIN.password);
      await request(t.http)
        .post('/api/v1/auth/logout')
        .set(bearer(session))
        .send({ refreshToken: session.refreshToken })
        .expect(204);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    });

    it('needs a signed-in user', async () => {
      const session = await login(t, ADMIN.username, ADMIN.password);
      await request(t.http).post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(401);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    });

    it('does not end someone else’s session', async () => {
      await createUser(t, admin, 'logout.other', ['doctor']);
      const other = await login(t, 'logout.other', STAFF_PASSWORD);
      await request(t.http).post('/api/v1/auth/logout').set(bearer(admin)).send({ refreshToken: other.refreshToken }).expect(204);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
    });
  });

  describe('lockout', () => {
    it('locks after 5 failures, refuses even the right password, and an administrator can unlock', async () => {
      const id = await createUser(t, admin, 'lock.me', ['doctor']);
      for (let i = 0; i < 5; i += 1) {
        const res = await request(t.http)
          .post('/api/v1/auth/login')
          .send({ username: 'lock.me', password: `wrong-password-${i}` });
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      const locked = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: 'lock.me', password: STAFF_PASSWORD })
        .expect(401);
      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(locked.body.message).toMatch(/until \d{4}-\d{2}-\d{2}T/);
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      const user = await request(t.http).get(`/api/v1/users/${id}`).set(bearer(admin)).expect(200);
      expect(new Date(user.body.lockedUntil).getTime()).toBeGreaterThan(Date.now());

      await request(t.http).post(`/api/v1/users/${id}/unlock`).set(bearer(admin)).expect(204);
      await login(t, 'lock.me', STAFF_PASSWORD);
    });

    it('counts consecutive failures only: a success resets the count', async () => {
      await createUser(t, admin, 'lock.reset', ['doctor']);
      for (let i = 0; i < 4; i += 1) {
        await request(t.http)
          .post('/api/v1/auth/login')
          .send({ username: 'lock.reset', password: 'wrong-password-x' })
          .expect(401);
      }
      await login(t, 'lock.reset', STAFF_PASSWORD);
      for (let i = 0; i < 4; i += 1) {
        await request(t.http)
          .post('/api/v1/auth/login')
          .send({ username: 'lock.reset', password: 'wrong-password-x' })
          .expect(401);
      }
      await login(t, 'lock.reset', STAFF_PASSWORD);
    });

    it('unlocks by itself when the lock time has passed', async () => {
      await createUser(t, admin, 'lock.expire', ['doctor']);
      for (let i = 0; i < 5; i += 1) {
        await request(t.http)
          .post('/api/v1/auth/login')
          .send({ username: 'lock.expire', password: 'wrong-password-y' })
          .expect(401);
      }
      await sql(t, `UPDATE staff_user SET locked_until = now() - interval '1 second' WHERE username = 'lock.expire'`);
      await login(t, 'lock.expire', STAFF_PASSWORD);
    });
  });

  describe('disabled users', () => {
    it('cannot sign in, and their tokens stop working at the next request', async () => {
      const id = await createUser(t, admin, 'to.disable', ['doctor']);
      const session = await login(t, 'to.disable', STAFF_PASSWORD);
      await request(t.http).get('/api/v1/auth/me').set(bearer(session)).expect(200);

      await request(t.http).patch(`/api/v1/users/${id}`).set(bearer(admin)).send({ status: 'disabled' }).expect(200);
      const me = await request(t.http).get('/api/v1/auth/me').set(bearer(session)).expect(401);
      expect(me.body.code).toBe('UNAUTHENTICATED');
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      const res = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: 'to.disable', password: STAFF_PASSWORD })
        .expect(401);
      expect(res.body.code).toBe('ACCOUNT_DISABLED');
      const wrong = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: 'to.disable', password: 'wrong-password-z' })
        .expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');

      await request(t.http).patch(`/api/v1/users/${id}`).set(bearer(admin)).send({ status: 'active' }).expect(200);
      await login(t, 'to.disable', STAFF_PASSWORD);
    });
  });

  describe('password change', () => {
    let session: Session;
    beforeAll(async () => {
      await createUser(t, admin, 'pw.changer', ['doctor']);
      session = await login(t, 'pw.changer', STAFF_PASSWORD);
    });

    const change = (currentPassword: string, newPassword: string, s = session) =>
      request(t.http).post('/api/v1/auth/password').set(bearer(s)).send({ currentPassword, newPassword });

    it('refuses a wrong current password', async () => {
      const res = await change('not-my-password', 'Another-Long-Phrase-9').expect(400);
      expect(res.body.code).toBe('CURRENT_PASSWORD_INCORRECT');
    });

    it.each([
      ['short-1A!', 'too_short'],
      ['Password1234', 'common'],
      ['my-pw.changer-is-long', 'contains_username'],
      [STAFF_PASSWORD, 'same_as_current'],
    ])('refuses %s with %s', async (newPassword, code) => {
      const res = await change(STAFF_PASSWORD, newPassword).expect(400);
      expect(res.body.code).toBe('PASSWORD_POLICY_VIOLATION');
      expect(res.body.details).toContainEqual({ field: 'newPassword', code, message: expect.any(String) });
    });

    it('changes the password, clears mustChangePassword, keeps this session and ends the others', async () => {
      const other = await login(t, 'pw.changer', STAFF_PASSWORD);
      await change(STAFF_PASSWORD, 'Lantern-Harbour-Twelve').expect(204);

      const me = await request(t.http).get('/api/v1/auth/me').set(bearer(session)).expect(200);
      expect(me.body.mustChangePassword).toBe(false);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);

      await request(t.http).post('/api/v1/auth/login').send({ username: 'pw.changer', password: STAFF_PASSWORD }).expect(401);
      await login(t, 'pw.changer', 'Lantern-Harbour-Twelve');
    });

    it('is for users, not API keys', async () => {
      const key = await request(t.http)
        .post('/api/v1/api-keys')
        .set(bearer(admin))
        .send({ name: 'pw test', scopes: ['clients:read'] })
        .expect(201);
      const res = await request(t.http)
        .post('/api/v1/auth/password')
        .set('X-API-Key', key.body.key)
        .send({ currentPassword: 'x', newPassword: 'Lantern-Harbour-Twelve' })
        .expect(403);
      expect(res.body.code).toBe('PERMISSION_DENIED');
    });
  });

  it('publishes the password policy without authentication', async () => {
    const res = await request(t.http).get('/api/v1/auth/password-policy').expect(200);
    expect(res.body).toEqual({ profile: 'standard', minLength: 12, maxLength: 128, requiresCharacterClasses: false });
  });
});

describe('auth: login rate limit per IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '3', LOGIN_RATE_LIMIT_WINDOW_SECONDS: '600' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After once the IP used up its attempts, even with the right password', async () => {
    for (let i = 0; i < 3; i += 1) {
      await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: `guess${i}`, password: 'some-guess-here' })
        .expect(401);
    }
    const res = await request(t.http).post('/api/v1/auth/login').send(ADMIN).expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  it('keeps the counters in PostgreSQL', async () => {
    const rows = await sql<{ attempts: number }>(t, `SELECT attempts FROM login_rate_limit`);
    expect(rows.map((r) => r.attempts)).toEqual([4]);
  });
});

describe('auth: strict password profile (等保 2.0 level 3)', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ PASSWORD_POLICY: 'strict', PASSWORD_EXPIRY_DAYS: '30', LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  it('requires character classes', async () => {
    const roles = await request(t.http).get('/api/v1/roles').set(bearer(admin)).expect(200);
    const res = await request(t.http)
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ username: 'strict.user', displayName: '严格', password: 'onlylowercasewords', roleIds: [roles.body.items[0].id] })
      .expect(400);
    expect(res.body.code).toBe('PASSWORD_POLICY_VIOLATION');
    expect(res.body.details.map((d: { code: string }) => d.code)).toEqual(['needs_uppercase', 'needs_digit', 'needs_symbol']);
    expect(res.body.details[0].field).toBe('password');
  });

  it('flags an expired password at login, which still succeeds, until it is changed', async () => {
    await createUser(t, admin, 'strict.old', ['doctor']);
    await sql(
      t,
      `UPDATE staff_user SET must_change_password = false, password_changed_at = now() - interval '31 days' WHERE username = 'strict.old'`,
    );
    const session = await login(t, 'strict.old', STAFF_PASSWORD);
    expect(session.user.mustChangePassword).toBe(true);
    await request(t.http)
      .post('/api/v1/auth/password')
      .set(bearer(session))
      .send({ currentPassword: STAFF_PASSWORD, newPassword: 'Fresh-Password-2026#' })
      .expect(204);
    const again = await login(t, 'strict.old', 'Fresh-Password-2026#');
    expect(again.user.mustChangePassword).toBe(false);
  });

  it('publishes the strict policy', async () => {
    const res = await request(t.http).get('/api/v1/auth/password-policy').expect(200);
    expect(res.body).toEqual({
      profile: 'strict',
      minLength: 12,
      maxLength: 128,
      requiresCharacterClasses: true,
      expiryDays: 30,
    });
  });
});

describe('auth: first start without ADMIN_INITIAL_PASSWORD', () => {
  let t: TestApp;
  let printed: string[];
  beforeAll(async () => {
    printed = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.join(' '));
    });
    try {
      t = await createTestApp({ ADMIN_INITIAL_PASSWORD: '', ADMIN_USERNAME: 'root.admin' });
    } finally {
      spy.mockRestore();
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints a generated password once; it signs in and must be changed', async () => {
    const output = printed.join('\n');
    const password = /password: (\S+)/.exec(output)?.[1];
    expect(password).toHaveLength(20);
    expect(output).toContain('root.admin');
    const session = await login(t, 'root.admin', password!);
    expect(session.user).toMatchObject({ mustChangePassword: true, organisation: { name: '默认机构' } });
  });

  it('does nothing on later starts', async () => {
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await t.app.get(IamSetupService).ensureSetUp()).toBe(false);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const [{ count }] = await sql<{ count: string }>(t, `SELECT count(*) FROM staff_user`);
    expect(Number(count)).toBe(1);
  });

  it('is safe when two processes start at once', async () => {
    const setup = t.app.get(IamSetupService);
    const results = await Promise.all([setup.ensureSetUp(), setup.ensureSetUp()]);
    expect(results).toEqual([false, false]);
    const [{ count }] = await sql<{ count: string }>(t, `SELECT count(*) FROM organisation`);
    expect(Number(count)).toBe(1);
  });
});
