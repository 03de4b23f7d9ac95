import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Actor } from '@health/core';
import { CLIENT_TOTAL_EXACT_UP_TO, ClientsService, residentIdCheckChar } from '@health/cards';
import { ADMIN, bearer, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const run = promisify(execFile);
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

/** Fictional people whose ID numbers are valid (region, date, check digit). */
const ZHANG = {
  name: '张三',
  gender: 'male',
  birthDate: '1978-04-02',
  idNumber: withCheck('11010119780402001'),
  phone: '13800138000',
};
const LI = {
  name: '李四',
  gender: 'female',
  birthDate: '1985-06-15',
  idNumber: withCheck('44030419850615002'),
  phone: '13912345678',
};
const WANG = {
  name: '王小五',
  gender: 'male',
  birthDate: '2001-01-01',
  idNumber: withCheck('31010120010101003'),
  phone: '15011112222',
};

describe('clients', () => {
  let t: TestApp;
  let admin: Session;
  let managerSession: Session;
  let doctor: Session;
  let adminB: Session;
  let managerId: string;
  let zhangId: string;
  let liId: string;

  const api = () => request(t.http);
  const list = async (session: Session, query: string) =>
    (await api().get(`/api/v1/clients?${query}`).set(bearer(session)).expect(200)).body as {
      items: { id: string; name: string }[];
      total: number;
      totalIsEstimate: boolean;
    };

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    managerId = await createUser(t, admin, 'c.manager', ['manager']);
    await createUser(t, admin, 'c.doctor', ['doctor']);
    managerSession = await login(t, 'c.manager', STAFF_PASSWORD);
    doctor = await login(t, 'c.doctor', STAFF_PASSWORD);
    await api()
      .post('/api/v1/organisations')
      .set(bearer(admin))
      .send({
        name: '康宁健康管理中心',
        code: 'kangning',
        admin: { username: 'kangning.admin', displayName: '李敏', password: STAFF_PASSWORD },
      })
      .expect(201);
    adminB = await login(t, 'kangning.admin', STAFF_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('registration and validation', () => {
    it('creates a client with encrypted identity and answers with masked values', async () => {
      const res = await api()
        .post('/api/v1/clients')
        .set(bearer(managerSession))
        .send({
          ...ZHANG,
          address: '北京市东城区',
          emergencyContact: { name: '张母', relation: '母亲', phone: '13700001111' },
          sourceChannel: '体检中心',
          managerId,
          notes: '高血压家族史',
        })
        .expect(201);
      zhangId = res.body.id;
      expect(res.body).toMatchObject({
        name: '张三',
        gender: 'male',
        birthDate: '1978-04-02',
        idType: 'resident_id',
        idNumberMasked: `110101********${ZHANG.idNumber.slice(-4)}`,
        phoneMasked: '138****8000',
        emergencyContact: { name: '张母', relation: '母亲', phoneMasked: '137****1111' },
        manager: { id: managerId, displayName: '测试c.manager' },
        address: '北京市东城区',
      });
      expect(res.body.age).toBeGreaterThanOrEqual(47);
      const body = JSON.stringify(res.body);
      expect(body).not.toContain(ZHANG.idNumber);
      expect(body).not.toContain(ZHANG.phone);
      expect(body).not.toContain('13700001111');

      const [row] = await sql<{ name_initials: string; id_number_cipher: string; phone_hash: string }>(
        t,
        'SELECT name_initials, id_number_cipher, phone_hash FROM client WHERE id = $1',
        [zhangId],
      );
      expect(row.name_initials).toBe('zs');
      expect(row.id_number_cipher).toMatch(/^v1:[0-9a-f]{8}:/);
      expect(row.phone_hash).toMatch(/^[0-9a-f]{64}$/);

      liId = (await api().post('/api/v1/clients').set(bearer(managerSession)).send(LI).expect(201)).body.id;
    });

    it('refuses an ID number with a wrong check digit, nothing stored', async () => {
      const bad = ZHANG.idNumber.slice(0, 17) + (ZHANG.idNumber[17] === '0' ? '1' : '0');
      const res = await api()
        .post('/api/v1/clients')
        .set(bearer(managerSession))
        .send({ ...WANG, idNumber: bad })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'ID_NUMBER_INVALID', details: [{ field: 'idNumber' }] });
      expect(await sql(t, `SELECT 1 FROM client WHERE name = '王小五'`)).toHaveLength(0);
    });

    it('refuses an ID number disagreeing with birth date or gender', async () => {
      for (const change of [{ birthDate: '2001-01-02' }, { gender: 'female' }]) {
        const res = await api()
          .post('/api/v1/clients')
          .set(bearer(managerSession))
          .send({ ...WANG, ...change })
          .expect(400);
        expect(res.body.code).toBe('ID_NUMBER_MISMATCH');
      }
    });

    it('refuses invalid mobile numbers', async () => {
      for (const phone of ['1380013800', '12800138000', 'abc']) {
        const res = await api()
          .post('/api/v1/clients')
          .set(bearer(managerSession))
          .send({ ...WANG, phone })
          .expect(400);
        expect(res.body).toMatchObject({ code: 'PHONE_INVALID', details: [{ field: 'phone' }] });
      }
    });

    it('accepts other ID types with basic checks', async () => {
      const res = await api()
        .post('/api/v1/clients')
        .set(bearer(managerSession))
        .send({ name: 'John Smith', gender: 'male', birthDate: '1980-05-05', idType: 'passport', idNumber: 'e12345678' })
        .expect(201);
      expect(res.body).toMatchObject({ idType: 'passport', idNumberMasked: 'E******78' });
      const bad = await api()
        .post('/api/v1/clients')
        .set(bearer(managerSession))
        .send({ name: 'Jane', gender: 'female', birthDate: '1980-05-05', idType: 'passport', idNumber: 'E1#' })
        .expect(400);
      expect(bad.body.code).toBe('ID_NUMBER_INVALID');
    });

    it('refuses a manager who is not a user of the organisation', async () => {
      const res = await api()
        .post('/api/v1/clients')
        .set(bearer(adminB))
        .send({ ...WANG, managerId })
        .expect(400);
      expect(res.body.code).toBe('MANAGER_NOT_FOUND');
    });

    it('answers 409 with the existing client id for a duplicate ID number in the organisation', async () => {
      const res = await api()
        .post('/api/v1/clients')
        .set(bearer(managerSession))
        .send({ ...ZHANG, name: '张叁', idNumber: ` ${ZHANG.idNumber.toLowerCase()} ` })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'CLIENT_DUPLICATE_ID_NUMBER',
        details: [{ field: 'idNumber', code: 'existingClientId', message: zhangId }],
      });
      const patch = await api()
        .patch(`/api/v1/clients/${liId}`)
        .set(bearer(managerSession))
        .send({ ...ZHANG })
        .expect(409);
      expect(patch.body.details[0].message).toBe(zhangId);
      // Another organisation may register the same person.
      await api().post('/api/v1/clients').set(bearer(adminB)).send(ZHANG).expect(201);
    });

    it('creates inside the caller transaction: rolled back with it, and a duplicate refusal leaves it usable', async () => {
      const clients = t.app.get(ClientsService);
      const dataSource = t.app.get(DataSource);
      // In the second organisation, where ZHANG was registered by the test above.
      const [owner] = await sql<{ id: string; org_id: string }>(
        t,
        `SELECT id, org_id FROM staff_user WHERE username = 'kangning.admin'`,
      );
      const actor: Actor = {
        type: 'user',
        id: owner.id,
        orgId: owner.org_id,
        permissions: new Set(['clients:write']),
        isPlatformAdmin: false,
      };
      const person = { name: '赵六', gender: 'male' as const, birthDate: '1990-03-07', idNumber: withCheck('11010119900307001') };
      const rolledBack = dataSource.transaction(async (m) => {
        await clients.create(actor, person, m);
        throw new Error('the caller gives up');
      });
      await expect(rolledBack).rejects.toThrow('the caller gives up');
      expect(await sql(t, `SELECT count(*)::int AS n FROM client WHERE name = '赵六'`)).toEqual([{ n: 0 }]);

      await dataSource.transaction(async (m) => {
        const duplicate = clients.create(actor, { ...ZHANG, gender: 'male' }, m);
        await expect(duplicate).rejects.toMatchObject({ code: 'CLIENT_DUPLICATE_ID_NUMBER' });
        await clients.create(actor, person, m);
      });
      expect(await sql(t, `SELECT count(*)::int AS n FROM client WHERE name = '赵六'`)).toEqual([{ n: 1 }]);
    });
  });

  describe('encryption at rest', () => {
    it('never lets the plaintext ID number or phone reach the database', async () => {
      const { stdout } = await run('pg_dump', ['--data-only', t.database.url], { maxBuffer: 64 * 1024 * 1024 });
      expect(stdout).toContain('张三');
      for (const secret of [ZHANG.idNumber, ZHANG.phone, LI.idNumber, LI.phone, '13700001111']) {
        expect(stdout).not.toContain(secret);
      }
    });
  });

  describe('reading, unmasking and audit', () => {
    it('audits every read of a client record', async () => {
      await api().get(`/api/v1/clients/${zhangId}`).set(bearer(doctor)).expect(200);
      const rows = await sql(t, `SELECT actor_id FROM audit_event WHERE action = 'client.read' AND target_id = $1`, [zhangId]);
      expect(rows).toEqual([{ actor_id: doctor.user.id }]);
    });

    it('unmasks for holders of clients:unmask only, audited with the reason kept', async () => {
      const denied = await api()
        .post(`/api/v1/clients/${zhangId}/unmask`)
        .set(bearer(doctor))
        .send({ reason: '核实身份' })
        .expect(403);
      expect(denied.body.code).toBe('PERMISSION_DENIED');
      await api().post(`/api/v1/clients/${zhangId}/unmask`).set(bearer(managerSession)).send({ reason: ' ' }).expect(400);

      const res = await api()
        .post(`/api/v1/clients/${zhangId}/unmask`)
        .set(bearer(managerSession))
        .send({ reason: '电话回访核实身份' })
        .expect(200);
      expect(res.body).toEqual({ idNumber: ZHANG.idNumber, phone: ZHANG.phone, emergencyContactPhone: '13700001111' });
      const audit = await sql(t, `SELECT actor_id, outcome FROM audit_event WHERE action = 'client.unmask' AND target_id = $1`, [
        zhangId,
      ]);
      expect(audit).toEqual([{ actor_id: managerSession.user.id, outcome: 'success' }]);
      const reasons = await sql(t, 'SELECT reason, actor_id FROM client_unmask WHERE client_id = $1', [zhangId]);
      expect(reasons).toEqual([{ reason: '电话回访核实身份', actor_id: managerSession.user.id }]);
    });

    it('answers 404 for a client of another organisation', async () => {
      for (const path of ['', '/consents']) {
        const res = await api().get(`/api/v1/clients/${zhangId}${path}`).set(bearer(adminB)).expect(404);
        expect(res.body.code).toBe('CLIENT_NOT_FOUND');
      }
      await api().patch(`/api/v1/clients/${zhangId}`).set(bearer(adminB)).send({ notes: 'x' }).expect(404);
      await api().post(`/api/v1/clients/${zhangId}/unmask`).set(bearer(adminB)).send({ reason: '核实身份' }).expect(404);
      await api().delete(`/api/v1/clients/${zhangId}`).set(bearer(adminB)).send({ reason: '误建' }).expect(404);
      expect((await list(adminB, `search=${ZHANG.phone}`)).items.map((c) => c.id)).not.toContain(zhangId);
    });
  });

  describe('search', () => {
    beforeAll(async () => {
      await api().post('/api/v1/clients').set(bearer(managerSession)).send(WANG).expect(201);
    });

    it('finds by pinyin initials prefix and by part of the name', async () => {
      expect((await list(managerSession, 'search=zs')).items.map((c) => c.name)).toEqual(['张三']);
      expect((await list(managerSession, 'search=ZS')).items.map((c) => c.name)).toEqual(['张三']);
      expect((await list(managerSession, 'search=wx')).items.map((c) => c.name)).toEqual(['王小五']);
      expect((await list(managerSession, `search=${encodeURIComponent('小五')}`)).items.map((c) => c.name)).toEqual(['王小五']);
    });

    it('finds by exact phone and ID number through the blind index', async () => {
      expect((await list(managerSession, `search=${ZHANG.phone}`)).items.map((c) => c.id)).toEqual([zhangId]);
      expect((await list(managerSession, `search=${LI.idNumber}`)).items.map((c) => c.id)).toEqual([liId]);
      expect((await list(managerSession, `phone=${LI.phone}`)).items.map((c) => c.id)).toEqual([liId]);
      expect((await list(managerSession, `idNumber=${ZHANG.idNumber}`)).items.map((c) => c.id)).toEqual([zhangId]);
      expect((await list(managerSession, 'search=13800138001')).total).toBe(0);
    });

    it('finds the holder of a card by its number', async () => {
      const cardType = await api()
        .post('/api/v1/card-types')
        .set(bearer(admin))
        .send({ name: '金卡', validityMonths: 12, services: [{ code: 'follow-up', name: '随访', quantity: 12 }] })
        .expect(201);
      const card = await api()
        .post('/api/v1/cards')
        .set(bearer(admin))
        .send({ clientId: zhangId, cardTypeId: cardType.body.id })
        .expect(201);
      expect((await list(managerSession, `cardNumber=${card.body.number}`)).items.map((c) => c.id)).toEqual([zhangId]);
      expect((await list(adminB, `cardNumber=${card.body.number}`)).total).toBe(0);
      expect((await list(managerSession, 'cardNumber=0000000000')).total).toBe(0);
    });

    it('is backed by indexes that lead with the organisation', async () => {
      const indexes = (await sql<{ indexname: string }>(t, `SELECT indexname FROM pg_indexes WHERE tablename = 'client'`)).map(
        (r) => r.indexname,
      );
      expect(indexes).toEqual(
        expect.arrayContaining([
          'client_org_id_number_unique',
          'client_org_phone_idx',
          'client_org_initials_idx',
          'client_org_manager_idx',
          'client_org_birth_date_idx',
          'client_org_created_idx',
          'client_org_name_idx',
          'client_name_grams_idx',
        ]),
      );
    });

    it('finds names by any part, one character or more, through the indexed character pairs', async () => {
      const names = async (search: string) =>
        (await list(managerSession, `search=${encodeURIComponent(search)}`)).items.map((c) => c.name);
      expect(await names('五')).toEqual(['王小五']);
      expect(await names('王小五')).toEqual(['王小五']);
      expect(await names('五小')).toEqual([]);
      expect(await names('SMITH')).toEqual(['John Smith']);
      expect(await names('n S')).toEqual(['John Smith']);
      expect(await names('%')).toEqual([]);
      expect(await names('_')).toEqual([]);
      const grams = await sql<{ grams: string[] }>(t, `SELECT name_grams AS grams FROM client WHERE id = $1`, [zhangId]);
      expect([...grams[0].grams].sort()).toEqual(['三', '张', '张三'].sort());
    });

    it('counts the total exactly up to the cap and estimates it beyond, with deep pages read from the index', async () => {
      // An organisation of its own, so that its list holds only these rows.
      await api()
        .post('/api/v1/organisations')
        .set(bearer(admin))
        .send({
          name: '大型体检中心',
          code: 'bulk',
          admin: { username: 'bulk.admin', displayName: '周洁', password: STAFF_PASSWORD },
        })
        .expect(201);
      const bulk = await login(t, 'bulk.admin', STAFF_PASSWORD);
      const [org] = await sql<{ id: string }>(t, `SELECT id FROM organisation WHERE code = 'bulk'`);
      const many = CLIENT_TOTAL_EXACT_UP_TO + 50;
      await sql(
        t,
        `INSERT INTO client (org_id, name, name_initials, gender, birth_date, created_at)
         SELECT $1, '测试' || i, 'cs' || i, CASE WHEN i <= 40 THEN 'female' ELSE 'male' END,
                date '1960-01-01' + i, timestamptz '2026-01-01' + i * interval '1 minute'
           FROM generate_series(1, $2::int) AS i`,
        [org.id, many],
      );
      await sql(t, 'ANALYZE client');
      const all = await list(bulk, 'pageSize=20');
      expect(all.total).toBeGreaterThan(CLIENT_TOTAL_EXACT_UP_TO);
      expect(all.totalIsEstimate).toBe(true);
      expect(Math.abs(all.total - many)).toBeLessThanOrEqual(many * 0.1);
      expect(all.items[0].name).toBe(`测试${many}`);
      expect(await list(bulk, 'gender=female')).toMatchObject({ total: 40, totalIsEstimate: false });
      expect((await list(bulk, 'search=cs100')).total).toBe(11);
      const last = await list(bulk, `pageSize=20&page=${Math.ceil(many / 20)}&sort=birthDate`);
      expect(last.items.map((c) => c.name)).toEqual(Array.from({ length: 10 }, (_, i) => `测试${many - 9 + i}`));
      const beyond = await list(bulk, `pageSize=20&page=${Math.ceil(many / 20) + 1}`);
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(all.total);
    });

    it('filters by manager, gender and age range, sorted from the allow-list', async () => {
      expect((await list(managerSession, `managerId=${managerId}`)).items.map((c) => c.id)).toEqual([zhangId]);
      expect((await list(managerSession, 'gender=female')).items.map((c) => c.id)).toEqual([liId]);
      const names = (await list(managerSession, 'ageMin=30&ageMax=50&sort=birthDate')).items.map((c) => c.name);
      expect(names).toEqual(['张三', 'John Smith', '李四']);
      expect((await list(managerSession, 'ageMax=25')).items.map((c) => c.name)).toEqual(['王小五']);
      const page = await list(managerSession, 'pageSize=2&sort=-createdAt');
      expect(page).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(page.items).toHaveLength(2);
      const bad = await api().get('/api/v1/clients?sort=idNumber').set(bearer(managerSession)).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      await api().get('/api/v1/clients?tag=vip').set(bearer(managerSession)).expect(400);
    });
  });

  describe('changes', () => {
    it('updates fields and re-checks the stored ID number against a changed birth date', async () => {
      const res = await api()
        .patch(`/api/v1/clients/${liId}`)
        .set(bearer(managerSession))
        .send({ name: '李思思', phone: '13600001234', address: null })
        .expect(200);
      expect(res.body).toMatchObject({ name: '李思思', phoneMasked: '136****1234' });
      expect((await list(managerSession, 'search=lss')).items.map((c) => c.id)).toEqual([liId]);
      expect((await list(managerSession, `phone=${LI.phone}`)).total).toBe(0);
      const mismatch = await api().patch(`/api/v1/clients/${liId}`).set(bearer(managerSession)).send({ birthDate: '1985-06-16' });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.code).toBe('ID_NUMBER_MISMATCH');
    });

    it('soft-deletes with a reason; the client is then 404 and free to be registered again', async () => {
      await api().delete(`/api/v1/clients/${liId}`).set(bearer(managerSession)).send({}).expect(400);
      await api().delete(`/api/v1/clients/${liId}`).set(bearer(managerSession)).send({ reason: '重复建档' }).expect(204);
      const res = await api().get(`/api/v1/clients/${liId}`).set(bearer(managerSession)).expect(404);
      expect(res.body.code).toBe('CLIENT_NOT_FOUND');
      expect((await list(managerSession, `idNumber=${LI.idNumber}`)).total).toBe(0);
      const [row] = await sql(t, 'SELECT deleted_reason, deleted_at IS NOT NULL AS deleted FROM client WHERE id = $1', [liId]);
      expect(row).toEqual({ deleted_reason: '重复建档', deleted: true });
      await api().post('/api/v1/clients').set(bearer(managerSession)).send(LI).expect(201);
    });
  });

  describe('consent', () => {
    it('keeps versioned records, latest wins, and a reminder withdrawal emits an event with ids only', async () => {
      const record = (body: object) =>
        api().post(`/api/v1/clients/${zhangId}/consents`).set(bearer(managerSession)).send(body).expect(201);
      await record({ kind: 'health_data', version: '2025-01', granted: true });
      await record({ kind: 'reminders', version: '2025-01', granted: true });
      const withdrawal = (await record({ kind: 'reminders', version: '2025-01', granted: false })).body;

      const res = await api().get(`/api/v1/clients/${zhangId}/consents`).set(bearer(doctor)).expect(200);
      expect(res.body.history).toHaveLength(3);
      expect(res.body.current).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'reminders', granted: false, id: withdrawal.id }),
          expect.objectContaining({ kind: 'health_data', granted: true, version: '2025-01' }),
        ]),
      );
      const events = await sql<{ aggregate_id: string; payload: object }>(
        t,
        `SELECT aggregate_id, payload FROM outbox WHERE type = 'client.reminder_consent_withdrawn'`,
      );
      expect(events).toEqual([{ aggregate_id: zhangId, payload: { clientId: zhangId, consentId: withdrawal.id } }]);

      // Withdrawing again changes nothing that reminders depend on: no second event.
      await record({ kind: 'reminders', version: '2025-01', granted: false });
      expect(await sql(t, `SELECT 1 FROM outbox WHERE type = 'client.reminder_consent_withdrawn'`)).toHaveLength(1);
      await api()
        .post(`/api/v1/clients/${zhangId}/consents`)
        .set(bearer(managerSession))
        .send({ kind: 'marketing', version: '1', granted: true })
        .expect(400);
      await api()
        .post(`/api/v1/clients/${zhangId}/consents`)
        .set(bearer(doctor))
        .send({ kind: 'reminders', version: '1', granted: true })
        .expect(403);
    });
  });
});
