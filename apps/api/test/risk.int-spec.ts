import request from 'supertest';
import { ADMIN, bearer, createOtherOrganisation, login, Session, sql } from './iam-test-helpers';
import { dispatchPending } from './outbox-helpers';
import { createTestApp, TestApp } from './test-app';

const CLIENT = { name: '王建国', gender: 'male', birthDate: '1978-04-02', idNumber: '110101197804020015', phone: '13800138000' };

const UNITS: Record<string, string> = {
  SBP: 'mmHg',
  DBP: 'mmHg',
  TC: 'mmol/L',
  HDL_C: 'mmol/L',
  TG: 'mmol/L',
  FPG: 'mmol/L',
  UA: 'μmol/L',
  WAIST: 'cm',
  HEIGHT: 'cm',
  WEIGHT: 'kg',
};

function report(externalId: string, examDate: string, values: Record<string, string>) {
  return {
    source: 'risk-lis',
    externalId,
    examDate,
    client: CLIENT,
    items: Object.entries(values).map(([code, value]) => ({ name: code, code, value, unit: UNITS[code] })),
  };
}

const GUIDELINE_MAN = {
  sex: 'male',
  age: 40,
  sbp: 145,
  onAntihypertensive: false,
  tcMmol: 5.2,
  hdlMmol: 1.3,
  waistCm: 80,
  smoker: false,
  diabetes: false,
  northChina: true,
  urban: true,
  familyHistoryAscvd: true,
};

