import request from 'supertest';
import { ADMIN, bearer, createUser, login, roleIdOf, Session, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

describe('tenancy: organisations and cross-organisation access', () => {
  let t: TestApp;
  let platformAdmin: Session;
  let adminB: Session;
  let orgB: { id: string; code: string };
  let userA: string;
  let userB: string;
  let customRoleA: string;
  let keyA: { id: string; key: string };

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    platformAdmin = await login(t, ADMIN.username, ADMIN.password);
    const created = await request(t.http)
      .post('/api/v1/organisations')
      .set(bearer(platformAdmin))
      .send({
        name: '康宁健康管理中心',
        code: 'kangning',
        admin: { username: 'kangning.admin', displayName: '李敏', password: STAFF_PASSWORD },
      })
      .expect(201);
    orgB = created.body.organisation;
    adminB = await login(t, 'kangning.admin', STAFF_PASSWORD);
    userA = await createUser(t, platformAdmin, 'a.doctor', ['doctor']);
    userB = await createUser(t, adminB, 'b.doctor', ['doctor']);
    customRoleA = (
      await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(platformAdmin))
        .send({ code: 'a-custom', name: 'A', permissions: ['clients:read'] })
        .expect(201)
    ).body.id;
    keyA = (
      await request(t.http)
        .post('/api/v1/api-keys')
        .set(bearer(platformAdmin))
        .send({ name: 'A key', scopes: ['users:read'] })
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('organisations', () => {
    it('are created by the platform administrator with built-in roles and a first administrator', async () => {
      expect(orgB).toMatchObject({
        name: '康宁健康管理中心',
        code: 'kangning',
        timezone: 'Asia/Shanghai',
        status: 'active',
        isPlatform: false,
        userCount: 1,
      });
      expect(adminB.user).toMatchObject({ organisation: { id: orgB.id, name: '康宁健康管理中心' }, mustChangePassword: true });
      const me = await request(t.http).get('/api/v1/auth/me').set(bearer(adminB)).expect(200);
      expect(me.body).toMatchObject({ isPlatformAdmin: false, roles: [{ code: 'admin' }] });
      const roles = await request(t.http).get('/api/v1/roles').set(bearer(adminB)).expect(200);
      expect(roles.body.total).toBe(7);
      const doctorA = await roleIdOf(t, platformAdmin, 'doctor');
      expect(roles.body.items.map((r: { id: string }) => r.id)).not.toContain(doctorA);
    });

    it('are listed for the platform administrator only', async () => {
      const res = await request(t.http).get('/api/v1/organisations').set(bearer(platformAdmin)).expect(200);
      expect(res.body.items.map((o: { code: string; isPlatform: boolean }) => [o.code, o.isPlatform])).toEqual([
        ['default', true],
        ['kangning', false],
      ]);
      const denied = await request(t.http).get('/api/v1/organisations').set(bearer(adminB)).expect(403);
      expect(denied.body.code).toBe('PERMISSION_DENIED');
      await request(t.http)
        .post('/api/v1/organisations')
        .set(bearer(adminB))
        .send({ name: 'X', code: 'x-org', admin: { username: 'x.admin', displayName: 'X', password: STAFF_PASSWORD } })
        .expect(403);
    });

    it('refuses taken codes and usernames, bad time zones and weak admin passwords', async () => {
      const body = (over: Record<string, unknown>) => ({
        name: '新机构',
        code: 'new-org',
        admin: { username: 'new.admin', displayName: '新', password: STAFF_PASSWORD },
        ...over,
      });
      const post = (payload: object) => request(t.http).post('/api/v1/organisations').set(bearer(platformAdmin)).send(payload);
      expect((await post(body({ code: 'kangning' })).expect(409)).body.code).toBe('ORGANISATION_CODE_TAKEN');
      const takenAdmin = await post(body({ admin: { username: 'a.doctor', displayName: 'x', password: STAFF_PASSWORD } })).expect(
        409,
      );
      expect(takenAdmin.body.code).toBe('USERNAME_TAKEN');
      expect((await post(body({ timezone: 'Mars/Olympus' })).expect(400)).body.details[0].field).toBe('timezone');
      const weak = await post(body({ admin: { username: 'new.admin', displayName: 'x', password: 'weak' } })).expect(400);
      expect(weak.body.details[0]).toMatchObject({ field: 'admin.password', code: 'too_short' });
      const invalid = await post(body({ admin: { username: 'new.admin' } })).expect(400);
      expect(invalid.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['admin.displayName', 'admin.password']),
      );
    });

    it('can be disabled, which shuts out its users and keys, and enabled again', async () => {
      const keyB = (
        await request(t.http)
          .post('/api/v1/api-keys')
          .set(bearer(adminB))
          .send({ name: 'B key', scopes: ['users:read'] })
          .expect(201)
      ).body.key;
      await request(t.http)
        .patch(`/api/v1/organisations/${orgB.id}`)
        .set(bearer(platformAdmin))
        .send({ status: 'disabled' })
        .expect(200);
      await request(t.http).get('/api/v1/auth/me').set(bearer(adminB)).expect(401);
      await request(t.http).get('/api/v1/users').set('X-API-Key', keyB).expect(401);
      const res = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: 'kangning.admin', password: STAFF_PASSWORD })
        .expect(401);
      expect(res.body.code).toBe('ACCOUNT_DISABLED');
      const enabled = await request(t.http)
        .patch(`/api/v1/organisations/${orgB.id}`)
        .set(bearer(platformAdmin))
        .send({ status: 'active', name: '康宁健康管理中心（总院）' })
        .expect(200);
      expect(enabled.body).toMatchObject({ status: 'active', name: '康宁健康管理中心（总院）', userCount: 2 });
      adminB = await login(t, 'kangning.admin', STAFF_PASSWORD);
    });

    it('never disables the platform organisation', async () => {
      const res = await request(t.http)
        .patch(`/api/v1/organisations/${platformAdmin.user.organisation.id}`)
        .set(bearer(platformAdmin))
        .send({ status: 'disabled' })
        .expect(409);
      expect(res.body.code).toBe('PLATFORM_ORGANISATION_PROTECTED');
    });
  });

  describe('another organisation’s ids answer 404, as if they did not exist', () => {
    it('users', async () => {
      for (const [method, path, body] of [
        ['get', `/api/v1/users/${userA}`, undefined],
        ['patch', `/api/v1/users/${userA}`, { displayName: 'hijack' }],
        ['post', `/api/v1/users/${userA}/reset-password`, { newPassword: 'Hijacked-Password-1' }],
        ['post', `/api/v1/users/${userA}/unlock`, undefined],
      ] as const) {
        const res = await request(t.http)[method](path).set(bearer(adminB)).send(body);
        expect([method, path, res.status, res.body.code]).toEqual([method, path, 404, 'USER_NOT_FOUND']);
      }
      await login(t, 'a.doctor', STAFF_PASSWORD);
    });

    it('roles', async () => {
      const patch = await request(t.http)
        .patch(`/api/v1/roles/${customRoleA}`)
        .set(bearer(adminB))
        .send({ name: 'x' })
        .expect(404);
      expect(patch.body.code).toBe('ROLE_NOT_FOUND');
      await request(t.http).delete(`/api/v1/roles/${customRoleA}`).set(bearer(adminB)).expect(404);
      const assign = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(adminB))
        .send({ username: 'b.smuggler', displayName: 'x', password: STAFF_PASSWORD, roleIds: [customRoleA] })
        .expect(400);
      expect(assign.body.code).toBe('ROLE_NOT_FOUND');
      await request(t.http)
        .patch(`/api/v1/users/${userB}`)
        .set(bearer(adminB))
        .send({ roleIds: [customRoleA] })
        .expect(400);
    });

    it('API keys', async () => {
      const res = await request(t.http).post(`/api/v1/api-keys/${keyA.id}/revoke`).set(bearer(adminB)).expect(404);
      expect(res.body.code).toBe('API_KEY_NOT_FOUND');
      const list = await request(t.http).get('/api/v1/api-keys').set(bearer(adminB)).expect(200);
      expect(list.body.items.map((k: { id: string }) => k.id)).not.toContain(keyA.id);
      await request(t.http).get('/api/v1/users').set('X-API-Key', keyA.key).expect(200);
    });

    it('lists show only the caller’s organisation, also for API keys', async () => {
      const b = await request(t.http).get('/api/v1/users?pageSize=100').set(bearer(adminB)).expect(200);
      expect(b.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['b.doctor', 'kangning.admin']);
      const a = await request(t.http).get('/api/v1/users?pageSize=100').set('X-API-Key', keyA.key).expect(200);
      expect(a.body.items.map((u: { username: string }) => u.username)).not.toContain('b.doctor');
      await request(t.http).get(`/api/v1/users/${userB}`).set('X-API-Key', keyA.key).expect(404);
    });

    it('audit events', async () => {
      await createUser(t, adminB, 'b.auditor', ['auditor']);
      await createUser(t, platformAdmin, 'a.auditor', ['auditor']);
      const auditorB = await login(t, 'b.auditor', STAFF_PASSWORD);
      const auditorA = await login(t, 'a.auditor', STAFF_PASSWORD);
      const seenByB = await request(t.http).get('/api/v1/audit-events?pageSize=100').set(bearer(auditorB)).expect(200);
      expect(seenByB.body.total).toBeGreaterThan(0);
      expect(new Set(seenByB.body.items.map((e: { orgId: string }) => e.orgId))).toEqual(new Set([orgB.id]));
      const seenByA = await request(t.http).get('/api/v1/audit-events?pageSize=100').set(bearer(auditorA)).expect(200);
      expect(seenByA.body.items.map((e: { orgId?: string }) => e.orgId)).not.toContain(orgB.id);
      const verify = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditorB)).expect(200);
      expect(verify.body).toEqual({ valid: true, checked: expect.any(Number) });
    });
  });
});
