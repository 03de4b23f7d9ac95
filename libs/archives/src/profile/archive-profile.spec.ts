import {
  ArchiveProfile,
  canonicalProfile,
  changedPaths,
  emptyProfile,
  inconsistencies,
  isValidPartialDate,
  latestToday,
} from './archive-profile';

describe('canonicalProfile', () => {
  it('turns missing input into the empty profile', () => {
    expect(canonicalProfile({})).toEqual(emptyProfile());
    expect(canonicalProfile({ lifestyle: {}, womensHistory: { births: null }, residence: {}, allergies: null })).toEqual(
      emptyProfile(),
    );
  });

  it('fills defaults, trims text and orders diet habits by the catalog', () => {
    const profile = canonicalProfile({
      bloodType: { abo: 'AB' },
      allergies: [{ substance: ' 青霉素 ', reaction: '  ' }],
      pastHistory: [{ condition: '高血压', icd10: 'I10', yearDiagnosed: 2018 }],
      familyHistory: [{ relation: 'father', condition: '心梗', prematureAscvd: true }],
      medications: [{ name: '氨氯地平', since: '2021-05', antihypertensive: true }],
      lifestyle: { dietHabits: ['vegetarian', 'high_salt'], sleep: { hoursPerNight: 7 } },
    });
    expect(profile.bloodType).toEqual({ abo: 'AB', rh: 'unknown' });
    expect(profile.allergies).toEqual([{ substance: '青霉素', reaction: null, severity: 'unknown' }]);
    expect(profile.pastHistory).toEqual([{ condition: '高血压', icd10: 'I10', yearDiagnosed: 2018, underTreatment: false }]);
    expect(profile.familyHistory).toEqual([{ relation: 'father', condition: '心梗', prematureAscvd: true, diabetes: false }]);
    expect(profile.medications[0]).toEqual({
      name: '氨氯地平',
      dose: null,
      frequency: null,
      since: '2021-05',
      antihypertensive: true,
      glucoseLowering: false,
      lipidLowering: false,
    });
    expect(profile.lifestyle).toEqual({
      smoking: null,
      alcohol: null,
      physicalActivityMinutesPerDay: null,
      vegetablesFruitDaily: null,
      dietHabits: ['high_salt', 'vegetarian'],
      sleep: { hoursPerNight: 7, quality: null },
    });
  });

  it('keeps false flags, which are information', () => {
    expect(canonicalProfile({ residence: { northChina: false } }).residence).toEqual({ northChina: false, urban: null });
  });
});

describe('changedPaths', () => {
  const base = (): ArchiveProfile =>
    canonicalProfile({
      bloodType: { abo: 'A', rh: 'positive' },
      allergies: [{ substance: '青霉素', severity: 'mild' }, { substance: '花粉' }],
      lifestyle: { smoking: { status: 'current', cigarettesPerDay: 10 } },
    });

  it('is empty for equal profiles', () => {
    expect(changedPaths(base(), base())).toEqual([]);
    expect(changedPaths(emptyProfile(), canonicalProfile({}))).toEqual([]);
  });

  it('names changed leaves, added objects and list entries', () => {
    const after = base();
    after.bloodType!.rh = 'negative';
    after.allergies[1].severity = 'severe';
    after.allergies.push({ substance: '海鲜', reaction: null, severity: 'unknown' });
    after.lifestyle!.smoking!.cigarettesPerDay = 20;
    after.residence = { northChina: true, urban: true };
    expect(changedPaths(base(), after)).toEqual([
      'bloodType.rh',
      'allergies[1].severity',
      'allergies[2]',
      'lifestyle.smoking.cigarettesPerDay',
      'residence',
    ]);
  });

  it('names removed entries and objects', () => {
    const after = base();
    after.allergies.pop();
    after.lifestyle = null;
    expect(changedPaths(base(), after)).toEqual(['allergies[1]', 'lifestyle']);
  });
});

describe('inconsistencies', () => {
  const today = new Date('2026-06-15T00:00:00Z');

  it('accepts a coherent profile', () => {
    const profile = canonicalProfile({
      lifestyle: { smoking: { status: 'former', years: 10 }, alcohol: { status: 'none' } },
      womensHistory: { menarcheAge: 13, menopause: true, menopauseAge: 50, pregnancies: 2, births: 2 },
      medications: [{ name: 'x', since: '2026-06' }],
    });
    expect(inconsistencies(profile, today)).toEqual([]);
  });

  it('names each contradiction by its path', () => {
    const profile = canonicalProfile({
      lifestyle: { smoking: { status: 'never', cigarettesPerDay: 5, years: 2 }, alcohol: { status: 'none', gramsPerWeek: 50 } },
      womensHistory: { menopause: false, menopauseAge: 50, pregnancies: 1, births: 2 },
      medications: [
        { name: 'x', since: '2026-07' },
        { name: 'y', since: '2027' },
        { name: 'z', since: '2026-06-15' },
      ],
    });
    expect(inconsistencies(profile, today).map((p) => p.field)).toEqual([
      'lifestyle.smoking.cigarettesPerDay',
      'lifestyle.smoking.years',
      'lifestyle.alcohol.gramsPerWeek',
      'womensHistory.menopauseAge',
      'womensHistory.births',
      'medications.0.since',
      'medications.1.since',
    ]);
  });
});

describe('isValidPartialDate', () => {
  it.each(['2019', '2019-03', '2020-02-29', '1900-01-01'])('accepts %s', (value) => expect(isValidPartialDate(value)).toBe(true));
  it.each(['1899', '2019-13', '2019-02-29', '2019-3', '19', '2019-03-15T00:00'])('refuses %s', (value) =>
    expect(isValidPartialDate(value)).toBe(false),
  );
});

describe('latestToday', () => {
  it('is the date in the time zone furthest ahead', () => {
    expect(latestToday(new Date('2026-12-31T09:59:00Z'))).toBe('2026-12-31');
    expect(latestToday(new Date('2026-12-31T10:00:00Z'))).toBe('2027-01-01');
  });
});
