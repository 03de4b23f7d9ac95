import { Injectable } from '@nestjs/common';
import { seededRandom } from '@health/cards';
import { Actor } from '@health/core';
import { ArchiveProfileInput } from '../profile/archive-profile';
import { ArchiveProfileService } from '../profile/archive-profile.service';
import { UpdateArchiveDto } from '../profile/dto/archive.dto';

const CONDITIONS = [
  { condition: '高血压', icd10: 'I10', antihypertensive: true, drug: '氨氯地平片', dose: '5 mg' },
  { condition: '2型糖尿病', icd10: 'E11.9', glucoseLowering: true, drug: '二甲双胍缓释片', dose: '0.5 g' },
  { condition: '高脂血症', icd10: 'E78.5', lipidLowering: true, drug: '阿托伐他汀钙片', dose: '20 mg' },
  { condition: '慢性胃炎', icd10: 'K29.5' },
  { condition: '脂肪肝', icd10: 'K76.0' },
] as const;
const ALLERGENS = ['青霉素', '头孢类', '磺胺类', '海鲜', '花粉'];
const SURGERIES = ['阑尾切除术', '胆囊切除术', '剖宫产术', '白内障手术'];

/**
 * Health archives for most demo clients: blood type, histories, medicines matching the conditions,
 * lifestyle and residence, saved through the archive service (versioned, emits archive.updated).
 * Must run inside a RequestContext whose actor is a staff user of the demo organisation.
 */
@Injectable()
export class ArchivesDemoSeeder {
  constructor(private readonly archives: ArchiveProfileService) {}

  async seed(actor: Actor, clients: { id: string; gender: 'male' | 'female' }[]): Promise<number> {
    const random = seededRandom(11);
    let filled = 0;
    for (const client of clients) {
      if (random() < 0.15) continue; // not every client has filled in the intake form yet
      await this.archives.update(
        actor,
        client.id,
        Object.assign(new UpdateArchiveDto(), { expectedVersion: 0, profile: profileFor(random, client.gender) }),
      );
      filled += 1;
    }
    return filled;
  }
}

function profileFor(random: () => number, gender: 'male' | 'female'): ArchiveProfileInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const conditions = CONDITIONS.filter(() => random() < 0.25);
  const smoker = gender === 'male' ? random() < 0.4 : random() < 0.05;
  return {
    bloodType: { abo: pick(['A', 'B', 'AB', 'O'] as const), rh: random() < 0.99 ? 'positive' : 'negative' },
    allergies:
      random() < 0.2 ? [{ substance: pick(ALLERGENS), reaction: '皮疹', severity: pick(['mild', 'moderate'] as const) }] : [],
    pastHistory: conditions.map((c) => ({
      condition: c.condition,
      icd10: c.icd10,
      yearDiagnosed: 2010 + Math.floor(random() * 15),
      underTreatment: 'drug' in c,
    })),
    familyHistory: [
      ...(random() < 0.3
        ? [{ relation: 'father' as const, condition: '冠心病', prematureAscvd: random() < 0.3, diabetes: false }]
        : []),
      ...(random() < 0.25
        ? [{ relation: 'mother' as const, condition: '2型糖尿病', prematureAscvd: false, diabetes: true }]
        : []),
    ],
    surgeries: random() < 0.15 ? [{ name: pick(SURGERIES), year: 1995 + Math.floor(random() * 28) }] : [],
    medications: conditions
      .filter((c) => 'drug' in c)
      .map((c) => ({
        name: 'drug' in c ? c.drug : '',
        dose: 'dose' in c ? c.dose : null,
        frequency: '每日一次',
        since: String(2015 + Math.floor(random() * 10)),
        antihypertensive: 'antihypertensive' in c,
        glucoseLowering: 'glucoseLowering' in c,
        lipidLowering: 'lipidLowering' in c,
      })),
    lifestyle: {
      smoking: smoker
        ? { status: 'current', cigarettesPerDay: 5 + Math.floor(random() * 20), years: 5 + Math.floor(random() * 30) }
        : { status: random() < 0.1 ? 'former' : 'never' },
      alcohol: random() < 0.3 ? { status: 'occasional', gramsPerWeek: 50 + Math.floor(random() * 150) } : { status: 'none' },
      physicalActivityMinutesPerDay: Math.floor(random() * 7) * 10,
      vegetablesFruitDaily: random() < 0.6,
      dietHabits: (['high_salt', 'high_fat', 'high_sugar', 'irregular_meals'] as const).filter(() => random() < 0.25),
      sleep: { hoursPerNight: 5 + Math.floor(random() * 4), quality: pick(['good', 'fair', 'poor'] as const) },
    },
    womensHistory:
      gender === 'female'
        ? {
            menarcheAge: 12 + Math.floor(random() * 4),
            menopause: null,
            menopauseAge: null,
            pregnancies: Math.floor(random() * 3),
            births: null,
          }
        : null,
    residence: { northChina: random() < 0.5, urban: random() < 0.8 },
  };
}
