/**
 * Reading a FHIR R4 Bundle (transaction or collection) with a Patient, a DiagnosticReport and its
 * Observations into the body of `POST /exam-reports`. Pure; LOINC codes are resolved by the caller's
 * lookup. Only the elements exam systems fill are read; anything else is ignored, as FHIR allows.
 */
import type { ErrorDetail } from '@health/core';

type Json = Record<string, unknown>;

/** The system of Chinese resident ID numbers (GB 11643) in Chinese FHIR profiles. */
const RESIDENT_ID_SYSTEMS = ['urn:oid:2.16.156.10011.1.3', 'http://www.nhc.gov.cn/identifier/resident-id'];
const RESIDENT_ID = /^\d{17}[\dXx]$/;
const LOINC = 'http://loinc.org';
const FLAG_CODES: Readonly<Record<string, string>> = { H: 'H', HH: 'H', L: 'L', LL: 'L', N: '', A: 'A', AA: 'A' };

export type LoincLookup = (loinc: string) => string | undefined;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function nameOf(patient: Json): string | undefined {
  const name = list(patient['name']).find(isObject);
  if (name === undefined) return undefined;
  const given = list(name['given'])
    .map(text)
    .filter((part): part is string => part !== undefined);
  return text(name['text']) ?? ([text(name['family']), ...given].filter(Boolean).join('') || undefined);
}

function residentIdOf(patient: Json): string | undefined {
  const identifiers = list(patient['identifier']).filter(isObject);
  const bySystem = identifiers.find((id) => RESIDENT_ID_SYSTEMS.includes(String(id['system'] ?? '')));
  const byShape = identifiers.find((id) => RESIDENT_ID.test(String(id['value'] ?? '')));
  return text((bySystem ?? byShape)?.['value']);
}

function phoneOf(patient: Json): string | undefined {
  const phone = list(patient['telecom'])
    .filter(isObject)
    .find((point) => point['system'] === 'phone');
  return text(phone?.['value']);
}

function codeableText(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined;
  const coding = list(concept['coding']).filter(isObject);
  return text(concept['text']) ?? coding.map((c) => text(c['display'])).find(Boolean);
}

function rangeText(observation: Json): string | undefined {
  const range = list(observation['referenceRange']).find(isObject);
  if (range === undefined) return undefined;
  const low = isObject(range['low']) ? range['low']['value'] : undefined;
  const high = isObject(range['high']) ? range['high']['value'] : undefined;
  if (typeof low === 'number' && typeof high === 'number') return `${low}-${high}`;
  if (typeof high === 'number') return `<${high}`;
  if (typeof low === 'number') return `>${low}`;
  return text(range['text']);
}

/** `{ field, message }` problems use FHIRPath-like locations (`Bundle.entry[3].resource.valueQuantity`). */
export type BundleReading =
  /** `entryOfItem[i]`: the Bundle entry index of `items[i]`, to name the Observation in errors. */
  { ok: true; body: Json; entryOfItem: number[] } | { ok: false; problems: ErrorDetail[] };

