import request from 'supertest';
import { Actor, JobHandlers, JobSchedulers, RequestContext } from '@health/core';
import { CardStatusDailyJob, CardsService, isWellFormedCardNumber } from '@health/cards';
import { ADMIN, bearer, createUser, login, Session, STAFF_PASSWORD, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

/** Calendar arithmetic for expectations, independent of the code under test. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function plusMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  t.setUTCDate(Math.min(day, new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate()));
  return t.toISOString().slice(0, 10);
}

const PACKAGE = [
  { code: 'follow-up', name: '随访', quantity: 12 },
  { code: 'consult', name: '健康咨询', quantity: 4 },
  { code: 'report', name: '年度报告', quantity: 1 },
];

type CardBody = {
  id: string;
  number: string;
  status: string;
  startDate: string;
  expiryDate: string;
  activatedAt?: string;
  services: { code: string; total: number; remaining: number }[];
};

describe('card types and cards', () => {
  let t: TestApp;
  let admin: Session;
  let adminB: Session;
  let doctor: Session;
  let orgA: string;
  let clientA: string;
  let clientB: string;
  let typeId: string;
  const today = shanghaiToday();

  const api = (session: Session) => ({
    get: (path: string) => request(t.http).get(`/api/v1${path}`).set(bearer(session)),
    post: (path: string, body: object = {}) => request(t.http).post(`/api/v1${path}`).set(bearer(session)).send(body),
    patch: (path: string, body: object) => request(t.http).patch(`/api/v1${path}`).set(bearer(session)).send(body),
  });

  async function insertClient(orgId: string, name: string): Promise<string> {
    const [row] = await sql<{ id: string }>(
      t,
      `INSERT INTO client (org_id, name, name_initials, gender, birth_date) VALUES ($1, $2, 'x', 'female', '1980-05-06') RETURNING id`,
      [orgId, name],
    );
    return row.id;
  }

  async function open(body: Partial<{ clientId: string; cardTypeId: string; startDate: string }> = {}): Promise<CardBody> {
    const res = await api(admin).post('/cards', { clientId: clientA, cardTypeId: typeId, ...body });
    if (res.status !== 201) throw new Error(`open failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CardBody;
  }

  async function runDailyJob(day: string): Promise<void> {
    const handler = t.app.get(JobHandlers).handlerFor(CardStatusDailyJob.queue, CardStatusDailyJob.name)!;
    await handler({ today: day }, { jobId: 'test', attempt: 1 });
  }

  /** A card of client A in the given status, reached the way production reaches it. */
  async function cardIn(status: string): Promise<CardBody> {
    if (status === 'issued') return open({ startDate: plusDays(today, 10) });
    const card = await open();
    if (status === 'frozen') await api(admin).post(`/cards/${card.id}/freeze`, { reason: '暂停' }).expect(200);
    if (status === 'cancelled') await api(admin).post(`/cards/${card.id}/cancel`, { reason: '退卡' }).expect(200);
    if (status === 'expired') {
      await sql(t, `UPDATE card SET start_date = $2::date - 400, expiry_date = $2::date - 1 WHERE id = $1`, [card.id, today]);
      await runDailyJob(today);
    }
    const res = await api(admin).get(`/cards/${card.id}`).expect(200);
    expect(res.body.status).toBe(status);
    return res.body;
  }

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    orgA = admin.user.organisation.id;
    const created = await api(admin)
      .post('/organisations', {
        name: '康宁健康管理中心',
        code: 'kangning',
        admin: { username: 'kangning.admin', displayName: '李敏', password: STAFF_PASSWORD },
      })
      .expect(201);
    adminB = await login(t, 'kangning.admin', STAFF_PASSWORD);
    await createUser(t, admin, 'card.doctor', ['doctor']);
    doctor = await login(t, 'card.doctor', STAFF_PASSWORD);
    clientA = await insertClient(orgA, '王芳');
    clientB = await insertClient(created.body.organisation.id, '赵强');
    const type = await api(admin)
      .post('/card-types', {
        name: '年度健康管理卡',
        description: '全年随访',
        validityMonths: 12,
        priceCents: 198000,
        services: PACKAGE,
      })
      .expect(201);
    typeId = type.body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('card types', () => {
    it('are created, read, listed and changed', async () => {
      const got = await api(doctor).get(`/card-types/${typeId}`).expect(200);
      expect(got.body).toMatchObject({
        name: '年度健康管理卡',
        description: '全年随访',
        validityMonths: 12,
        priceCents: 198000,
        services: PACKAGE,
        status: 'active',
      });
      const patched = await api(admin)
        .patch(`/card-types/${typeId}`, { priceCents: null, description: null, name: '年度健康管理卡（标准）' })
        .expect(200);
      expect(patched.body.priceCents).toBeUndefined();
      expect(patched.body.description).toBeUndefined();
      expect(patched.body.name).toBe('年度健康管理卡（标准）');
      const list = await api(admin).get('/card-types?status=active').expect(200);
      expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect((await api(admin).get('/card-types?status=inactive').expect(200)).body.total).toBe(0);
    });

    it.each([
      [
        'duplicate service codes',
        { services: [PACKAGE[0], { ...PACKAGE[0], name: '再次随访' }] },
        'services.1.code',
        'duplicate',
      ],
      ['quantity 0', { services: [{ ...PACKAGE[0], quantity: 0 }] }, 'services.0.quantity', 'min'],
      ['fractional quantity', { services: [{ ...PACKAGE[0], quantity: 1.5 }] }, 'services.0.quantity', 'isInt'],
      ['validity 0 months', { validityMonths: 0 }, 'validityMonths', 'min'],
      ['validity 121 months', { validityMonths: 121 }, 'validityMonths', 'max'],
      ['no services', { services: [] }, 'services', 'arrayMinSize'],
      ['a bad service code', { services: [{ ...PACKAGE[0], code: 'Follow Up' }] }, 'services.0.code', 'matches'],
    ])('refuses %s with 400', async (_, change, field, code) => {
      const res = await api(admin)
        .post('/card-types', { name: '测试卡', validityMonths: 6, services: PACKAGE, ...change })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toContainEqual(expect.objectContaining({ field, code }));
    });

    it('refuses null for fields that cannot be empty, and changes nothing on bad input', async () => {
      const res = await api(admin).patch(`/card-types/${typeId}`, { name: null, validityMonths: 0 }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((await api(admin).get(`/card-types/${typeId}`).expect(200)).body.validityMonths).toBe(12);
    });

    it('need cards:write to change and answer 404 across organisations', async () => {
      await api(doctor).post('/card-types', { name: 'x', validityMonths: 1, services: PACKAGE }).expect(403);
      expect((await api(adminB).get(`/card-types/${typeId}`).expect(404)).body.code).toBe('CARD_TYPE_NOT_FOUND');
      await api(adminB).patch(`/card-types/${typeId}`, { name: '偷改' }).expect(404);
      expect((await api(adminB).get('/card-types').expect(200)).body.total).toBe(0);
    });
  });

  describe('opening a card', () => {
    it('gives a Luhn-checked number from the organisation sequence, dates and the full package', async () => {
      const first = await open();
      const second = await open();
      for (const card of [first, second]) {
        expect(card.number).toMatch(/^8\d{11}$/);
        expect(isWellFormedCardNumber(card.number)).toBe(true);
      }
      expect(Number(second.number.slice(1, 11))).toBe(Number(first.number.slice(1, 11)) + 1);
      expect(first).toMatchObject({
        clientId: clientA,
        cardType: { id: typeId, name: '年度健康管理卡（标准）' },
        status: 'active',
        startDate: today,
        expiryDate: plusDays(plusMonths(today, 12), -1),
        services: PACKAGE.map((s) => ({ code: s.code, name: s.name, total: s.quantity, remaining: s.quantity })),
      });
      expect(first.activatedAt).toBeDefined();
      const [row] = await sql<{ count: string }>(t, `SELECT count(*) FROM card WHERE number = $1`, [first.number]);
      expect(row.count).toBe('1');
    });

    it('issues a card that starts later, without activation', async () => {
      const start = plusDays(today, 30);
      const card = await open({ startDate: start });
      expect(card).toMatchObject({ status: 'issued', startDate: start, expiryDate: plusDays(plusMonths(start, 12), -1) });
      expect(card.activatedAt).toBeUndefined();
    });

    it('numbers cards per organisation: the other organisation starts its own sequence', async () => {
      const typeB = await api(adminB).post('/card-types', { name: 'B卡', validityMonths: 3, services: PACKAGE }).expect(201);
      const card = await api(adminB).post('/cards', { clientId: clientB, cardTypeId: typeB.body.id }).expect(201);
      expect(card.body.number).toBe('800000000011');
    });

    it('refuses unknown or foreign clients and types, inactive types and impossible start dates', async () => {
      const foreignClient = await api(admin).post('/cards', { clientId: clientB, cardTypeId: typeId }).expect(404);
      expect(foreignClient.body.code).toBe('CLIENT_NOT_FOUND');
      const typeB = (await api(adminB).get('/card-types').expect(200)).body.items[0].id;
      expect((await api(admin).post('/cards', { clientId: clientA, cardTypeId: typeB }).expect(404)).body.code).toBe(
        'CARD_TYPE_NOT_FOUND',
      );
      const tooOld = await api(admin)
        .post('/cards', { clientId: clientA, cardTypeId: typeId, startDate: plusDays(today, -400) })
        .expect(400);
      expect(tooOld.body.code).toBe('CARD_START_DATE_INVALID');
      await api(admin).post('/cards', { clientId: clientA, cardTypeId: typeId, startDate: '2026-02-30' }).expect(400);
      await api(admin)
        .post('/cards', { clientId: clientA, cardTypeId: typeId, startDate: plusDays(today, 400) })
        .expect(400);
      await api(admin).post('/cards', { clientId: 'not-a-uuid', cardTypeId: typeId }).expect(400);
      await api(doctor).post('/cards', { clientId: clientA, cardTypeId: typeId }).expect(403);

      const inactive = await api(admin)
        .post('/card-types', { name: '停售卡', validityMonths: 6, services: PACKAGE, status: 'inactive' })
        .expect(201);
      const before = await sql<{ count: string }>(t, `SELECT count(*) FROM card`);
      const res = await api(admin).post('/cards', { clientId: clientA, cardTypeId: inactive.body.id }).expect(409);
      expect(res.body.code).toBe('CARD_TYPE_INACTIVE');
      expect(await sql(t, `SELECT count(*) FROM card`)).toEqual(before);
    });

    it('keeps the package it was opened with when the type changes later', async () => {
      const type = await api(admin)
        .post('/card-types', { name: '季度卡', validityMonths: 3, services: [PACKAGE[0]] })
        .expect(201);
      const card = await open({ cardTypeId: type.body.id });
      await api(admin)
        .patch(`/card-types/${type.body.id}`, { services: [{ ...PACKAGE[0], quantity: 99 }] })
        .expect(200);
      expect((await api(admin).get(`/cards/${card.id}`).expect(200)).body.services[0].total).toBe(12);
    });
  });

  describe('transitions', () => {
    const ACTIONS = ['freeze', 'unfreeze', 'cancel', 'renew'] as const;
    const LEGAL: Record<string, Partial<Record<(typeof ACTIONS)[number], string>>> = {
      issued: { cancel: 'cancelled' },
      active: { freeze: 'frozen', cancel: 'cancelled', renew: 'active' },
      frozen: { unfreeze: 'active', cancel: 'cancelled', renew: 'frozen' },
      expired: { renew: 'active' },
      cancelled: {},
    };
    const TARGET = { freeze: 'frozen', unfreeze: 'active', cancel: 'cancelled', renew: 'active' };

    const cases = Object.keys(LEGAL).flatMap((from) => ACTIONS.map((action) => [from, action] as const));

    it.each(cases)('%s card, %s', async (from, action) => {
      const card = await cardIn(from);
      const res = await api(admin).post(`/cards/${card.id}/${action}`, { reason: `测试${action}` });
      const to = LEGAL[from][action];
      if (to) {
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(to);
      } else {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('CARD_INVALID_TRANSITION');
        expect(res.body.details).toEqual([
          expect.objectContaining({ field: 'fromStatus', code: from }),
          expect.objectContaining({ field: 'toStatus', code: TARGET[action] }),
        ]);
        expect((await api(admin).get(`/cards/${card.id}`).expect(200)).body.status).toBe(from);
      }
    });

    it('needs a reason', async () => {
      const card = await open();
      const res = await api(admin).post(`/cards/${card.id}/freeze`, {}).expect(400);
      expect(res.body.details).toContainEqual(expect.objectContaining({ field: 'reason' }));
    });

    it('renews from the current expiry and refills the package; an expired card restarts today', async () => {
      const card = await open();
      await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'follow-up', quantity: 5 }).expect(200);
      const renewed = await api(admin).post(`/cards/${card.id}/renew`, { reason: '续费一年' }).expect(200);
      expect(renewed.body.expiryDate).toBe(plusDays(plusMonths(plusDays(card.expiryDate, 1), 12), -1));
      expect(renewed.body.services[0]).toMatchObject({ code: 'follow-up', total: 12, remaining: 12 });

      const expired = await cardIn('expired');
      const back = await api(admin).post(`/cards/${expired.id}/renew`, { reason: '过期续费' }).expect(200);
      expect(back.body).toMatchObject({ status: 'active', expiryDate: plusDays(plusMonths(today, 12), -1) });
    });

    it('writes history, audit and outbox rows for every change', async () => {
      const card = await open();
      await api(admin).post(`/cards/${card.id}/freeze`, { reason: '出国' }).expect(200);
      await api(admin).post(`/cards/${card.id}/unfreeze`, { reason: '回国' }).expect(200);
      await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'consult', note: '电话咨询' }).expect(200);
      await api(admin).post(`/cards/${card.id}/renew`, { reason: '续费' }).expect(200);
      await api(admin).post(`/cards/${card.id}/cancel`, { reason: '退卡' }).expect(200);

      const history = await api(doctor).get(`/cards/${card.id}/history`).expect(200);
      expect(history.body.map((h: { action: string }) => h.action)).toEqual([
        'cancelled',
        'renewed',
        'consumed',
        'unfrozen',
        'frozen',
        'opened',
      ]);
      expect(history.body[0]).toMatchObject({ fromStatus: 'active', toStatus: 'cancelled', reason: '退卡', actorType: 'user' });
      expect(history.body[0].actorName).toEqual(expect.any(String));
      expect(history.body[2]).toMatchObject({ serviceCode: 'consult', quantity: 1, reason: '电话咨询' });
      expect(history.body[5]).toMatchObject({ toStatus: 'active' });
      expect(history.body[5].fromStatus).toBeUndefined();

      const events = await sql<{ type: string; payload: Record<string, unknown>; org_id: string }>(
        t,
        `SELECT type, payload, org_id FROM outbox WHERE aggregate_id = $1 ORDER BY created_at, id`,
        [card.id],
      );
      expect(events.map((e) => e.type)).toEqual([
        'card.opened',
        'card.frozen',
        'card.unfrozen',
        'card.renewed',
        'card.cancelled',
      ]);
      expect(events[0].payload).toEqual({ cardId: card.id, clientId: clientA, cardTypeId: typeId });
      expect(events[1].payload).toEqual({ cardId: card.id, clientId: clientA });
      expect(events[3].payload).toEqual({
        cardId: card.id,
        clientId: clientA,
        expiryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      expect(new Set(events.map((e) => e.org_id))).toEqual(new Set([orgA]));

      const audit = await sql<{ action: string }>(t, `SELECT action FROM audit_event WHERE target_id = $1 ORDER BY seq`, [
        card.id,
      ]);
      expect(audit.map((a) => a.action)).toEqual([
        'openCard',
        'freezeCard',
        'unfreezeCard',
        'consumeCardService',
        'renewCard',
        'cancelCard',
      ]);
    });
  });

  describe('consuming services', () => {
    it('decrements, refuses what is used up, unknown services and inactive cards', async () => {
      const card = await open();
      const used = await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'report' }).expect(200);
      expect(used.body.services.find((s: { code: string }) => s.code === 'report')).toMatchObject({ total: 1, remaining: 0 });
      const exhausted = await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'report' }).expect(409);
      expect(exhausted.body.code).toBe('CARD_SERVICE_EXHAUSTED');
      const tooMany = await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'consult', quantity: 5 }).expect(409);
      expect(tooMany.body.code).toBe('CARD_SERVICE_EXHAUSTED');
      const unknown = await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'massage' }).expect(400);
      expect(unknown.body.code).toBe('CARD_SERVICE_UNKNOWN');
      await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'consult', quantity: 0 }).expect(400);

      await api(admin).post(`/cards/${card.id}/freeze`, { reason: '暂停' }).expect(200);
      const frozen = await api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'consult' }).expect(409);
      expect(frozen.body.code).toBe('CARD_NOT_ACTIVE');
      const issued = await open({ startDate: plusDays(today, 3) });
      expect((await api(admin).post(`/cards/${issued.id}/consume`, { serviceCode: 'consult' }).expect(409)).body.code).toBe(
        'CARD_NOT_ACTIVE',
      );
      const after = await api(admin).get(`/cards/${card.id}`).expect(200);
      expect(after.body.services.find((s: { code: string }) => s.code === 'consult').remaining).toBe(4);
    });

    it('never goes below zero under concurrent consumption', async () => {
      const card = await open();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => api(admin).post(`/cards/${card.id}/consume`, { serviceCode: 'consult' })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      expect(statuses.filter((s) => s === 409)).toHaveLength(6);
      const [row] = await sql<{ remaining: number }>(
        t,
        `SELECT remaining FROM card_service WHERE card_id = $1 AND code = 'consult'`,
        [card.id],
      );
      expect(row.remaining).toBe(0);
      const consumed = await sql(t, `SELECT 1 FROM card_history WHERE card_id = $1 AND action = 'consumed'`, [card.id]);
      expect(consumed).toHaveLength(4);
    });
  });

  describe('reading cards', () => {
    it('lists by client, status and number (spaces ignored), and finds the client by card number', async () => {
      const card = await open();
      const spaced = card.number.replace(/(\d{4})(?=\d)/g, '$1 ');
      const byNumber = await api(admin)
        .get(`/cards?number=${encodeURIComponent(spaced)}`)
        .expect(200);
      expect(byNumber.body.items.map((c: { id: string }) => c.id)).toEqual([card.id]);
      const byClient = await api(admin).get(`/cards?clientId=${clientA}&status=active&pageSize=100`).expect(200);
      expect(
        byClient.body.items.every((c: { clientId: string; status: string }) => c.clientId === clientA && c.status === 'active'),
      ).toBe(true);
      await api(admin).get('/cards?status=lost').expect(400);
      expect(
        (
          await api(admin)
            .get(`/cards?number=${encodeURIComponent(' - ')}`)
            .expect(200)
        ).body.total,
      ).toBe(0);

      const actor: Actor = { type: 'user', id: admin.user.id, orgId: orgA, permissions: new Set(), isPlatformAdmin: false };
      const service = t.app.get(CardsService);
      expect(await RequestContext.run({ requestId: 'search', actor }, () => service.clientIdsByCardNumber(spaced))).toEqual([
        clientA,
      ]);
      const actorB: Actor = { ...actor, orgId: adminB.user.organisation.id };
      expect(
        await RequestContext.run({ requestId: 'search', actor: actorB }, () => service.clientIdsByCardNumber(card.number)),
      ).toEqual([]);
    });

    it('answers 404 for cards of another organisation, whatever the operation', async () => {
      const card = await open();
      for (const path of [`/cards/${card.id}`, `/cards/${card.id}/history`, `/cards/${card.id}/face`]) {
        expect((await api(adminB).get(path).expect(404)).body.code).toBe('CARD_NOT_FOUND');
      }
      for (const action of ['freeze', 'cancel', 'renew']) {
        await api(adminB).post(`/cards/${card.id}/${action}`, { reason: 'x' }).expect(404);
      }
      await api(adminB).post(`/cards/${card.id}/consume`, { serviceCode: 'consult' }).expect(404);
      expect((await api(adminB).get(`/cards?number=${card.number}`).expect(200)).body.total).toBe(0);
      expect((await api(admin).get(`/cards/${card.id}`).expect(200)).body.status).toBe('active');
    });

    it('prints the card face as a PDF (default) or a 300 dpi PNG, audited as an export', async () => {
      const card = await open();
      const pdf = await api(doctor)
        .get(`/cards/${card.id}/face`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const png = await api(doctor)
        .get(`/cards/${card.id}/face?format=png`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(png.headers['content-type']).toBe('image/png');
      const image = png.body as Buffer;
      expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      // IHDR: the whole CR80 face at 300 dpi, not just the QR code.
      expect(image.toString('latin1', 12, 16)).toBe('IHDR');
      expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual([1011, 638]);
      expect(png.headers['content-disposition']).toBe(`inline; filename="card-${card.number}.png"`);
      await api(doctor).get(`/cards/${card.id}/face?format=gif`).expect(400);
      const audit = await sql(t, `SELECT 1 FROM audit_event WHERE action = 'card.face_exported' AND target_id = $1`, [card.id]);
      expect(audit).toHaveLength(2);
    });
  });

  describe('daily job', () => {
    it('is scheduled at 00:05 in the organisation time zone', () => {
      const declared = t.app
        .get(JobSchedulers)
        .recurringJobs()
        .find((r) => r.job.name === CardStatusDailyJob.name);
      expect(declared).toMatchObject({ schedule: { pattern: '5 0 * * *' }, payload: {} });
      expect(declared?.options.tz).toBeUndefined();
      expect(t.config.tzDefault).toBe('Asia/Shanghai');
    });

    it('activates issued cards whose day has come and expires lapsed ones, once', async () => {
      const tomorrow = plusDays(today, 1);
      const issued = await open({ startDate: tomorrow });
      const lapsing = await open();
      const frozen = await cardIn('frozen');
      await sql(t, `UPDATE card SET start_date = $2::date - 365, expiry_date = $2::date WHERE id = ANY($1::uuid[])`, [
        [lapsing.id, frozen.id],
        today,
      ]);

      await runDailyJob(today);
      expect((await api(admin).get(`/cards/${issued.id}`).expect(200)).body.status).toBe('issued');
      expect((await api(admin).get(`/cards/${lapsing.id}`).expect(200)).body.status).toBe('active');

      await runDailyJob(tomorrow);
      await runDailyJob(tomorrow);
      const activated = (await api(admin).get(`/cards/${issued.id}`).expect(200)).body;
      expect(activated.status).toBe('active');
      expect(activated.activatedAt).toBeDefined();
      for (const id of [lapsing.id, frozen.id]) {
        expect((await api(admin).get(`/cards/${id}`).expect(200)).body.status).toBe('expired');
      }

      const history = (await api(admin).get(`/cards/${frozen.id}/history`).expect(200)).body;
      expect(history[0]).toMatchObject({ action: 'expired', fromStatus: 'frozen', toStatus: 'expired', actorType: 'system' });
      expect(history[0].actorName).toBeUndefined();
      const jobRows = await sql<{ card_id: string; action: string }>(
        t,
        `SELECT card_id, action FROM card_history WHERE card_id = ANY($1::uuid[]) AND actor_type = 'system' ORDER BY card_id`,
        [[issued.id, lapsing.id, frozen.id]],
      );
      expect(jobRows).toHaveLength(3);

      const events = await sql<{ type: string; aggregate_id: string }>(
        t,
        `SELECT type, aggregate_id FROM outbox WHERE aggregate_id = ANY($1::text[]) AND type IN ('card.activated', 'card.expired')`,
        [[issued.id, lapsing.id, frozen.id]],
      );
      expect(events.map((e) => `${e.aggregate_id}:${e.type}`).sort()).toEqual(
        [`${issued.id}:card.activated`, `${lapsing.id}:card.expired`, `${frozen.id}:card.expired`].sort(),
      );
      const audit = await sql<{ action: string; actor_type: string; org_id: string }>(
        t,
        `SELECT action, actor_type, org_id FROM audit_event WHERE target_id = ANY($1::text[]) AND actor_type = 'system'`,
        [[issued.id, lapsing.id, frozen.id]],
      );
      expect(audit.map((a) => a.action).sort()).toEqual(['card.activated', 'card.expired', 'card.expired']);
      expect(new Set(audit.map((a) => a.org_id))).toEqual(new Set([orgA]));
    });
  });
});
