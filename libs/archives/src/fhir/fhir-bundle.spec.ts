import { bundleToReport } from './fhir-bundle';

const patient = {
  resource: {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:x:mrn', value: 'MRN-7' }, { value: '110101197804020015' }],
    name: [{ family: '张', given: ['三'] }],
    gender: 'male',
    birthDate: '1978-04-02',
  },
};
const report = {
  resource: {
    resourceType: 'DiagnosticReport',
    identifier: [{ system: 'his-a', value: 'R1' }],
    issued: '2025-06-18T10:00:00Z',
    result: [{ reference: 'Observation/b' }, { reference: 'Observation/a' }],
  },
};
const obs = (id: string, body: object) => ({ resource: { resourceType: 'Observation', id, ...body } });

describe('bundleToReport', () => {
  it('reads patient, report and observations in the order the report lists them', () => {
    const read = bundleToReport(
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          patient,
          report,
          obs('a', { code: { text: '尿蛋白' }, valueCodeableConcept: { coding: [{ display: '阴性' }] } }),
          obs('b', {
            code: { coding: [{ system: 'http://loinc.org', code: '14771-0' }] },
            valueQuantity: { value: 6.2, comparator: '>', code: 'mmol/L' },
            referenceRange: [{ high: { value: 6.1 } }],
            interpretation: [{ coding: [{ code: 'HH' }] }],
          }),
        ],
      },
      (loinc) => (loinc === '14771-0' ? 'FPG' : undefined),
    );
    expect(read).toEqual({
      ok: true,
      entryOfItem: [3, 2],
      body: {
        source: 'his-a',
        externalId: 'R1',
        examDate: '2025-06-18',
        client: { name: '张三', gender: 'male', birthDate: '1978-04-02', idNumber: '110101197804020015' },
        items: [
          { name: '14771-0', value: '>6.2', unit: 'mmol/L', referenceRange: '<6.1', flag: 'H', code: 'FPG' },
          { name: '尿蛋白', value: '阴性' },
        ],
      },
    });
  });

  it('names what is missing', () => {
    const read = bundleToReport(
      { resourceType: 'Bundle', type: 'batch', entry: [patient, { resource: { resourceType: 'DiagnosticReport' } }] },
      () => undefined,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.field)).toEqual(['Bundle.type', 'Bundle.entry']);
  });
});
