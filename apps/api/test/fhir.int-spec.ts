import request from 'supertest';
import { ADMIN, bearer, login, Session, sql } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const observation = (id: string, body: object) => ({
  fullUrl: `urn:uuid:${id}`,
  resource: { resourceType: 'Observation', id, status: 'final', ...body },
});

function bundle(reportId: string, fpgValue: object = { valueQuantity: { value: 7.8, unit: 'mmol/L' } }) {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:patient-1',
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'urn:oid:2.16.156.10011.1.3', value: '510107195509300579' }],
          name: [{ text: '赵德明' }],
          gender: 'male',
          birthDate: '1955-09-30',
          telecom: [{ system: 'phone', value: '13800132288' }],
        },
      },
      {
        fullUrl: 'urn:uuid:report-1',
        resource: {
          resourceType: 'DiagnosticReport',
          status: 'final',
          identifier: [{ system: 'urn:rm2:report', value: reportId }],
          effectiveDateTime: '2025-05-20T08:30:00+08:00',
          performer: [{ display: '仁美体检中心' }],
          conclusion: '空腹血糖升高',
          result: [
            { reference: 'urn:uuid:obs-fpg' },
            { reference: 'urn:uuid:obs-tc' },
            { reference: 'urn:uuid:obs-upro' },
            { reference: 'urn:uuid:obs-x' },
          ],
        },
      },
      observation('obs-tc', {
        code: { coding: [{ system: 'http://loinc.org', code: '14647-2' }], text: 'Cholesterol' },
        valueQuantity: { value: 232, unit: 'mg/dL' },
        interpretation: [{ coding: [{ code: 'H' }] }],
      }),
      observation('obs-fpg', {
        code: {
          coding: [
            { system: 'http://loinc.org', code: '14771-0', display: 'Glucose [Moles/volume] in Serum or Plasma --fasting' },
          ],
        },
        referenceRange: [{ low: { value: 3.9 }, high: { value: 6.1 } }],
        ...fpgValue,
      }),
      observation('obs-upro', {
        category: [{ text: '尿常规' }],
        code: { text: '蛋白质' },
        valueCodeableConcept: { text: '+' },
      }),
      observation('obs-x', { code: { text: '特殊检查X' }, valueString: '见附件' }),
    ],
  };
}

describe('FHIR Bundle ingestion', () => {
  let t: TestApp;
  let admin: Session;
  const post = (body: object, contentType = 'application/fhir+json') =>
    request(t.http).post('/api/v1/fhir/Bundle').set(bearer(admin)).set('Content-Type', contentType).send(JSON.stringify(body));

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '1000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores the report through the ingestion path, mapping LOINC codes through the dictionary', async () => {
    const res = await post(bundle('FHIR-1')).expect(201);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.body).toMatchObject({
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [
        {
          response: {
            status: '201 Created',
            location: expect.stringMatching(/^\/api\/v1\/exam-reports\/[0-9a-f-]{36}$/),
            outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'not-found' }] },
          },
        },
      ],
    });
    const reportId = res.body.entry[0].response.location.split('/').pop();
    const rows = await sql<{ indicator_code: string; item_index: number; verdict: string; value_num: number | null }>(
      t,
      `SELECT indicator_code, item_index, verdict, value_num FROM observation WHERE report_id = $1 ORDER BY item_index`,
      [reportId],
    );
    expect(rows.map((r) => [r.item_index, r.indicator_code, r.verdict])).toEqual([
      [0, 'FPG', 'high'],
      [1, 'TC', 'high'],
      [2, 'U_PRO', 'abnormal'],
    ]);
    expect(rows[1].value_num).toBeCloseTo(232 * 0.02586, 6);
    const detail = await request(t.http).get(`/api/v1/exam-reports/${reportId}`).set(bearer(admin)).expect(200);
    expect(detail.body).toMatchObject({
      source: 'urn:rm2:report',
      externalId: 'FHIR-1',
      examDate: '2025-05-20',
      institution: '仁美体检中心',
      conclusions: ['空腹血糖升高'],
      status: 'needs_mapping',
      unmapped: ['特殊检查X'],
    });

    const replay = await post(bundle('FHIR-1'), 'application/json').expect(200);
    expect(replay.body.entry[0].response).toMatchObject({ status: '200 OK', location: res.body.entry[0].response.location });
  });

  it('answers refusals with an OperationOutcome naming the Bundle entry, storing nothing', async () => {
    const [{ n: before }] = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM exam_report`);
    const notNumeric = await post(bundle('FHIR-2', { valueString: '偏高' })).expect(400);
    expect(notNumeric.body).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'invalid',
          diagnostics: expect.stringContaining('FPG'),
          expression: ['Bundle.entry[3].resource (value)'],
          details: { coding: [{ system: 'urn:health-platform:error-code', code: 'VALIDATION_FAILED' }], text: 'not-a-number' },
        },
      ],
    });
    const notBundle = await post({ resourceType: 'Patient' }).expect(400);
    expect(notBundle.body.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', expression: ['Bundle'] });
    const noReport = await post({ resourceType: 'Bundle', type: 'transaction', entry: [bundle('x').entry[0]] }).expect(400);
    expect(noReport.body.issue.map((i: { diagnostics: string }) => i.diagnostics)).toEqual(
      expect.arrayContaining(['exactly one DiagnosticReport is required', 'at least one Observation is required']),
    );
    const changed = bundle('FHIR-1', { valueQuantity: { value: 5.1, unit: 'mmol/L' } });
    const conflict = await post(changed).expect(409);
    expect(conflict.body.issue[0]).toMatchObject({ code: 'conflict', details: { coding: [{ code: 'EXAM_REPORT_CONFLICT' }] } });
    const [{ n: after }] = await sql<{ n: string }>(t, `SELECT count(*) AS n FROM exam_report`);
    expect(after).toBe(before);
  });
});
