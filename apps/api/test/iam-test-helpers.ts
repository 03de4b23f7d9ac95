import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

/** The administrator `createTestApp` creates at first start. */
export const ADMIN = { username: 'admin', password: 'Clinic-Bootstrap-Pass-2026' } as const;

/** Satisfies both password profiles and contains none of the usernames used in tests. */
export const STAFF_PASSWORD = 'Quiet-River-Stone-42!';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: {
    id: string;
    username: string;
    permissions: string[];
    mustChangePassword: boolean;
    organisation: { id: string; name: string };
  };
}

export const bearer = (session: Session | string) => ({
  Authorization: `Bearer ${typeof session === 'string' ? session : session.accessToken}`,
});

export async function login(t: TestApp, username: string, password: string): Promise<Session> {
  const res = await request(t.http).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Session;
}

export async function roleIdOf(t: TestApp, session: Session, code: string): Promise<string> {
  const res = await request(t.http).get('/api/v1/roles?pageSize=100').set(bearer(session)).expect(200);
  const role = (res.body.items as { id: string; code: string }[]).find((r) => r.code === code);
  if (!role) throw new Error(`no role ${code}`);
  return role.id;
}

/** Creates a user holding the given role codes and returns their id. */
export async function createUser(
  t: TestApp,
  admin: Session,
  username: string,
  roleCodes: string[],
  password = STAFF_PASSWORD,
): Promise<string> {
  const roleIds = await Promise.all(roleCodes.map((code) => roleIdOf(t, admin, code)));
  const res = await request(t.http)
    .post('/api/v1/users')
    .set(bearer(admin))
    .send({ username, displayName: `测试${username}`, password, roleIds });
  if (res.status !== 201) throw new Error(`create ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/**
 * Has the platform administrator create a second organisation, 另一机构 (`other-org`), and signs in
 * its administrator `other.admin`: the stranger of cross-organisation tests.
 */
export async function createOtherOrganisation(t: TestApp, platformAdmin: Session): Promise<Session> {
  await request(t.http)
    .post('/api/v1/organisations')
    .set(bearer(platformAdmin))
    .send({
      name: '另一机构',
      code: 'other-org',
      admin: { username: 'other.admin', displayName: '他', password: STAFF_PASSWORD },
    })
    .expect(201);
  return login(t, 'other.admin', STAFF_PASSWORD);
}

export function sql<T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return t.app.get(DataSource).query(text, params);
}