export function bundleToReport(bundle: unknown, loinc: LoincLookup): BundleReading {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, code: string, message: string) => problems.push({ field, code, message });
  if (!isObject(bundle) || bundle['resourceType'] !== 'Bundle') {
    return { ok: false, problems: [{ field: 'Bundle', code: 'structure', message: 'the body must be a FHIR Bundle' }] };
  }
  if (bundle['type'] !== 'transaction' && bundle['type'] !== 'collection') {
    problem('Bundle.type', 'value', 'Bundle.type must be transaction or collection');
  }
  const entries = list(bundle['entry']).map((entry, index) => ({
    index,
    resource: isObject(entry) && isObject(entry['resource']) ? entry['resource'] : undefined,
    fullUrl: isObject(entry) ? text(entry['fullUrl']) : undefined,
  }));
  const ofType = (type: string) => entries.filter((entry) => entry.resource?.['resourceType'] === type);
  const [patient, ...morePatients] = ofType('Patient');
  const [report, ...moreReports] = ofType('DiagnosticReport');
  if (patient === undefined || morePatients.length > 0) problem('Bundle.entry', 'required', 'exactly one Patient is required');
  if (report === undefined || moreReports.length > 0)
    problem('Bundle.entry', 'required', 'exactly one DiagnosticReport is required');
  const observations = ofType('Observation');
  if (observations.length === 0) problem('Bundle.entry', 'required', 'at least one Observation is required');
  if (patient?.resource === undefined || report?.resource === undefined || problems.length > 0) return { ok: false, problems };

  const reportResource = report.resource;
  const identifier = list(reportResource['identifier']).find(isObject);
  const source = text(identifier?.['system']);
  const externalId = text(identifier?.['value']);
  const at = `Bundle.entry[${report.index}].resource`;
  if (source === undefined || externalId === undefined) {
    problem(`${at}.identifier`, 'required', 'DiagnosticReport.identifier needs system (the sending system) and value');
  }
  const effective = text(reportResource['effectiveDateTime']) ?? text(reportResource['issued']);
  if (effective === undefined) problem(`${at}.effectiveDateTime`, 'required', 'DiagnosticReport.effectiveDateTime is required');

  // Observations in the order the report lists them, then any the report does not reference.
  const order = list(reportResource['result'])
    .filter(isObject)
    .map((ref) => text(ref['reference']));
  const position = (entry: (typeof observations)[number]) => {
    const id = text(entry.resource?.['id']);
    const found = order.findIndex((ref) => ref !== undefined && (ref === entry.fullUrl || ref === `Observation/${id}`));
    return found === -1 ? order.length + entry.index : found;
  };
  const sorted = [...observations].sort((a, b) => position(a) - position(b));
  const items = sorted.map((entry) => {
    const observation = entry.resource as Json;
    const where = `Bundle.entry[${entry.index}].resource`;
    const codings = isObject(observation['code']) ? list(observation['code']['coding']).filter(isObject) : [];
    const loincCode = codings
      .filter((c) => c['system'] === LOINC)
      .map((c) => text(c['code']))
      .find(Boolean);
    const name = codeableText(observation['code']) ?? loincCode;
    if (name === undefined) problem(`${where}.code`, 'required', 'Observation.code needs text, a display or a LOINC code');
    const quantity = isObject(observation['valueQuantity']) ? observation['valueQuantity'] : undefined;
    const comparator = text(quantity?.['comparator']) ?? '';
    const value =
      quantity !== undefined && typeof quantity['value'] === 'number'
        ? `${comparator}${quantity['value']}`
        : (text(observation['valueString']) ?? codeableText(observation['valueCodeableConcept']));
    if (value === undefined) {
      problem(`${where}.value[x]`, 'required', 'Observation needs valueQuantity, valueString or valueCodeableConcept');
    }
    const flagCode = list(observation['interpretation'])
      .filter(isObject)
      .flatMap((concept) => list(concept['coding']).filter(isObject))
      .map((c) => text(c['code']))
      .find(Boolean);
    const code = loincCode === undefined ? undefined : loinc(loincCode);
    const unit = text(quantity?.['unit']) ?? text(quantity?.['code']);
    const category = list(observation['category']).map(codeableText).find(Boolean);
    const range = rangeText(observation);
    return {
      name: name ?? '',
      value: value ?? '',
      ...(unit === undefined ? {} : { unit }),
      ...(range === undefined ? {} : { referenceRange: range }),
      ...(flagCode === undefined ? {} : { flag: FLAG_CODES[flagCode] ?? flagCode }),
      ...(category === undefined ? {} : { category }),
      ...(code === undefined ? {} : { code }),
    };
  });
  if (problems.length > 0) return { ok: false, problems };

  const patientResource = patient.resource;
  const idNumber = residentIdOf(patientResource);
  const phone = phoneOf(patientResource);
  const institution = list(reportResource['performer'])
    .filter(isObject)
    .map((p) => text(p['display']))
    .find(Boolean);
  const conclusion = text(reportResource['conclusion']);
  return {
    ok: true,
    entryOfItem: sorted.map((entry) => entry.index),
    body: {
      source,
      externalId,
      examDate: (effective ?? '').slice(0, 10),
      ...(institution === undefined ? {} : { institution }),
      client: {
        name: nameOf(patientResource) ?? '',
        gender: patientResource['gender'],
        birthDate: patientResource['birthDate'],
        ...(idNumber === undefined ? {} : { idNumber }),
        ...(phone === undefined ? {} : { phone }),
      },
      items,
      ...(conclusion === undefined ? {} : { conclusions: [conclusion] }),
    },
  };
}
