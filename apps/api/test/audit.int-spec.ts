import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService, GENESIS_HASH, RequestContext } from '@health/core';
import { waitUntil } from '@health/core/testing';
import { RunAuditVerificationJob } from '@health/iam';
import { ADMIN, bearer, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, runJob, TestApp } from './test-app';

interface VerificationBody {
  id: string;
  status: string;
  rowsTotal: number;
  checked: number;
  valid?: boolean;
  firstBrokenId?: string;
  requestedByType: string;
  requestedBy: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

interface AuditEventBody {
  id: string;
  occurredAt: string;
  orgId?: string;
  actorType: string;
  actorId?: string;
  actorName?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: string;
  ip?: string;
  requestId?: string;
  hash: string;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: Session;
  let auditor: Session;
  let orgId: string;

  const events = async (query: string): Promise<AuditEventBody[]> => {
    const res = await request(t.http).get(`/api/v1/audit-events?pageSize=100&${query}`).set(bearer(auditor)).expect(200);
    return res.body.items;
  };

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    orgId = admin.user.organisation.id;
    await createUser(t, admin, 'audit.reader', ['auditor']);
    auditor = await login(t, 'audit.reader', STAFF_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a successful login with actor, organisation, IP and request id', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: 'audit.reader', password: STAFF_PASSWORD })
      .expect(200);
    const [event] = await events(`action=auth.login&actorId=${res.body.user.id}`);
    expect(event).toMatchObject({
      orgId,
      actorType: 'user',
      actorId: res.body.user.id,
      actorName: 'audit.reader',
      action: 'auth.login',
      targetType: 'user',
      targetId: res.body.user.id,
      outcome: 'success',
      ip: expect.stringContaining('127.0.0.1'),
      requestId: res.headers['x-request-id'],
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('records failed logins: known users in their organisation, unknown usernames in the platform chain', async () => {
    await request(t.http).post('/api/v1/auth/login').send({ username: 'audit.reader', password: 'wrong-password-1' }).expect(401);
    const unknown = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: 'ghost.user', password: 'wrong-password-2' })
      .expect(401);
    const failed = await events('action=auth.login_failed');
    expect(failed).toHaveLength(2);
    expect(failed[1]).toMatchObject({
      orgId,
      actorType: 'anonymous',
      targetType: 'user',
      targetId: auditor.user.id,
      outcome: 'failure',
    });
    expect(failed[0]).toMatchObject({ actorType: 'anonymous', outcome: 'failure', requestId: unknown.headers['x-request-id'] });
    expect(failed[0].orgId).toBeUndefined();
    expect(failed[0].targetId).toBeUndefined();
  });

  it('records permission denials', async () => {
    await createUser(t, admin, 'audit.doctor', ['doctor']);
    const doctor = await login(t, 'audit.doctor', STAFF_PASSWORD);
    await request(t.http).get('/api/v1/users').set(bearer(doctor)).expect(403);
    const [denial] = await events(`outcome=denied&actorId=${doctor.user.id}`);
    expect(denial).toMatchObject({
      action: 'listUsers',
      actorType: 'user',
      actorName: 'audit.doctor',
      targetType: 'user',
      outcome: 'denied',
    });
  });

  it('keeps administrators out of the audit log, and records that they tried', async () => {
    const res = await request(t.http).get('/api/v1/audit-events').set(bearer(admin)).expect(403);
    expect(res.body.code).toBe('PERMISSION_DENIED');
    await request(t.http).get('/api/v1/audit-events/verify').set(bearer(admin)).expect(403);
    const denials = await events(`actorId=${admin.user.id}&outcome=denied`);
    expect(denials.map((e) => e.action)).toEqual(['verifyAuditChain', 'listAuditEvents']);
  });

  it('records every write with its operation, target and outcome', async () => {
    const created = await request(t.http)
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ username: 'audited.user', displayName: '审计对象', password: STAFF_PASSWORD, roleIds: [admin.user.id] })
      .expect(400);
    expect(created.body.code).toBe('ROLE_NOT_FOUND');
    const id = await createUser(t, admin, 'audited.user', ['nurse']);
    await request(t.http).patch(`/api/v1/users/${id}`).set(bearer(admin)).send({ displayName: '改名' }).expect(200);
    await request(t.http).post(`/api/v1/users/${id}/unlock`).set(bearer(admin)).expect(204);
    await request(t.http)
      .post(`/api/v1/users/${id}/reset-password`)
      .set(bearer(admin))
      .send({ newPassword: 'Another-Temp-Pass-8' })
      .expect(204);

    const writes = await events(`actorId=${admin.user.id}&targetType=user`);
    const summary = writes.map((e) => [e.action, e.outcome, e.targetId]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['createUser', 'failure', undefined],
        ['createUser', 'success', id],
        ['updateUser', 'success', id],
        ['unlockUser', 'success', id],
        ['resetUserPassword', 'success', id],
      ]),
    );
    const byTarget = await events(`targetType=user&targetId=${id}`);
    expect(byTarget.map((e) => e.action)).toEqual(['resetUserPassword', 'unlockUser', 'updateUser', 'createUser']);
  });

  it('records a write refused by validation as a failure, and a write refused by the access guard once, as denied', async () => {
    const id = await createUser(t, admin, 'audited.twice', ['nurse']);
    await request(t.http).patch(`/api/v1/users/${id}`).set(bearer(admin)).send({ nickname: 'x' }).expect(400);
    const nurse = await login(t, 'audited.twice', STAFF_PASSWORD);
    await request(t.http).patch(`/api/v1/users/${id}`).set(bearer(nurse)).send({ displayName: '越权' }).expect(403);

    const rows = await events(`targetType=user&targetId=${id}&action=updateUser`);
    expect(rows.map((e) => [e.actorId, e.outcome])).toEqual([
      [nurse.user.id, 'denied'],
      [admin.user.id, 'failure'],
    ]);
  });

  it('records role changes and role assignments', async () => {
    const role = await request(t.http)
      .post('/api/v1/roles')
      .set(bearer(admin))
      .send({ code: 'audited-role', name: '审计角色', permissions: ['clients:read'] })
      .expect(201);
    await request(t.http)
      .patch(`/api/v1/roles/${role.body.id}`)
      .set(bearer(admin))
      .send({ permissions: ['cards:read'] })
      .expect(200);
    const userId = await createUser(t, admin, 'role.receiver', ['nurse']);
    await request(t.http)
      .patch(`/api/v1/users/${userId}`)
      .set(bearer(admin))
      .send({ roleIds: [role.body.id] })
      .expect(200);
    await request(t.http).patch(`/api/v1/users/${userId}`).set(bearer(admin)).send({ roleIds: [] }).expect(400);
    const roleId = role.body.id;
    const inUse = await request(t.http).delete(`/api/v1/roles/${roleId}`).set(bearer(admin)).expect(409);
    expect(inUse.body.code).toBe('ROLE_IN_USE');

    const roleEvents = await events(`targetType=role&targetId=${roleId}`);
    expect(roleEvents.map((e) => [e.action, e.outcome])).toEqual([
      ['role.deleted', 'failure'],
      ['role.updated', 'success'],
      ['role.created', 'success'],
    ]);
    const assigned = await events(`action=user.roles_changed&targetId=${userId}`);
    expect(assigned).toHaveLength(1);
  });

  it('records API key creation and revocation, and what keys are refused', async () => {
    const key = await request(t.http)
      .post('/api/v1/api-keys')
      .set(bearer(admin))
      .send({ name: '审计密钥', scopes: ['clients:read'] })
      .expect(201);
    await request(t.http).get('/api/v1/users').set('X-API-Key', key.body.key).expect(403);
    await request(t.http).post(`/api/v1/api-keys/${key.body.id}/revoke`).set(bearer(admin)).expect(204);
    const keyEvents = await events(`targetType=api_key&targetId=${key.body.id}`);
    expect(keyEvents.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
    const [denied] = await events(`actorId=${key.body.id}`);
    expect(denied).toMatchObject({ actorType: 'api_key', actorName: '审计密钥', action: 'listUsers', outcome: 'denied' });
  });

  it('records logout and password changes', async () => {
    await createUser(t, admin, 'pw.audited', ['nurse']);
    const session = await login(t, 'pw.audited', STAFF_PASSWORD);
    await request(t.http)
      .post('/api/v1/auth/password')
      .set(bearer(session))
      .send({ currentPassword: 'wrong-current-pass', newPassword: 'Brand-New-Secret-11' })
      .expect(400);
    await request(t.http)
      .post('/api/v1/auth/password')
      .set(bearer(session))
      .send({ currentPassword: STAFF_PASSWORD, newPassword: 'Brand-New-Secret-11' })
      .expect(204);
    await request(t.http)
      .post('/api/v1/auth/logout')
      .set(bearer(session))
      .send({ refreshToken: session.refreshToken })
      .expect(204);
    const mine = await events(`actorId=${session.user.id}`);
    expect(mine.map((e) => [e.action, e.outcome])).toEqual([
      ['auth.logout', 'success'],
      ['auth.password_changed', 'success'],
      ['auth.password_change_failed', 'failure'],
      ['auth.login', 'success'],
    ]);
  });

  it('records lockouts', async () => {
    const id = await createUser(t, admin, 'lock.audited', ['nurse']);
    for (let i = 0; i < 6; i += 1) {
      await request(t.http)
        .post('/api/v1/auth/login')
        .send({ username: 'lock.audited', password: `wrong-password-${i}` })
        .expect(401);
    }
    const actions = (await events(`targetId=${id}&targetType=user`)).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['auth.login_locked', 'auth.account_locked', 'auth.login_failed']);
  });

  it('lets other modules record reads, unmasking and exports of a client’s record', async () => {
    const clientId = randomUUID();
    const actor = { type: 'user' as const, id: admin.user.id, orgId, permissions: new Set<string>(), isPlatformAdmin: false };
    const audit = t.app.get(AuditService);
    await RequestContext.run({ requestId: 'test-client-read', ip: '10.1.2.3', actor }, async () => {
      await audit.record({ action: 'client.read', targetType: 'client', targetId: clientId });
      await audit.record({ action: 'client.unmasked', targetType: 'client', targetId: clientId });
      await audit.record({ action: 'clients.exported', targetType: 'client' });
    });
    const rows = await events(`targetType=client&targetId=${clientId}`);
    expect(rows.map((e) => [e.action, e.actorId, e.orgId, e.ip, e.requestId])).toEqual([
      ['client.unmasked', admin.user.id, orgId, '10.1.2.3', 'test-client-read'],
      ['client.read', admin.user.id, orgId, '10.1.2.3', 'test-client-read'],
    ]);
  });

  it('keeps personal data and request bodies out of the rows', async () => {
    const columns = await sql<{ column_name: string }>(
      t,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_event' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'id',
      'seq',
      'occurred_at',
      'org_id',
      'actor_type',
      'actor_id',
      'action',
      'target_type',
      'target_id',
      'outcome',
      'ip',
      'request_id',
      'prev_hash',
      'hash',
    ]);
    const dump = JSON.stringify(await sql(t, `SELECT * FROM audit_event`));
    for (const secret of [STAFF_PASSWORD, '审计对象', 'ghost.user', 'audit.reader', 'Another-Temp-Pass-8'])
      expect(dump).not.toContain(secret);
  });

  it('filters by time and outcome, newest first, with validated parameters', async () => {
    const all = await request(t.http).get('/api/v1/audit-events?pageSize=5').set(bearer(auditor)).expect(200);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.total).toBeGreaterThan(20);
    const times = all.body.items.map((e: AuditEventBody) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const future = await events(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future).toEqual([]);
    const past = await events(`to=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    expect(past).toEqual([]);
    const failures = await events('outcome=failure');
    expect(failures.every((e) => e.outcome === 'failure')).toBe(true);
    for (const query of ['outcome=maybe', 'from=yesterday', 'colour=red', 'pageSize=500']) {
      await request(t.http).get(`/api/v1/audit-events?${query}`).set(bearer(auditor)).expect(400);
    }
  });

  it('is append-only in the database', async () => {
    const [row] = await sql<{ id: string }>(t, `SELECT id FROM audit_event LIMIT 1`);
    await expect(sql(t, `UPDATE audit_event SET action = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(sql(t, `DELETE FROM audit_event WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(sql(t, `TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it('keeps one chain per organisation when transactions on several connections append at once', async () => {
    const audit = t.app.get(AuditService);
    const dataSource = t.app.get(DataSource);
    const newOrgId = randomUUID();
    // Two chains, one of them new (its head row does not exist yet), 12 transactions each at once.
    await Promise.all(
      [orgId, newOrgId].flatMap((chainOrgId) =>
        Array.from({ length: 12 }, (_, n) =>
          dataSource.transaction(async (manager) => {
            await audit.record(
              { action: 'test.concurrent', targetId: `row-${n}`, orgId: chainOrgId, actor: { type: 'system' } },
              manager,
            );
            await audit.record(
              { action: 'test.concurrent', targetId: `row-${n}b`, orgId: chainOrgId, actor: { type: 'system' } },
              manager,
            );
          }),
        ),
      ),
    );
    const chain = await sql<{ prev_hash: string; hash: string }>(
      t,
      `SELECT prev_hash, hash FROM audit_event WHERE org_id = $1 ORDER BY seq`,
      [newOrgId],
    );
    expect(chain).toHaveLength(24);
    expect(chain[0].prev_hash).toBe(GENESIS_HASH);
    chain.slice(1).forEach((row, n) => expect(row.prev_hash).toBe(chain[n].hash));
    for (const chainOrgId of [orgId, newOrgId]) {
      const [head] = await sql<{ last_hash: string }>(t, `SELECT last_hash FROM audit_chain_head WHERE chain = $1`, [chainOrgId]);
      const [last] = await sql<{ hash: string }>(t, `SELECT hash FROM audit_event WHERE org_id = $1 ORDER BY seq DESC LIMIT 1`, [
        chainOrgId,
      ]);
      expect(head.last_hash).toBe(last.hash);
    }
    const res = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(res.body.valid).toBe(true);
  });

  it('appends a batch that spans several chains (one new, the platform one) in order, each linked to its own head', async () => {
    const audit = t.app.get(AuditService);
    const newOrgId = randomUUID();
    const chains = [orgId, null, newOrgId];
    const heads = async () =>
      Object.fromEntries(
        (await sql<{ chain: string; last_hash: string }>(t, `SELECT chain, last_hash FROM audit_chain_head`)).map((h) => [
          h.chain,
          h.last_hash,
        ]),
      );
    const before = await heads();
    // Recorded outside transactions at the same moment: they share statements, interleaved across chains.
    await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        audit.record({ action: 'test.batched', targetId: `row-${n}`, orgId: chains[n % 3], actor: { type: 'system' } }),
      ),
    );
    const after = await heads();
    for (const [n, chainOrgId] of chains.entries()) {
      const rows = await sql<{ target_id: string; prev_hash: string; hash: string }>(
        t,
        `SELECT target_id, prev_hash, hash FROM audit_event
          WHERE action = 'test.batched' AND org_id IS NOT DISTINCT FROM $1 ORDER BY seq`,
        [chainOrgId],
      );
      expect(rows.map((r) => r.target_id)).toEqual(Array.from({ length: 10 }, (_, i) => `row-${i * 3 + n}`));
      const chainKey = chainOrgId ?? 'platform';
      expect(rows[0].prev_hash).toBe(before[chainKey] ?? GENESIS_HASH);
      rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i].hash));
      expect(after[chainKey]).toBe(rows[rows.length - 1].hash);
    }
    const res = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
    expect(res.body.valid).toBe(true);
  });

  it('leaves the chain head where it was when the appending transaction rolls back', async () => {
    const audit = t.app.get(AuditService);
    const [before] = await sql<{ last_hash: string }>(t, `SELECT last_hash FROM audit_chain_head WHERE chain = $1`, [orgId]);
    await expect(
      t.app.get(DataSource).transaction(async (manager) => {
        await audit.record({ action: 'test.rolled-back', orgId, actor: { type: 'system' } }, manager);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [after] = await sql<{ last_hash: string }>(t, `SELECT last_hash FROM audit_chain_head WHERE chain = $1`, [orgId]);
    expect(after.last_hash).toBe(before.last_hash);
    expect(await sql(t, `SELECT 1 FROM audit_event WHERE action = 'test.rolled-back'`)).toEqual([]);
  });

  describe('verify', () => {
    let superuser: Client;
    beforeAll(async () => {
      superuser = new Client({ connectionString: t.database.url });
      await superuser.connect();
      // Replica mode skips ordinary triggers: what someone with superuser access could do.
      await superuser.query(`SET session_replication_role = replica`);
    });
    afterAll(async () => {
      await superuser.end();
    });

    it('confirms an intact chain', async () => {
      const res = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
      expect(res.body).toEqual({ valid: true, checked: expect.any(Number) });
      expect(res.body.checked).toBeGreaterThan(20);
    });

    it('finds a row whose content was changed', async () => {
      const [target] = await sql<{ id: string }>(
        t,
        `SELECT id FROM audit_event WHERE org_id = $1 AND action = 'createUser' ORDER BY seq LIMIT 1`,
        [orgId],
      );
      await superuser.query(`UPDATE audit_event SET outcome = 'failure' WHERE id = $1`, [target.id]);
      const res = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
      expect(res.body).toMatchObject({ valid: false, firstBrokenId: target.id });
      await superuser.query(`UPDATE audit_event SET outcome = 'success' WHERE id = $1`, [target.id]);
      const repaired = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
      expect(repaired.body.valid).toBe(true);
    });

    it('walks a chain longer than one read (1,000 rows), in append order, and finds a change far down it', async () => {
      const audit = t.app.get(AuditService);
      await Promise.all(
        Array.from({ length: 2500 }, (_, i) =>
          audit.record({ action: 'test.long-chain', targetType: 'client', targetId: `c${i}`, orgId, actor: { type: 'system' } }),
        ),
      );
      const chain = await sql<{ id: string; target_id: string | null }>(
        t,
        `SELECT id, target_id FROM audit_event WHERE org_id = $1 ORDER BY seq`,
        [orgId],
      );
      const intact = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
      expect(intact.body.valid).toBe(true);
      expect(intact.body.checked).toBeGreaterThanOrEqual(chain.length); // the platform chain comes after

      const target = chain.length - 300; // in the third read
      await superuser.query(`UPDATE audit_event SET target_id = 'changed' WHERE id = $1`, [chain[target].id]);
      const res = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
      expect(res.body).toEqual({ valid: false, checked: target + 1, firstBrokenId: chain[target].id });
      await superuser.query(`UPDATE audit_event SET target_id = $2 WHERE id = $1`, [chain[target].id, chain[target].target_id]);
      const repaired = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
      expect(repaired.body.valid).toBe(true);
    });

    describe('as a background job', () => {
      const runVerification = (verificationId: string) => runJob(t, RunAuditVerificationJob, { verificationId }, verificationId);
      const verification = async (id: string) =>
        (await request(t.http).get(`/api/v1/audit-events/verifications/${id}`).set(bearer(auditor)).expect(200))
          .body as VerificationBody;

      it('answers 202 at once, one at a time per organisation; the job records the result and who asked', async () => {
        const started = await request(t.http).post('/api/v1/audit-events/verifications').set(bearer(auditor)).expect(202);
        expect(started.body).toMatchObject({
          status: 'queued',
          checked: 0,
          requestedByType: 'user',
          requestedBy: auditor.user.id,
        });
        const again = await request(t.http).post('/api/v1/audit-events/verifications').set(bearer(auditor)).expect(202);
        expect(again.body.id).toBe(started.body.id);

        await runVerification(started.body.id);
        const done = await verification(started.body.id);
        expect(done).toMatchObject({
          status: 'completed',
          valid: true,
          startedAt: expect.any(String),
          finishedAt: expect.any(String),
        });
        expect(done.rowsTotal).toBeGreaterThan(20);
        expect(done.checked).toBeGreaterThanOrEqual(done.rowsTotal);
        const [recorded] = await events('action=audit.verified');
        expect(recorded).toMatchObject({
          actorId: auditor.user.id,
          targetType: 'audit_verification',
          targetId: started.body.id,
          outcome: 'success',
        });

        // Finished, so the next request starts a new one; the list shows both, newest first.
        const next = await request(t.http).post('/api/v1/audit-events/verifications').set(bearer(auditor)).expect(202);
        expect(next.body.id).not.toBe(started.body.id);
        const list = await request(t.http).get('/api/v1/audit-events/verifications').set(bearer(auditor)).expect(200);
        expect(list.body.items.map((v: VerificationBody) => v.id).slice(0, 2)).toEqual([next.body.id, started.body.id]);
        await runVerification(next.body.id);
        // A finished verification's job run again (a retry) changes nothing.
        const finished = await verification(next.body.id);
        await runVerification(next.body.id);
        expect(await verification(next.body.id)).toEqual(finished);
      });

      it('reports the first changed row', async () => {
        const [target] = await sql<{ id: string }>(
          t,
          `SELECT id FROM audit_event WHERE org_id = $1 AND action = 'createUser' ORDER BY seq LIMIT 1`,
          [orgId],
        );
        await superuser.query(`UPDATE audit_event SET outcome = 'failure' WHERE id = $1`, [target.id]);
        try {
          const started = await request(t.http).post('/api/v1/audit-events/verifications').set(bearer(auditor)).expect(202);
          await runVerification(started.body.id);
          expect(await verification(started.body.id)).toMatchObject({
            status: 'completed',
            valid: false,
            firstBrokenId: target.id,
          });
        } finally {
          await superuser.query(`UPDATE audit_event SET outcome = 'success' WHERE id = $1`, [target.id]);
        }
      });

      it('needs audit:read, and knows only its organisation’s verifications', async () => {
        await request(t.http).post('/api/v1/audit-events/verifications').set(bearer(admin)).expect(403);
        await request(t.http).get('/api/v1/audit-events/verifications').set(bearer(admin)).expect(403);
        const missing = await request(t.http)
          .get(`/api/v1/audit-events/verifications/${randomUUID()}`)
          .set(bearer(auditor))
          .expect(404);
        expect(missing.body.code).toBe('AUDIT_VERIFICATION_NOT_FOUND');
        await request(t.http).get('/api/v1/audit-events/verifications/not-an-id').set(bearer(auditor)).expect(400);
      });
    });

    // Last in this block: the row stays deleted.
    describe('a deleted row', () => {
      it('finds a removed row, by its successor', async () => {
        const rows = await sql<{ id: string }>(t, `SELECT id FROM audit_event WHERE org_id = $1 ORDER BY seq LIMIT 6`, [orgId]);
        await superuser.query(`DELETE FROM audit_event WHERE id = $1`, [rows[4].id]);
        const res = await request(t.http).get('/api/v1/audit-events/verify').set(bearer(auditor)).expect(200);
        expect(res.body).toEqual({ valid: false, checked: 5, firstBrokenId: rows[5].id });
        const [recorded] = await events('action=audit.verified&outcome=failure');
        expect(recorded).toMatchObject({ actorId: auditor.user.id, targetType: 'audit_log' });
      });
    });
  });

  // Last: the rows it adds have no valid chain.
  it('counts a long log exactly up to 10,000 matches and estimates beyond, still exact for a narrow filter', async () => {
    await sql(
      t,
      `INSERT INTO audit_event (id, occurred_at, org_id, actor_type, action, outcome, prev_hash, hash)
       SELECT gen_random_uuid(), now() - g * interval '1 second', $1, 'system', 'test.bulk', 'success', repeat('0', 64), repeat('1', 64)
         FROM generate_series(1, 10050) g`,
      [orgId],
    );
    await sql(t, `ANALYZE audit_event`);
    const all = await request(t.http).get('/api/v1/audit-events?pageSize=5').set(bearer(auditor)).expect(200);
    expect(all.body.totalIsEstimate).toBe(true);
    expect(all.body.total).toBeGreaterThan(10_000);
    expect(all.body.items).toHaveLength(5);
    const logins = await request(t.http)
      .get('/api/v1/audit-events?pageSize=5&action=auth.login')
      .set(bearer(auditor))
      .expect(200);
    expect(logins.body.totalIsEstimate).toBe(false);
    expect(logins.body.total).toBe(
      (
        await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE org_id = $1 AND action = 'auth.login'`, [
          orgId,
        ])
      )[0].n,
    );
  });
});

describe('audit verification through the queue', () => {
  it('the worker runtime picks up the job and completes it', async () => {
    const t = await createTestApp({ RUN_WORKER: 'inline' });
    try {
      const admin = await login(t, ADMIN.username, ADMIN.password);
      await createUser(t, admin, 'queue.auditor', ['auditor']);
      const auditor = await login(t, 'queue.auditor', STAFF_PASSWORD);
      const started = await request(t.http).post('/api/v1/audit-events/verifications').set(bearer(auditor)).expect(202);
      const status = async () =>
        (await request(t.http).get(`/api/v1/audit-events/verifications/${started.body.id}`).set(bearer(auditor)).expect(200))
          .body as VerificationBody;
      await waitUntil(async () => (await status()).status === 'completed', 20_000);
      expect(await status()).toMatchObject({ valid: true });
    } finally {
      await t.close();
    }
  });
});
