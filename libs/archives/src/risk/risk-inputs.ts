import type { ModelInputs } from '@health/clinical';
import { exactNumber, type ClientFacts } from '../facts/client-facts';

/** Glucose tests whose high verdict answers FINDRISC's "ever found to have high blood glucose". */
const GLUCOSE_CODES = ['FPG', 'PG2H', 'HBA1C'] as const;

function everHighGlucose(facts: ClientFacts): boolean | null {
  const seenHigh = GLUCOSE_CODES.some((code) => {
    const fact = facts.ind[code];
    return fact !== undefined && (fact.abnormal === 'high' || fact.previous?.abnormal === 'high');
  });
  if (seenHigh || facts.archive.diabetes === true) return true;
  return facts.archive.known ? false : null;
}

/**
 * The calculator inputs a client's facts provide. Absent facts stay absent, so a model whose inputs
 * are incomplete is stored as `missing` with the list of what it needs. Measurements are the latest
 * exact values (a `<0.5` is not a number a model may use); age is the age on the latest exam date.
 */
export function modelInputsFrom(facts: ClientFacts): ModelInputs {
  const measured = (code: string) => exactNumber(facts.ind[code]) ?? undefined;
  const known = <T>(value: T | null) => value ?? undefined;
  const a = facts.archive;
  return {
    sex: facts.sex,
    age: known(facts.ageAtLatestExam ?? facts.age),
    sbp: measured('SBP'),
    dbp: measured('DBP'),
    tcMmol: measured('TC'),
    hdlMmol: measured('HDL_C'),
    ldlMmol: measured('LDL_C'),
    nonHdlMmol: measured('NON_HDL_C'),
    tgMmol: measured('TG'),
    lpaMgL: measured('LPA'),
    fpgMmol: measured('FPG'),
    ogtt2hMmol: measured('PG2H'),
    hba1cPercent: measured('HBA1C'),
    uricAcidUmol: measured('UA'),
    waistCm: measured('WAIST'),
    bmi: known(facts.derived.bmi),
    onAntihypertensive: known(a.onAntihypertensive),
    smoker: known(a.smoker),
    diabetes: known(a.diabetes),
    northChina: known(a.northChina),
    urban: known(a.urban),
    familyHistoryAscvd: known(a.familyHistoryAscvd),
    familyHistoryDiabetes: known(a.familyHistoryDiabetes),
    physicallyActive30min: known(a.physicallyActive30min),
    vegetablesDaily: known(a.vegetablesDaily),
    // A past regular antihypertensive is recorded as hypertension history or a current medication.
    everAntihypertensive: a.known ? a.hypertension === true : undefined,
    everHighGlucose: known(everHighGlucose(facts)),
    treatedDiabetes: known(a.treatedDiabetes),
    treatedHypertension: known(a.treatedHypertension),
    establishedAscvd: known(a.establishedAscvd),
  };
}
