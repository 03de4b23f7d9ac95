import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { ADMIN, bearer, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const KEY_FORMAT = /^hp_([a-z0-9]{8})_[A-Za-z0-9_-]{43}$/;

describe('API keys', () => {
  let t: TestApp;
  let admin: Session;

  const createKey = (body: Record<string, unknown>, session: Session = admin) =>
    request(t.http).post('/api/v1/api-keys').set(bearer(session)).send(body);

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the full key once and stores only its hash', async () => {
    const res = await createKey({ name: 'LIS 检验系统', scopes: ['reports:write', 'clients:read'] }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'LIS 检验系统',
      prefix: expect.stringMatching(/^[a-z0-9]{8}$/),
      scopes: ['reports:write', 'clients:read'],
      status: 'active',
      createdAt: expect.any(String),
      createdBy: 'admin',
      key: expect.stringMatching(KEY_FORMAT),
    });
    expect(KEY_FORMAT.exec(res.body.key)![1]).toBe(res.body.prefix);

    const [row] = await sql<{ key_hash: string }>(t, `SELECT key_hash FROM api_key WHERE id = $1`, [res.body.id]);
    expect(row.key_hash).toBe(createHash('sha256').update(res.body.key).digest('hex'));

    const list = await request(t.http).get('/api/v1/api-keys').set(bearer(admin)).expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === res.body.id);
    expect(listed).toMatchObject({ name: 'LIS 检验系统', prefix: res.body.prefix, status: 'active' });
    expect(listed.key).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(res.body.key.slice(12));
  });

  it('refuses management scopes, unknown scopes and past expiry', async () => {
    for (const scope of ['users:manage', 'roles:manage', 'api-keys:manage', 'audit:read', 'clients:fly']) {
      const res = await createKey({ name: 'bad', scopes: [scope] });
      expect([scope, res.status, res.body.code]).toEqual([scope, 400, 'INVALID_SCOPE']);
    }
    const past = await createKey({ name: 'old', scopes: ['clients:read'], expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    expect(past.body.details[0].field).toBe('expiresAt');
    const empty = await createKey({ name: 'none', scopes: [] }).expect(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
  });

  it('does not let a key manager give a key more than they hold', async () => {
    await request(t.http)
      .post('/api/v1/roles')
      .set(bearer(admin))
      .send({ code: 'integrator', name: '集成', permissions: ['api-keys:manage', 'clients:read'] })
      .expect(201);
    await createUser(t, admin, 'key.maker', ['integrator']);
    const maker = await login(t, 'key.maker', STAFF_PASSWORD);
    await createKey({ name: 'mine', scopes: ['clients:read'] }, maker).expect(201);
    const res = await createKey({ name: 'more', scopes: ['reports:write'] }, maker).expect(400);
    expect(res.body.code).toBe('INVALID_SCOPE');
  });

  describe('using a key', () => {
    let usersKey: string;
    let clientsKey: string;
    beforeAll(async () => {
      usersKey = (await createKey({ name: 'BI', scopes: ['users:read'] }).expect(201)).body.key;
      clientsKey = (await createKey({ name: 'CRM', scopes: ['clients:read'] }).expect(201)).body.key;
    });

    it('acts in its organisation with exactly its scopes', async () => {
      const res = await request(t.http).get('/api/v1/users').set('X-API-Key', usersKey).expect(200);
      expect(res.body.items.map((u: { username: string }) => u.username)).toContain('admin');
      await request(t.http).get('/api/v1/roles').set('X-API-Key', usersKey).expect(200);
      const denied = await request(t.http).get('/api/v1/users').set('X-API-Key', clientsKey).expect(403);
      expect(denied.body.code).toBe('PERMISSION_DENIED');
      await request(t.http).post(`/api/v1/users/${admin.user.id}/unlock`).set('X-API-Key', usersKey).expect(403);
    });

    it('is not a signed-in user and never the platform administrator', async () => {
      await request(t.http).get('/api/v1/auth/me').set('X-API-Key', usersKey).expect(403);
      await request(t.http).get('/api/v1/organisations').set('X-API-Key', usersKey).expect(403);
      await request(t.http).get('/api/v1/audit-events').set('X-API-Key', usersKey).expect(403);
    });

    it('records when it was last used', async () => {
      const list = await request(t.http).get('/api/v1/api-keys?pageSize=100').set(bearer(admin)).expect(200);
      const bi = list.body.items.find((k: { name: string }) => k.name === 'BI');
      expect(new Date(bi.lastUsedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    it('refuses unknown, malformed and tampered keys with 401 INVALID_API_KEY', async () => {
      const tampered = usersKey.slice(0, -1) + (usersKey.endsWith('A') ? 'B' : 'A');
      for (const key of ['nonsense', `hp_abcdefgh_${'x'.repeat(43)}`, tampered]) {
        const res = await request(t.http).get('/api/v1/users').set('X-API-Key', key).expect(401);
        expect(res.body.code).toBe('INVALID_API_KEY');
      }
    });
  });

  it('stops working once revoked; revoking twice is fine; unknown ids answer 404', async () => {
    const created = await createKey({ name: 'to revoke', scopes: ['users:read'] }).expect(201);
    await request(t.http).get('/api/v1/users').set('X-API-Key', created.body.key).expect(200);
    await request(t.http).post(`/api/v1/api-keys/${created.body.id}/revoke`).set(bearer(admin)).expect(204);
    const res = await request(t.http).get('/api/v1/users').set('X-API-Key', created.body.key).expect(401);
    expect(res.body.code).toBe('INVALID_API_KEY');
    await request(t.http).post(`/api/v1/api-keys/${created.body.id}/revoke`).set(bearer(admin)).expect(204);
    const list = await request(t.http).get('/api/v1/api-keys?pageSize=100').set(bearer(admin)).expect(200);
    expect(list.body.items.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(String),
    });
    const missing = await request(t.http).post(`/api/v1/api-keys/${randomUUID()}/revoke`).set(bearer(admin)).expect(404);
    expect(missing.body.code).toBe('API_KEY_NOT_FOUND');
  });

  it('stops working once expired', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await createKey({ name: 'short-lived', scopes: ['users:read'], expiresAt }).expect(201);
    expect(created.body.expiresAt).toBe(expiresAt);
    await request(t.http).get('/api/v1/users').set('X-API-Key', created.body.key).expect(200);
    await sql(t, `UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    const res = await request(t.http).get('/api/v1/users').set('X-API-Key', created.body.key).expect(401);
    expect(res.body.code).toBe('INVALID_API_KEY');
    const list = await request(t.http).get('/api/v1/api-keys?pageSize=100').set(bearer(admin)).expect(200);
    expect(list.body.items.find((k: { id: string }) => k.id === created.body.id).status).toBe('expired');
  });

  it('needs api-keys:manage', async () => {
    await createUser(t, admin, 'no.keys', ['manager']);
    const manager = await login(t, 'no.keys', STAFF_PASSWORD);
    await request(t.http).get('/api/v1/api-keys').set(bearer(manager)).expect(403);
    await createKey({ name: 'x', scopes: ['clients:read'] }, manager).expect(403);
  });
});