describe('risk models and assessments', () => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, ADMIN.username, ADMIN.password);
    other = await createOtherOrganisation(t, admin);
  });
  afterAll(() => t.close());

  const evaluate = (model: string, body: object) =>
    request(t.http).post(`/api/v1/risk-models/${model}/evaluate`).set(bearer(admin)).send(body);

  it('lists the 15 calculator models with their input schemas', async () => {
    const res = await request(t.http).get('/api/v1/risk-models').set(bearer(admin)).expect(200);
    expect(res.body.map((m: { model: string }) => m.model)).toEqual([
      'china-par',
      'cdrs',
      'findrisc',
      'framingham-lipid',
      'framingham-bmi',
      'bmi-class',
      'bp-grade',
      'glucose-class',
      'lipid-class',
      'uric-acid',
      'metabolic-syndrome',
      'phq9',
      'gad7',
      'tcm-60',
      'tcm-33-elderly',
    ]);
    const chinaPar = res.body[0];
    expect(chinaPar.inputs).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'sbp', unit: 'mmHg', min: 70, max: 200 })]),
    );
    expect(chinaPar.categories.map((c: { code: string }) => c.code)).toEqual(['low', 'medium', 'high']);
  });

  it('computes the China-PAR guideline example', async () => {
    const res = await evaluate('china-par', GUIDELINE_MAN).expect(200);
    expect(res.body).toMatchObject({ model: 'china-par', ruleId: 'china-par-10y', category: 'low', unit: '%', missing: [] });
    expect(Math.abs(res.body.value - 4.7)).toBeLessThanOrEqual(0.2);
    expect(res.body.display).toMatch(/^\d+\.\d %$/);
    expect(res.body.inputsUsed).toMatchObject({ sbp: 145, tcMmol: 5.2 });
  });

  it('names what is missing with 200 and no value', async () => {
    const { tcMmol: _tc, ...withoutTc } = GUIDELINE_MAN;
    const res = await evaluate('china-par', withoutTc).expect(200);
    expect(res.body).toMatchObject({
      value: null,
      category: null,
      missing: [expect.objectContaining({ code: 'MISSING_INPUT', field: 'tcMmol' })],
    });
  });

  it('refuses out-of-range and out-of-population input with 422 naming the field; nothing clamped', async () => {
    const high = await evaluate('china-par', { ...GUIDELINE_MAN, sbp: 250 }).expect(422);
    expect(high.body).toMatchObject({
      statusCode: 422,
      code: 'OUT_OF_RANGE',
      details: [expect.objectContaining({ field: 'sbp', code: 'OUT_OF_RANGE' })],
    });
    expect(high.body.details[0].message).toContain('200');
    const young = await evaluate('cdrs', {
      sex: 'male',
      age: 19,
      bmi: 22,
      waistCm: 80,
      sbp: 120,
      familyHistoryDiabetes: 'none',
    }).expect(422);
    expect(young.body.code).toBe('NOT_APPLICABLE');
    const phq = await evaluate('phq9', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 4] }).expect(422);
    expect(phq.body.details).toEqual([expect.objectContaining({ field: 'answers[8]', code: 'OUT_OF_RANGE' })]);
  });

  it('answers 400 for wrong JSON types or unknown fields and 404 for an unknown model', async () => {
    expect((await evaluate('bp-grade', { sbp: 'high', dbp: 80 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await evaluate('bp-grade', { sbp: 120, dbp: 80, pulse: 70 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await evaluate('qrisk3', { sbp: 120 }).expect(404)).body.code).toBe('RISK_MODEL_NOT_FOUND');
  });

  it('a report and the archive produce stored assessments, seeded tags with evidence, and risk.changed', async () => {
    const first = await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send(
        report('R-1', '2025-04-10', {
          SBP: '150',
          DBP: '95',
          TC: '5.2',
          HDL_C: '1.3',
          TG: '2.5',
          FPG: '6.5',
          UA: '450',
          WAIST: '92',
          HEIGHT: '170',
          WEIGHT: '75',
        }),
      );
    if (first.status !== 201) throw new Error(JSON.stringify(first.body));
    clientId = first.body.clientId;
    await request(t.http)
      .put(`/api/v1/clients/${clientId}/archive`)
      .set(bearer(admin))
      .send({
        profile: {
          lifestyle: { smoking: { status: 'current' }, physicalActivityMinutesPerDay: 40, vegetablesFruitDaily: true },
          residence: { northChina: true, urban: true },
        },
      })
      .expect(200);
    await dispatchPending(t);

    const risk = await request(t.http).get(`/api/v1/clients/${clientId}/risk-assessments`).set(bearer(admin)).expect(200);
    const byModel = Object.fromEntries(risk.body.items.map((a: { model: string }) => [a.model, a]));
    expect(byModel['bp-grade']).toMatchObject({ status: 'ok', category: 'grade_1', inputsUsed: { sbp: 150, dbp: 95 } });
    expect(byModel['glucose-class']).toMatchObject({ status: 'ok', category: 'ifg' });
    expect(byModel['uric-acid']).toMatchObject({ status: 'ok', category: 'above_threshold' });
    expect(byModel['bmi-class']).toMatchObject({ status: 'ok', category: 'overweight', display: '26.0 kg/m²' });
    expect(byModel['china-par']).toMatchObject({
      status: 'ok',
      ruleId: 'china-par-10y',
      inputsUsed: expect.objectContaining({ age: 47, smoker: true }),
    });
    expect(byModel['cdrs']).toMatchObject({ status: 'ok' });
    expect(byModel['phq9']).toBeUndefined(); // questionnaires come with survey responses
    expect(byModel['framingham-bmi']).toBeUndefined(); // superseded: the lipid model had TC and HDL-C
    expect(byModel['metabolic-syndrome']).toMatchObject({ category: 'yes' });

    const tags = await request(t.http).get(`/api/v1/clients/${clientId}/tags`).set(bearer(admin)).expect(200);
    const names = tags.body.tags.map((x: { name: string }) => x.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '高血压',
        '空腹血糖受损',
        '高甘油三酯血症',
        '高尿酸血症',
        '中心型肥胖',
        '超重',
        '代谢综合征',
        '吸烟',
      ]),
    );
    expect(names).not.toContain('高胆固醇血症');
    const hypertension = tags.body.tags.find((x: { name: string }) => x.name === '高血压');
    expect(hypertension.evidence).toMatchObject({
      ruleVersion: 1,
      facts: { 'risk.bp-grade.category': 'grade_1', 'archive.hypertension': false },
      reportId: first.body.id,
    });
    const changed = await sql<{ payload: { model: string; category: string; previousCategory: string | null } }>(
      t,
      `SELECT payload FROM outbox WHERE type = 'risk.changed' AND aggregate_id = $1 AND payload->>'model' = 'bp-grade'`,
      [clientId],
    );
    expect(changed.map((c) => c.payload)).toEqual([expect.objectContaining({ category: 'grade_1', previousCategory: null })]);
  });

  it('handling the same events again stores no new result', async () => {
    const [{ n: before }] = await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM risk_assessment WHERE client_id = $1`, [
      clientId,
    ]);
    await sql(
      t,
      `UPDATE outbox SET processed_at = NULL WHERE aggregate_id = $1 AND type IN ('report.ingested', 'archive.updated')`,
      [clientId],
    );
    await sql(t, `DELETE FROM processed_events`);
    await dispatchPending(t);
    const [{ n: after }] = await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM risk_assessment WHERE client_id = $1`, [
      clientId,
    ]);
    expect(after).toBe(before);
  });

  it('a later normal report removes the tag once and adds to the model history', async () => {
    await request(t.http)
      .post('/api/v1/exam-reports')
      .set(bearer(admin))
      .send(report('R-2', '2025-10-10', { SBP: '118', DBP: '76', FPG: '5.2', UA: '380' }))
      .expect(201);
    await dispatchPending(t);
    const tags = await request(t.http).get(`/api/v1/clients/${clientId}/tags`).set(bearer(admin)).expect(200);
    const names = tags.body.tags.map((x: { name: string }) => x.name);
    expect(names).not.toContain('高血压');
    expect(names).not.toContain('空腹血糖受损');
    const removed = await sql(
      t,
      `SELECT 1 FROM outbox o JOIN tag g ON g.id::text = o.payload->>'tagId' WHERE o.type = 'tag.removed' AND g.name = '高血压'`,
    );
    expect(removed).toHaveLength(1);
    const history = await request(t.http)
      .get(`/api/v1/clients/${clientId}/risk-assessments/bp-grade/history`)
      .set(bearer(admin))
      .expect(200);
    expect(history.body.items.map((a: { category: string }) => a.category)).toEqual(['grade_1', 'normal']);
    await request(t.http).get(`/api/v1/clients/${clientId}/risk-assessments`).set(bearer(other)).expect(404);
  });
});
