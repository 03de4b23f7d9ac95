import request from 'supertest';
import { ADMIN, bearer, createOtherOrganisation, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const FULL_PROFILE = {
  bloodType: { abo: 'A', rh: 'positive' },
  allergies: [{ substance: '青霉素', reaction: '皮疹', severity: 'moderate' }],
  pastHistory: [{ condition: '高血压', icd10: 'I10', yearDiagnosed: 2018, underTreatment: true }],
  familyHistory: [{ relation: 'father', condition: '心肌梗死', prematureAscvd: true }],
  surgeries: [{ name: '阑尾切除术', year: 2005 }],
  medications: [{ name: '氨氯地平', dose: '5 mg', frequency: '每日一次', since: '2018-06', antihypertensive: true }],
  lifestyle: {
    smoking: { status: 'current', cigarettesPerDay: 10, years: 15 },
    alcohol: { status: 'occasional', gramsPerWeek: 60 },
    physicalActivityMinutesPerDay: 20,
    vegetablesFruitDaily: false,
    dietHabits: ['high_salt'],
    sleep: { hoursPerNight: 6.5, quality: 'fair' },
  },
  residence: { northChina: true, urban: true },
};

describe('health archive profile', () => {
  let t: TestApp;
  let admin: Session;
  let doctor: Session;
  let nurse: Session;
  let otherAdmin: Session;
  let male: string;
  let female: string;
  let doctorId: string;

  const archiveOf = (id: string) => `/api/v1/clients/${id}/archive`;
  const put = (session: Session, id: string, body: object) => request(t.http).put(archiveOf(id)).set(bearer(session)).send(body);

  async function createClient(session: Session, name: string, gender: 'male' | 'female'): Promise<string> {
    const res = await request(t.http)
      .post('/api/v1/clients')
      .set(bearer(session))
      .send({ name, gender, birthDate: '1970-05-01' });
    if (res.status !== 201) throw new Error(`create client failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    doctorId = await createUser(t, admin, 'archive.doctor', ['doctor']);
    await createUser(t, admin, 'archive.nurse', ['nurse']);
    doctor = await login(t, 'archive.doctor', STAFF_PASSWORD);
    nurse = await login(t, 'archive.nurse', STAFF_PASSWORD);
    otherAdmin = await createOtherOrganisation(t, admin);
    male = await createClient(admin, '张三', 'male');
    female = await createClient(admin, '李四', 'female');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an empty profile with version 0 for a client without archive, and audits the read', async () => {
    const res = await request(t.http).get(archiveOf(male)).set(bearer(nurse)).expect(200);
    expect(res.body).toEqual({
      clientId: male,
      version: 0,
      updatedAt: null,
      updatedBy: null,
      profile: {
        bloodType: null,
        allergies: [],
        pastHistory: [],
        familyHistory: [],
        surgeries: [],
        medications: [],
        lifestyle: null,
        womensHistory: null,
        residence: null,
      },
    });
    const audit = await sql(t, `SELECT target_type, outcome FROM audit_event WHERE action = 'archive.read' AND target_id = $1`, [
      male,
    ]);
    expect(audit).toEqual([{ target_type: 'client', outcome: 'success' }]);
  });

  it('refuses invalid profiles with the path of each bad field, changing nothing', async () => {
    const res = await put(doctor, male, {
      profile: {
        bloodType: { abo: 'Z' },
        pastHistory: [{ condition: '糖尿病', icd10: 'E11-9', yearDiagnosed: 1850 }],
        familyHistory: [{ relation: 'uncle', condition: 'x' }],
        lifestyle: { smoking: { status: 'never', cigarettesPerDay: 300 }, dietHabits: ['fast_food'] },
        allergies: Array.from({ length: 51 }, () => ({ substance: '花粉' })),
        favouriteColour: 'blue',
      },
    }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'profile.bloodType.abo',
        'profile.pastHistory.0.icd10',
        'profile.pastHistory.0.yearDiagnosed',
        'profile.familyHistory.0.relation',
        'profile.lifestyle.smoking.cigarettesPerDay',
        'profile.lifestyle.dietHabits',
        'profile.allergies',
        'profile.favouriteColour',
      ]),
    );

    const contradictory = await put(doctor, male, {
      profile: { lifestyle: { smoking: { status: 'never', cigarettesPerDay: 5 } } },
    }).expect(400);
    expect(contradictory.body.details).toEqual([
      expect.objectContaining({ field: 'profile.lifestyle.smoking.cigarettesPerDay', code: 'inconsistent' }),
    ]);
    expect(await sql(t, `SELECT 1 FROM health_archive_version WHERE client_id = $1`, [male])).toHaveLength(0);
  });

  it("accepts women's history only for female clients", async () => {
    const womensHistory = { menarcheAge: 13, menopause: true, menopauseAge: 50, pregnancies: 2, births: 1 };
    const refused = await put(admin, male, { profile: { womensHistory } }).expect(400);
    expect(refused.body).toMatchObject({
      code: 'WOMENS_HISTORY_NOT_APPLICABLE',
      details: [{ field: 'profile.womensHistory' }],
    });
    const saved = await put(admin, female, { profile: { womensHistory } }).expect(200);
    expect(saved.body).toMatchObject({ version: 1, profile: { womensHistory } });
  });

  it('versions every change with who, when and the changed paths, and emits archive.updated', async () => {
    const first = await put(doctor, male, { expectedVersion: 0, profile: FULL_PROFILE }).expect(200);
    expect(first.body).toMatchObject({
      clientId: male,
      version: 1,
      updatedBy: { id: doctorId, type: 'user', displayName: '测试archive.doctor' },
      profile: {
        bloodType: { abo: 'A', rh: 'positive' },
        familyHistory: [{ relation: 'father', condition: '心肌梗死', prematureAscvd: true, diabetes: false }],
        medications: [{ name: '氨氯地平', antihypertensive: true, glucoseLowering: false, lipidLowering: false }],
        lifestyle: { smoking: { status: 'current', cigarettesPerDay: 10, years: 15 } },
      },
    });

    const changed = structuredClone(FULL_PROFILE);
    changed.lifestyle.smoking = { status: 'former', cigarettesPerDay: 10, years: 15 };
    changed.allergies.push({ substance: '海鲜', reaction: '荨麻疹', severity: 'mild' });
    const second = await put(admin, male, { expectedVersion: 1, profile: changed }).expect(200);
    expect(second.body.version).toBe(2);

    const history = await request(t.http)
      .get(`${archiveOf(male)}/history`)
      .set(bearer(nurse))
      .expect(200);
    expect(history.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    const [v2, v1] = history.body.items;
    expect(v2).toMatchObject({
      version: 2,
      actor: { type: 'user', displayName: expect.any(String) },
      changedPaths: ['allergies[1]', 'lifestyle.smoking.status'],
      profile: { lifestyle: { smoking: { status: 'former' } } },
    });
    expect(v1).toMatchObject({ version: 1, actor: { id: doctorId, displayName: '测试archive.doctor' } });
    expect(v1.changedPaths).toEqual(
      expect.arrayContaining(['bloodType', 'allergies[0]', 'pastHistory[0]', 'lifestyle', 'residence']),
    );
    expect(Date.parse(v2.at)).toBeGreaterThanOrEqual(Date.parse(v1.at));

    const events = await sql<{ aggregate_id: string; payload: unknown; org_id: string }>(
      t,
      `SELECT aggregate_id, payload, org_id FROM outbox WHERE type = 'archive.updated' AND aggregate_id = $1 ORDER BY created_at`,
      [male],
    );
    expect(events.map((e) => e.payload)).toEqual([
      { clientId: male, version: 1 },
      { clientId: male, version: 2 },
    ]);
    expect(events[0].org_id).toBe(admin.user.organisation.id);

    const current = await request(t.http).get(archiveOf(male)).set(bearer(nurse)).expect(200);
    expect(current.body).toMatchObject({ version: 2, profile: { allergies: [{}, { substance: '海鲜' }] } });
  });

  it('names an API key as the author of its saves', async () => {
    const key = (
      await request(t.http)
        .post('/api/v1/api-keys')
        .set(bearer(admin))
        .send({ name: '问卷同步', scopes: ['archives:read', 'archives:write'] })
        .expect(201)
    ).body.key as string;
    const client = await createClient(admin, '赵六', 'female');
    const saved = await request(t.http)
      .put(archiveOf(client))
      .set('X-API-Key', key)
      .send({ profile: { residence: { northChina: false, urban: true } } })
      .expect(200);
    expect(saved.body).toMatchObject({
      version: 1,
      updatedBy: { type: 'api_key', displayName: '问卷同步' },
      profile: { residence: { northChina: false, urban: true } },
    });
    const history = await request(t.http)
      .get(`${archiveOf(client)}/history`)
      .set('X-API-Key', key)
      .expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ version: 1, changedPaths: ['residence'] })]);
  });

  it('creates no version and no event for an identical save', async () => {
    const before = await request(t.http).get(archiveOf(female)).set(bearer(admin)).expect(200);
    const res = await put(doctor, female, { profile: before.body.profile }).expect(200);
    expect(res.body.version).toBe(before.body.version);
    expect(await sql(t, `SELECT 1 FROM health_archive_version WHERE client_id = $1`, [female])).toHaveLength(1);
    expect(await sql(t, `SELECT 1 FROM outbox WHERE type = 'archive.updated' AND aggregate_id = $1`, [female])).toHaveLength(1);
  });

  it('answers 409 ARCHIVE_VERSION_CONFLICT for a stale expectedVersion', async () => {
    const res = await put(doctor, male, { expectedVersion: 1, profile: {} }).expect(409);
    expect(res.body).toMatchObject({
      code: 'ARCHIVE_VERSION_CONFLICT',
      details: [{ field: 'expectedVersion', message: '2' }],
    });
    const current = await request(t.http).get(archiveOf(male)).set(bearer(doctor)).expect(200);
    expect(current.body.version).toBe(2);
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const edit = (abo: string) => put(admin, male, { expectedVersion: 2, profile: { ...FULL_PROFILE, bloodType: { abo } } });
    const statuses = (await Promise.all([edit('B'), edit('O')])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);

    const fresh = await createClient(admin, '王五', 'male');
    // Both claim to start from "no archive yet": whichever order they run in, only one may create it.
    const first = (abo: string) => put(admin, fresh, { expectedVersion: 0, profile: { bloodType: { abo } } });
    const firstStatuses = (await Promise.all([first('A'), first('B')])).map((r) => r.status).sort();
    expect(firstStatuses).toEqual([200, 409]);
    expect(await sql(t, `SELECT version FROM health_archive_version WHERE client_id = $1`, [fresh])).toEqual([{ version: 1 }]);
  });

  it('leaves an audit row for every save, with ids only', async () => {
    const rows = await sql(
      t,
      `SELECT action, target_type, outcome FROM audit_event WHERE target_id = $1 AND action = 'updateArchive' ORDER BY seq`,
      [male],
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0]).toEqual({ action: 'updateArchive', target_type: 'client', outcome: 'failure' });
    expect(rows).toContainEqual({ action: 'updateArchive', target_type: 'client', outcome: 'success' });
  });

  it('hides clients of other organisations and unknown ids behind 404', async () => {
    for (const path of [archiveOf(male), `${archiveOf(male)}/history`]) {
      const res = await request(t.http).get(path).set(bearer(otherAdmin)).expect(404);
      expect(res.body.code).toBe('CLIENT_NOT_FOUND');
    }
    await put(otherAdmin, male, { profile: {} }).expect(404);
    await request(t.http).get(archiveOf('0b7e7c8e-2f57-4d0e-9d1c-0f3f4a1b2c3d')).set(bearer(admin)).expect(404);
    await request(t.http).get(archiveOf('not-a-uuid')).set(bearer(admin)).expect(400);
  });

  it('needs archives:write to save and archives:read to read', async () => {
    const res = await put(nurse, male, { profile: {} }).expect(403);
    expect(res.body.code).toBe('PERMISSION_DENIED');
    const auditor = await createUser(t, admin, 'archive.auditor', ['auditor']);
    expect(auditor).toBeTruthy();
    const auditorSession = await login(t, 'archive.auditor', STAFF_PASSWORD);
    await request(t.http).get(archiveOf(male)).set(bearer(auditorSession)).expect(403);
    const current = await request(t.http).get(archiveOf(male)).set(bearer(doctor)).expect(200);
    expect(current.body.version).toBe(3);
  });
});
