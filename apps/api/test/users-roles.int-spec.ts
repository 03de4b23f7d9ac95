import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DemoSeeder } from '@health/iam';
import { ADMIN, bearer, createUser, login, roleIdOf, Session, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

describe('users, roles and permissions', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('permission catalog', () => {
    it('lists every code with its group and names', async () => {
      const res = await request(t.http).get('/api/v1/permissions').set(bearer(admin)).expect(200);
      expect(res.body).toContainEqual({
        code: 'clients:unmask',
        group: 'clients',
        nameZh: expect.any(String),
        nameEn: expect.any(String),
        apiKeyScope: true,
      });
      expect(res.body).toContainEqual(expect.objectContaining({ code: 'audit:read', apiKeyScope: false }));
      expect(res.body.map((p: { code: string }) => p.code)).toEqual(
        expect.arrayContaining(['follow-ups:manage', 'users:manage', 'roles:manage', 'api-keys:manage', 'stats:read']),
      );
    });

    it('needs a signed-in user', async () => {
      await request(t.http).get('/api/v1/permissions').expect(401);
    });
  });

  describe('roles', () => {
    it('lists the built-in roles of the organisation with their holders', async () => {
      const res = await request(t.http).get('/api/v1/roles').set(bearer(admin)).expect(200);
      expect(res.body).toMatchObject({ total: 7, page: 1, pageSize: 20 });
      const byCode = Object.fromEntries(res.body.items.map((r: { code: string }) => [r.code, r]));
      expect(Object.keys(byCode).sort()).toEqual(['admin', 'auditor', 'dietitian', 'doctor', 'manager', 'nurse', 'psychologist']);
      expect(byCode.admin).toMatchObject({ name: '系统管理员', builtIn: true, userCount: 1 });
      expect(byCode.admin.permissions).not.toContain('audit:read');
      expect(byCode.auditor.permissions.sort()).toEqual(['audit:read', 'users:read']);
      expect(byCode['psychologist'].name).toBe('心理咨询师');
    });

    it('creates, updates and deletes a custom role', async () => {
      const created = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'front-desk', name: '前台', permissions: ['cards:read', 'clients:read', 'clients:read'] })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        code: 'front-desk',
        name: '前台',
        nameEn: '前台',
        builtIn: false,
        permissions: ['clients:read', 'cards:read'],
        userCount: 0,
      });
      const updated = await request(t.http)
        .patch(`/api/v1/roles/${created.body.id}`)
        .set(bearer(admin))
        .send({ nameEn: 'Front desk', permissions: ['clients:read', 'clients:write'] })
        .expect(200);
      expect(updated.body).toMatchObject({ name: '前台', nameEn: 'Front desk', permissions: ['clients:read', 'clients:write'] });
      await request(t.http).delete(`/api/v1/roles/${created.body.id}`).set(bearer(admin)).expect(204);
      const gone = await request(t.http)
        .patch(`/api/v1/roles/${created.body.id}`)
        .set(bearer(admin))
        .send({ name: 'x' })
        .expect(404);
      expect(gone.body.code).toBe('ROLE_NOT_FOUND');
    });

    it('refuses unknown permission codes', async () => {
      const res = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'odd', name: '奇怪', permissions: ['clients:read', 'clients:fly'] })
        .expect(400);
      expect(res.body.code).toBe('UNKNOWN_PERMISSION');
      expect(res.body.details).toEqual([
        { field: 'permissions', code: 'unknown', message: expect.stringContaining('clients:fly') },
      ]);
    });

    it('refuses a role that reads the audit log and changes data', async () => {
      const res = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'sneaky', name: '混合', permissions: ['audit:read', 'clients:write'] })
        .expect(400);
      expect(res.body.code).toBe('SEPARATION_OF_DUTIES');
    });

    it('refuses a code already in use, including built-in codes', async () => {
      const res = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'doctor', name: '医生2', permissions: [] })
        .expect(409);
      expect(res.body.code).toBe('ROLE_CODE_TAKEN');
    });

    it('keeps built-in roles read-only', async () => {
      const doctor = await roleIdOf(t, admin, 'doctor');
      const patch = await request(t.http).patch(`/api/v1/roles/${doctor}`).set(bearer(admin)).send({ name: '大夫' }).expect(409);
      expect(patch.body.code).toBe('ROLE_BUILT_IN');
      const del = await request(t.http).delete(`/api/v1/roles/${doctor}`).set(bearer(admin)).expect(409);
      expect(del.body.code).toBe('ROLE_BUILT_IN');
    });

    it('refuses to delete a role users hold', async () => {
      const role = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'held', name: '在用', permissions: ['clients:read'] })
        .expect(201);
      await createUser(t, admin, 'role.holder', ['held']);
      const res = await request(t.http).delete(`/api/v1/roles/${role.body.id}`).set(bearer(admin)).expect(409);
      expect(res.body.code).toBe('ROLE_IN_USE');
      const list = await request(t.http).get('/api/v1/roles?pageSize=100').set(bearer(admin)).expect(200);
      expect(list.body.items.find((r: { id: string }) => r.id === role.body.id).userCount).toBe(1);
    });

    it('applies a permission change to signed-in holders at once', async () => {
      const role = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'user-viewer', name: '用户查看', permissions: ['users:read'] })
        .expect(201);
      await createUser(t, admin, 'live.change', ['user-viewer']);
      const session = await login(t, 'live.change', STAFF_PASSWORD);
      await request(t.http).get('/api/v1/users').set(bearer(session)).expect(200);
      await request(t.http)
        .patch(`/api/v1/roles/${role.body.id}`)
        .set(bearer(admin))
        .send({ permissions: ['clients:read'] })
        .expect(200);
      await request(t.http).get('/api/v1/users').set(bearer(session)).expect(403);
    });

    it('refuses a change that would let a holder read the audit log and change data', async () => {
      const readers = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'readers', name: '只读', permissions: ['clients:read'] })
        .expect(201);
      await createUser(t, admin, 'sod.auditor', ['auditor', 'readers']);
      const res = await request(t.http)
        .patch(`/api/v1/roles/${readers.body.id}`)
        .set(bearer(admin))
        .send({ permissions: ['clients:read', 'clients:write'] })
        .expect(409);
      expect(res.body.code).toBe('SEPARATION_OF_DUTIES');
    });

    it('needs roles:manage to change roles', async () => {
      await createUser(t, admin, 'role.doctor', ['doctor']);
      const doctor = await login(t, 'role.doctor', STAFF_PASSWORD);
      const res = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(doctor))
        .send({ code: 'mine', name: '我的', permissions: [] })
        .expect(403);
      expect(res.body.code).toBe('PERMISSION_DENIED');
      await request(t.http).get('/api/v1/roles').set(bearer(doctor)).expect(403);
    });
  });

  describe('users', () => {
    let doctorRole: string;
    let nurseRole: string;
    beforeAll(async () => {
      doctorRole = await roleIdOf(t, admin, 'doctor');
      nurseRole = await roleIdOf(t, admin, 'nurse');
    });

    it('creates a user who must change the password', async () => {
      const res = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({
          username: 'Li.Na',
          displayName: '李娜',
          password: STAFF_PASSWORD,
          roleIds: [doctorRole],
          email: 'li.na@example.com',
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username: 'li.na',
        displayName: '李娜',
        email: 'li.na@example.com',
        status: 'active',
        roles: [{ id: doctorRole, code: 'doctor', name: '医生', nameEn: 'Doctor' }],
        mustChangePassword: true,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain('password');
    });

    it('refuses a username taken anywhere on the platform, whatever its case', async () => {
      const res = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'LI.NA', displayName: '李娜2', password: STAFF_PASSWORD, roleIds: [doctorRole] })
        .expect(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
    });

    it('refuses unknown roles, weak passwords and invalid fields', async () => {
      const unknownRole = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'x.user', displayName: 'X', password: STAFF_PASSWORD, roleIds: [randomUUID()] })
        .expect(400);
      expect(unknownRole.body.code).toBe('ROLE_NOT_FOUND');
      const weak = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'x.user', displayName: 'X', password: 'short', roleIds: [doctorRole] })
        .expect(400);
      expect(weak.body).toMatchObject({ code: 'PASSWORD_POLICY_VIOLATION', details: [{ field: 'password', code: 'too_short' }] });
      const invalid = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'x', displayName: 'X', password: STAFF_PASSWORD, roleIds: [], extra: 1 })
        .expect(400);
      expect(invalid.body.code).toBe('VALIDATION_FAILED');
      const fields = invalid.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['username', 'roleIds', 'extra']));
    });

    it('refuses giving one user the auditor role next to roles that change data', async () => {
      const auditorRole = await roleIdOf(t, admin, 'auditor');
      const res = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'mixed.roles', displayName: '混合', password: STAFF_PASSWORD, roleIds: [auditorRole, doctorRole] })
        .expect(400);
      expect(res.body.code).toBe('SEPARATION_OF_DUTIES');
    });

    it('lists with pagination, filters and sort', async () => {
      await createUser(t, admin, 'list.a', ['nurse']);
      await createUser(t, admin, 'list.b', ['nurse']);
      const page = await request(t.http).get('/api/v1/users?pageSize=2&page=1&sort=username').set(bearer(admin)).expect(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
      expect(page.body.total).toBeGreaterThan(3);
      const all = await request(t.http).get('/api/v1/users?pageSize=100&sort=-username').set(bearer(admin)).expect(200);
      const names = all.body.items.map((u: { username: string }) => u.username);
      expect(names).toEqual([...names].sort().reverse());

      const byRole = await request(t.http).get(`/api/v1/users?roleId=${nurseRole}&sort=username`).set(bearer(admin)).expect(200);
      expect(byRole.body.items.map((u: { username: string }) => u.username)).toEqual(['list.a', 'list.b']);
      const search = await request(t.http).get('/api/v1/users?search=LIST.').set(bearer(admin)).expect(200);
      expect(search.body.total).toBe(2);
      const byName = await request(t.http)
        .get(`/api/v1/users?search=${encodeURIComponent('李娜')}`)
        .set(bearer(admin))
        .expect(200);
      expect(byName.body.items.map((u: { username: string }) => u.username)).toEqual(['li.na']);
      const wildcard = await request(t.http).get('/api/v1/users?search=%25').set(bearer(admin)).expect(200);
      expect(wildcard.body.total).toBe(0);
      const disabled = await request(t.http).get('/api/v1/users?status=disabled').set(bearer(admin)).expect(200);
      expect(disabled.body.total).toBe(0);
    });

    it('refuses unknown query parameters, sorts and oversized pages', async () => {
      for (const query of ['foo=1', 'sort=password', 'pageSize=101', 'page=0', 'status=gone', 'roleId=abc']) {
        const res = await request(t.http).get(`/api/v1/users?${query}`).set(bearer(admin));
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      }
    });

    it('gets one user; unknown ids answer 404 and malformed ids 400', async () => {
      const id = await createUser(t, admin, 'get.me', ['nurse']);
      const res = await request(t.http).get(`/api/v1/users/${id}`).set(bearer(admin)).expect(200);
      expect(res.body).toMatchObject({ id, username: 'get.me', roles: [{ code: 'nurse' }] });
      const missing = await request(t.http).get(`/api/v1/users/${randomUUID()}`).set(bearer(admin)).expect(404);
      expect(missing.body.code).toBe('USER_NOT_FOUND');
      await request(t.http).get('/api/v1/users/not-a-uuid').set(bearer(admin)).expect(400);
    });

    it('updates name, email and roles', async () => {
      const id = await createUser(t, admin, 'patch.me', ['nurse']);
      const res = await request(t.http)
        .patch(`/api/v1/users/${id}`)
        .set(bearer(admin))
        .send({ displayName: '新名字', email: 'patch@example.com', roleIds: [doctorRole, nurseRole] })
        .expect(200);
      expect(res.body).toMatchObject({ displayName: '新名字', email: 'patch@example.com' });
      expect(res.body.roles.map((r: { code: string }) => r.code)).toEqual(['doctor', 'nurse']);
      const cleared = await request(t.http).patch(`/api/v1/users/${id}`).set(bearer(admin)).send({ email: null }).expect(200);
      expect(cleared.body.email).toBeUndefined();
      expect(cleared.body.roles).toHaveLength(2);
    });

    it('does not let an administrator disable themselves or drop their own users:manage', async () => {
      const self = await request(t.http)
        .patch(`/api/v1/users/${admin.user.id}`)
        .set(bearer(admin))
        .send({ status: 'disabled' })
        .expect(409);
      expect(self.body.code).toBe('CANNOT_DISABLE_SELF');
      const roles = await request(t.http)
        .patch(`/api/v1/users/${admin.user.id}`)
        .set(bearer(admin))
        .send({ roleIds: [doctorRole] })
        .expect(409);
      expect(roles.body.code).toBe('CANNOT_REMOVE_OWN_USER_MANAGEMENT');
      const me = await request(t.http).get('/api/v1/auth/me').set(bearer(admin)).expect(200);
      expect(me.body.roles.map((r: { code: string }) => r.code)).toEqual(['admin']);
    });

    it('does not let a user administrator remove users:manage from their own custom role', async () => {
      const role = await request(t.http)
        .post('/api/v1/roles')
        .set(bearer(admin))
        .send({ code: 'user-admin', name: '用户管理员', permissions: ['users:read', 'users:manage', 'roles:manage'] })
        .expect(201);
      await createUser(t, admin, 'user.admin', ['user-admin']);
      const session = await login(t, 'user.admin', STAFF_PASSWORD);
      const res = await request(t.http)
        .patch(`/api/v1/roles/${role.body.id}`)
        .set(bearer(session))
        .send({ permissions: ['users:read', 'roles:manage'] })
        .expect(409);
      expect(res.body.code).toBe('CANNOT_REMOVE_OWN_USER_MANAGEMENT');
    });

    it('resets a password: old sessions end, the new one must be changed', async () => {
      const id = await createUser(t, admin, 'reset.me', ['nurse']);
      const before = await login(t, 'reset.me', STAFF_PASSWORD);
      await request(t.http)
        .post(`/api/v1/users/${id}/reset-password`)
        .set(bearer(admin))
        .send({ newPassword: 'Temporary-Pass-Word-7' })
        .expect(204);
      await request(t.http).get('/api/v1/auth/me').set(bearer(before)).expect(401);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
      await request(t.http).post('/api/v1/auth/login').send({ username: 'reset.me', password: STAFF_PASSWORD }).expect(401);
      const after = await login(t, 'reset.me', 'Temporary-Pass-Word-7');
      expect(after.user.mustChangePassword).toBe(true);
      const weak = await request(t.http)
        .post(`/api/v1/users/${id}/reset-password`)
        .set(bearer(admin))
        .send({ newPassword: 'abc' })
        .expect(400);
      expect(weak.body.details[0]).toMatchObject({ field: 'newPassword', code: 'too_short' });
    });

    it('lets auditors read users but not change them, and keeps clinicians out', async () => {
      await createUser(t, admin, 'the.auditor', ['auditor']);
      await createUser(t, admin, 'the.doctor', ['doctor']);
      const auditor = await login(t, 'the.auditor', STAFF_PASSWORD);
      const doctor = await login(t, 'the.doctor', STAFF_PASSWORD);
      await request(t.http).get('/api/v1/users').set(bearer(auditor)).expect(200);
      await request(t.http).get('/api/v1/roles').set(bearer(auditor)).expect(200);
      const write = await request(t.http)
        .post('/api/v1/users')
        .set(bearer(auditor))
        .send({ username: 'by.auditor', displayName: 'X', password: STAFF_PASSWORD, roleIds: [doctorRole] })
        .expect(403);
      expect(write.body.code).toBe('PERMISSION_DENIED');
      await request(t.http).post(`/api/v1/users/${admin.user.id}/unlock`).set(bearer(auditor)).expect(403);
      await request(t.http).get('/api/v1/users').set(bearer(doctor)).expect(403);
    });
  });

  describe('demo seeder', () => {
    it('creates a demo organisation with one user per built-in role, once', async () => {
      const seeder = t.app.get(DemoSeeder);
      const first = await seeder.seed();
      expect(first.organisation).toBe('康宁健康管理中心');
      expect(first.logins.map((l) => l.username)).toEqual([
        'demo.admin',
        'demo.manager',
        'demo.doctor',
        'demo.nurse',
        'demo.dietitian',
        'demo.psychologist',
        'demo.auditor',
      ]);
      expect(first.logins.every((l) => l.created)).toBe(true);
      const second = await seeder.seed();
      expect(second.logins.some((l) => l.created)).toBe(false);

      const manager = await login(t, 'demo.manager', first.logins[1].password);
      expect(manager.user).toMatchObject({ organisation: { name: '康宁健康管理中心' }, mustChangePassword: false });
      expect(manager.user.permissions).toContain('follow-ups:manage');
      const demoAdmin = await login(t, 'demo.admin', first.logins[0].password);
      const users = await request(t.http).get('/api/v1/users').set(bearer(demoAdmin)).expect(200);
      expect(users.body.total).toBe(7);
    });
  });
});
