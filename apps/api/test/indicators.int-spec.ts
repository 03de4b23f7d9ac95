import request from 'supertest';
import { IndicatorDictionaryService, IndicatorSeeder } from '@health/archives';
import { ADMIN, bearer, createOtherOrganisation, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

describe('indicator dictionary', () => {
  let t: TestApp;
  let admin: Session;
  let nurse: Session;
  let otherAdmin: Session;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    await createUser(t, admin, 'dict.nurse', ['nurse']);
    nurse = await login(t, 'dict.nurse', STAFF_PASSWORD);
    otherAdmin = await createOtherOrganisation(t, admin);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is seeded once from indicators.csv, and seeding again changes nothing', async () => {
    const rows = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM indicator WHERE org_id IS NULL`);
    expect(Number(rows[0].n)).toBe(99);
    const seeder = t.app.get(IndicatorSeeder);
    await expect(seeder.onApplicationBootstrap()).resolves.toBeUndefined();
    const versions = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM indicator_version`);
    expect(Number(versions[0].n)).toBe(99);
  });

  it('lists, filters and reads indicators', async () => {
    const page = await request(t.http).get('/api/v1/indicators?category=血脂&pageSize=100').set(bearer(nurse)).expect(200);
    expect(page.body.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['TC', 'TG', 'HDL_C', 'LDL_C']));
    const search = await request(t.http).get('/api/v1/indicators?search=空腹血糖').set(bearer(nurse)).expect(200);
    expect(search.body.items.map((i: { code: string }) => i.code)).toContain('FPG');
    const fpg = await request(t.http).get('/api/v1/indicators/FPG').set(bearer(nurse)).expect(200);
    expect(fpg.body).toMatchObject({
      code: 'FPG',
      unit: 'mmol/L',
      valueType: 'numeric',
      loinc: '14771-0',
      limits: { male: { low: 3.9, high: 6.09 }, female: { low: 3.9, high: 6.09 } },
      version: 1,
      scope: 'platform',
    });
    expect(fpg.body.altUnits).toContainEqual({ unit: 'mg/dL', factor: 0.0555 });
    await request(t.http).get('/api/v1/indicators/NOPE').set(bearer(nurse)).expect(404);
    await request(t.http).get('/api/v1/indicators?sort=name').set(bearer(nurse)).expect(400);
  });

  it('versions an organisation’s edit without touching other organisations', async () => {
    await request(t.http)
      .patch('/api/v1/indicators/FPG')
      .set(bearer(nurse))
      .send({ limits: { male: { low: 3.9, high: 6.0 }, female: { low: 3.9, high: 6.0 } } })
      .expect(403);
    const edited = await request(t.http)
      .patch('/api/v1/indicators/FPG')
      .set(bearer(admin))
      .send({
        expectedVersion: 1,
        limits: { male: { low: 3.9, high: 5.59 }, female: { low: 3.9, high: 5.59 } },
        aliases: ['空腹血糖', 'FBG'],
      })
      .expect(200);
    expect(edited.body).toMatchObject({
      version: 2,
      scope: 'organisation',
      limits: { male: { high: 5.59 } },
      aliases: ['空腹血糖', 'FBG'],
    });

    const stale = await request(t.http)
      .patch('/api/v1/indicators/FPG')
      .set(bearer(admin))
      .send({ expectedVersion: 1, nameEn: 'Glucose' })
      .expect(409);
    expect(stale.body.code).toBe('INDICATOR_VERSION_CONFLICT');

    const versions = await request(t.http).get('/api/v1/indicators/FPG/versions').set(bearer(admin)).expect(200);
    expect(versions.body.total).toBe(2);
    expect(versions.body.items[0]).toMatchObject({
      version: 2,
      scope: 'organisation',
      changeKind: 'update',
      changedFields: ['limits', 'aliases'],
      actor: { type: 'user', displayName: '系统管理员' },
    });
    expect(versions.body.items[1]).toMatchObject({
      version: 1,
      scope: 'platform',
      changeKind: 'seed',
      actor: { type: 'system', id: null },
    });

    const other = await request(t.http).get('/api/v1/indicators/FPG').set(bearer(otherAdmin)).expect(200);
    expect(other.body).toMatchObject({ version: 1, scope: 'platform', limits: { male: { high: 6.09 } } });

    const dictionary = t.app.get(IndicatorDictionaryService);
    const [mine] = await dictionary.current(admin.user.organisation.id, ['FPG', 'UNKNOWN']);
    const [theirs] = await dictionary.current(otherAdmin.user.organisation.id, ['FPG']);
    expect(mine.limits.male.high).toBe(5.59);
    expect(theirs.limits.male.high).toBe(6.09);
    expect(await dictionary.current(admin.user.organisation.id)).toHaveLength(99);

    const unchanged = await request(t.http)
      .patch('/api/v1/indicators/FPG')
      .set(bearer(admin))
      .send({ aliases: ['空腹血糖', 'FBG'] });
    expect(unchanged.body.version).toBe(2);
  });

  it('adds an organisation’s own indicator and refuses taken codes, shared aliases and bad limits', async () => {
    const created = await request(t.http)
      .post('/api/v1/indicators')
      .set(bearer(admin))
      .send({
        code: 'HOMA_IR',
        nameZh: '胰岛素抵抗指数',
        nameEn: 'HOMA-IR',
        category: '血糖',
        valueType: 'numeric',
        limits: { male: { high: 2.69 }, female: { high: 2.69 } },
        aliases: ['HOMA-IR', '胰岛素抵抗'],
      })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'HOMA_IR', version: 1, scope: 'organisation', unit: '', loinc: null });
    await request(t.http).get('/api/v1/indicators/HOMA_IR').set(bearer(otherAdmin)).expect(404);

    const taken = await request(t.http)
      .post('/api/v1/indicators')
      .set(bearer(admin))
      .send({ code: 'TC', nameZh: '总胆固醇', nameEn: 'x', category: '血脂', valueType: 'numeric' })
      .expect(409);
    expect(taken.body.code).toBe('INDICATOR_CODE_TAKEN');

    const shared = await request(t.http)
      .patch('/api/v1/indicators/HOMA_IR')
      .set(bearer(admin))
      .send({ aliases: ['总胆固醇'] })
      .expect(409);
    expect(shared.body.code).toBe('INDICATOR_ALIAS_CONFLICT');

    const inverted = await request(t.http)
      .patch('/api/v1/indicators/HOMA_IR')
      .set(bearer(admin))
      .send({ limits: { male: { low: 3, high: 1 }, female: {} } })
      .expect(400);
    expect(inverted.body.details[0]).toMatchObject({ field: 'limits.male', code: 'lowAboveHigh' });

    const audit = await sql(t, `SELECT action, target_id, outcome FROM audit_event WHERE target_type = 'indicator' ORDER BY seq`);
    expect(audit).toEqual(expect.arrayContaining([{ action: 'createIndicator', target_id: 'HOMA_IR', outcome: 'success' }]));
  });

  it('gives every indicator its display decimals and says where it comes from', async () => {
    const page = await request(t.http).get('/api/v1/indicators?pageSize=100').set(bearer(nurse)).expect(200);
    const byCode = new Map(page.body.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('SBP')).toMatchObject({ decimals: 0, fromPlatform: true, status: 'active' });
    expect(byCode.get('FPG')).toMatchObject({ decimals: 2, scope: 'organisation', fromPlatform: true });
    expect(byCode.get('U_SG')).toMatchObject({ decimals: 3 });
    expect(byCode.get('U_PRO')).toMatchObject({ decimals: null });
    expect(byCode.get('HOMA_IR')).toMatchObject({ decimals: 2, scope: 'organisation', fromPlatform: false });
  });

  describe('retiring an organisation’s own indicator', () => {
    const client = {
      name: '李四',
      gender: 'male',
      birthDate: '1970-03-07',
      idNumber: '110101197003070012',
      phone: '13800138001',
    };
    const ingest = (externalId: string, items: { name: string; value: string; unit?: string }[]) =>
      request(t.http)
        .post('/api/v1/exam-reports')
        .set(bearer(admin))
        .send({ source: 'vitd-lis', externalId, examDate: '2025-03-01', client, items })
        .expect(201);
    let clientId: string;

    beforeAll(async () => {
      await request(t.http)
        .post('/api/v1/indicators')
        .set(bearer(admin))
        .send({
          code: 'VIT_D',
          nameZh: '25-羟维生素D',
          nameEn: '25-hydroxyvitamin D',
          category: '其他检查',
          unit: 'ng/mL',
          valueType: 'numeric',
          limits: { male: { low: 30 }, female: { low: 30 } },
          aliases: ['维生素D', '25-OH-D'],
        })
        .expect(201);
      const stored = await ingest('VD-1', [
        { name: '维生素D', value: '21.5', unit: 'ng/mL' },
        { name: 'VD测定', value: '22', unit: 'ng/mL' },
      ]);
      clientId = stored.body.clientId;
      await request(t.http)
        .post('/api/v1/indicator-mappings')
        .set(bearer(admin))
        .send({ source: 'vitd-lis', name: 'VD测定', code: 'VIT_D' })
        .expect(201);
    });

    it('keeps its observations and history, and versions the retirement', async () => {
      const retired = await request(t.http)
        .patch('/api/v1/indicators/VIT_D')
        .set(bearer(admin))
        .send({ expectedVersion: 1, status: 'retired' })
        .expect(200);
      expect(retired.body).toMatchObject({ code: 'VIT_D', status: 'retired', version: 2, fromPlatform: false });
      const versions = await request(t.http).get('/api/v1/indicators/VIT_D/versions').set(bearer(nurse)).expect(200);
      expect(versions.body.items[0]).toMatchObject({
        version: 2,
        status: 'retired',
        changeKind: 'update',
        changedFields: ['status'],
      });
      expect(versions.body.items[1]).toMatchObject({ version: 1, status: 'active', changeKind: 'create' });

      const trends = await request(t.http).get(`/api/v1/clients/${clientId}/trends?codes=VIT_D`).set(bearer(nurse)).expect(200);
      expect(trends.body.series[0].points.map((p: { value: number; abnormal: string }) => [p.value, p.abnormal])).toEqual([
        [21.5, 'low'],
        [22, 'low'],
      ]);
      const active = await request(t.http).get('/api/v1/indicators?status=active&pageSize=100').set(bearer(nurse)).expect(200);
      expect(active.body.total).toBe(100);
      expect(active.body.items.map((i: { code: string }) => i.code)).not.toContain('VIT_D');
      const onlyRetired = await request(t.http).get('/api/v1/indicators?status=retired').set(bearer(nurse)).expect(200);
      expect(onlyRetired.body.items.map((i: { code: string }) => i.code)).toEqual(['VIT_D']);
    });

    it('matches no new item, by name or through a mapping, and cannot be mapped to', async () => {
      const later = await ingest('VD-2', [
        { name: '维生素D', value: '35', unit: 'ng/mL' },
        { name: 'VD测定', value: '36', unit: 'ng/mL' },
      ]);
      expect(later.body).toMatchObject({ status: 'needs_mapping', unmapped: ['维生素D', 'VD测定'], items: [] });

      const refused = await request(t.http)
        .post('/api/v1/indicator-mappings')
        .set(bearer(admin))
        .send({ source: 'vitd-lis', name: '维生素D', code: 'VIT_D' })
        .expect(409);
      expect(refused.body.code).toBe('INDICATOR_RETIRED');
      const mappings = await request(t.http).get('/api/v1/indicator-mappings?source=vitd-lis').set(bearer(admin)).expect(200);
      expect(mappings.body.items).toEqual([expect.objectContaining({ code: 'VIT_D', indicatorStatus: 'retired' })]);
    });

    it('comes back into use when reactivated', async () => {
      await request(t.http).patch('/api/v1/indicators/VIT_D').set(bearer(admin)).send({ status: 'active' }).expect(200);
      const again = await ingest('VD-3', [
        { name: '维生素D', value: '35', unit: 'ng/mL' },
        { name: 'VD测定', value: '36', unit: 'ng/mL' },
      ]);
      expect(again.body).toMatchObject({ status: 'processed', unmapped: [] });
      expect(again.body.items.map((i: { code: string; abnormal: string }) => [i.code, i.abnormal])).toEqual([
        ['VIT_D', 'normal'],
        ['VIT_D', 'normal'],
      ]);
    });

    it('refuses to retire platform indicators, edited or not, with 409', async () => {
      for (const code of ['TC', 'FPG']) {
        const res = await request(t.http)
          .patch(`/api/v1/indicators/${code}`)
          .set(bearer(admin))
          .send({ status: 'retired' })
          .expect(409);
        expect(res.body.code).toBe('INDICATOR_PLATFORM_OWNED');
      }
      const tc = await request(t.http).get('/api/v1/indicators/TC').set(bearer(admin)).expect(200);
      expect(tc.body).toMatchObject({ status: 'active', version: 1 });
      await request(t.http).patch('/api/v1/indicators/VIT_D').set(bearer(admin)).send({ status: 'gone' }).expect(400);
      await request(t.http).patch('/api/v1/indicators/VIT_D').set(bearer(nurse)).send({ status: 'retired' }).expect(403);
    });
  });
});
