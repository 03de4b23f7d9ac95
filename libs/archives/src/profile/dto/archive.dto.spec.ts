import { createValidationPipe, DomainError, ErrorDetail } from '@health/core';
import { latestToday } from '../archive-profile';
import { UpdateArchiveDto } from './archive.dto';

const pipe = createValidationPipe();

async function fieldsRefused(body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: UpdateArchiveDto });
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return [...new Set(((err as DomainError).details ?? []).map((d: ErrorDetail) => d.field!))];
  }
  return [];
}

describe('UpdateArchiveDto validation', () => {
  it('accepts a full profile', async () => {
    const body = {
      expectedVersion: 0,
      profile: {
        bloodType: { abo: 'O', rh: 'negative' },
        allergies: [{ substance: '青霉素', reaction: '皮疹', severity: 'severe' }],
        pastHistory: [{ condition: '2型糖尿病', icd10: 'E11.9', yearDiagnosed: 2015, underTreatment: true }],
        familyHistory: [{ relation: 'mother', condition: '糖尿病', diabetes: true, prematureAscvd: false }],
        surgeries: [{ name: '阑尾切除术', year: 2001 }],
        medications: [{ name: '二甲双胍', dose: '0.5 g', frequency: 'bid', since: '2015-03-01', glucoseLowering: true }],
        lifestyle: {
          smoking: { status: 'former', cigarettesPerDay: 10, years: 20 },
          alcohol: { status: 'regular', gramsPerWeek: 140 },
          physicalActivityMinutesPerDay: 30,
          vegetablesFruitDaily: true,
          dietHabits: ['high_salt', 'irregular_meals'],
          sleep: { hoursPerNight: 6.5, quality: 'fair' },
        },
        womensHistory: { menarcheAge: 13, menopause: false, pregnancies: 1, births: 1 },
        residence: { northChina: true, urban: false },
      },
    };
    expect(await fieldsRefused(body)).toEqual([]);
  });

  it('names the path of each bad field', async () => {
    const fields = await fieldsRefused({
      expectedVersion: -1,
      profile: {
        bloodType: { abo: 'C' },
        allergies: [{ substance: ' ', severity: 'deadly' }],
        pastHistory: [{ condition: '高血压', icd10: 'i10', yearDiagnosed: Number(latestToday().slice(0, 4)) + 1 }],
        familyHistory: [{ relation: 'cousin', condition: 'x' }],
        surgeries: [{ name: 'x', year: 1899 }],
        medications: [{ name: 'x', since: '2019-13' }],
        lifestyle: { smoking: { status: 'sometimes' }, dietHabits: ['junk_food'], physicalActivityMinutesPerDay: 2000 },
        residence: { northChina: 'yes' },
      },
    });
    expect(fields).toEqual(
      expect.arrayContaining([
        'expectedVersion',
        'profile.bloodType.abo',
        'profile.allergies.0.substance',
        'profile.allergies.0.severity',
        'profile.pastHistory.0.icd10',
        'profile.pastHistory.0.yearDiagnosed',
        'profile.familyHistory.0.relation',
        'profile.surgeries.0.year',
        'profile.medications.0.since',
        'profile.lifestyle.smoking.status',
        'profile.lifestyle.dietHabits',
        'profile.lifestyle.physicalActivityMinutesPerDay',
        'profile.residence.northChina',
      ]),
    );
  });

  it('refuses unknown fields, long strings and long lists', async () => {
    const fields = await fieldsRefused({
      profile: {
        shoeSize: 42,
        allergies: [{ substance: 'x'.repeat(101), colour: 'red' }],
        surgeries: Array.from({ length: 51 }, () => ({ name: 'x' })),
      },
    });
    expect(fields).toEqual(
      expect.arrayContaining([
        'profile.shoeSize',
        'profile.allergies.0.substance',
        'profile.allergies.0.colour',
        'profile.surgeries',
      ]),
    );
  });

  it('needs a profile', async () => {
    expect(await fieldsRefused({})).toEqual(['profile']);
  });
});
