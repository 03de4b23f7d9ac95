import { describe, expect, it } from 'vitest';
import type { Client } from '@/api/types';
import { archiveFormModel, archiveProfileBody, changedSections } from './archive/archive.schema';
import { canConsume, cardActions, historyTextKey, remainingPercent } from './cards/cards.schema';
import { clientFormModel, emergencyContactChanged, emergencyContactRule, idNumberRule, toClientSort } from './clients.schema';

function validate(rule: ReturnType<typeof idNumberRule>, value: string): string | undefined {
  let message: string | undefined;
  rule.validator!(rule, value, (error?: string | Error) => (message = error instanceof Error ? error.message : error), {}, {});
  return message;
}

const client = {
  id: 'c1',
  name: '张三',
  gender: 'male',
  birthDate: '1990-03-07',
  age: 36,
  emergencyContact: { name: '李四', relation: '配偶', phoneMasked: '139****9000' },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
} as Client;

describe('client list and form', () => {
  it('sorts by what the API allows; age is birth date reversed', () => {
    expect(toClientSort('name')).toBe('name');
    expect(toClientSort('-createdAt')).toBe('-createdAt');
    expect(toClientSort('age')).toBe('-birthDate');
    expect(toClientSort('-age')).toBe('birthDate');
    expect(toClientSort('phoneMasked')).toBeUndefined();
    expect(toClientSort(undefined)).toBeUndefined();
  });

  it('checks resident ID numbers against the birth date and sex entered', () => {
    const model = clientFormModel();
    expect(validate(idNumberRule(model), '')).toBeUndefined();
    expect(validate(idNumberRule(model), '110101199003071233')).toBeUndefined();
    expect(validate(idNumberRule(model), '110101199003071234')).toBe('身份证号码校验位不正确，请核对');
    Object.assign(model, { gender: 'female', birthDate: '1990-03-08' });
    expect(validate(idNumberRule(model), '110101199003071233')).toBe('身份证号码与填写的出生日期、性别不一致');
    // Other ID types only get a basic shape check.
    Object.assign(model, { idType: 'passport' });
    expect(validate(idNumberRule(model), 'E12345678')).toBeUndefined();
    expect(validate(idNumberRule(model), '护照')).toBe('证件号码格式不正确');
  });

  it('keeps the masked emergency phone unless the contact changes', () => {
    const model = clientFormModel(client);
    const phoneRule = emergencyContactRule(model, client, 'emergencyPhone');
    expect(emergencyContactChanged(model, client)).toBe(false);
    expect(validate(phoneRule, '')).toBeUndefined();
    model.emergencyName = '王五';
    expect(emergencyContactChanged(model, client)).toBe(true);
    expect(validate(phoneRule, '')).toBe('请输入联系人电话');
    expect(validate(phoneRule, '13900139000')).toBeUndefined();
  });
});

describe('cards', () => {
  it('offers the transitions the API allows from each status', () => {
    expect(cardActions('issued')).toEqual(['cancel']);
    expect(cardActions('active')).toEqual(['freeze', 'renew', 'cancel']);
    expect(cardActions('frozen')).toEqual(['unfreeze', 'renew', 'cancel']);
    expect(cardActions('expired')).toEqual(['renew']);
    expect(cardActions('cancelled')).toEqual([]);
  });

  it('lets active cards with something left use services', () => {
    const services = [{ code: 'follow-up', name: '随访', total: 12, remaining: 3 }];
    expect(canConsume({ status: 'active', services })).toBe(true);
    expect(canConsume({ status: 'frozen', services })).toBe(false);
    expect(canConsume({ status: 'active', services: [{ ...services[0]!, remaining: 0 }] })).toBe(false);
    expect(remainingPercent(3, 12)).toBe(25);
    expect(remainingPercent(0, 0)).toBe(0);
  });

  it('labels the text of a service use as its note and of a status change as its reason', () => {
    expect(historyTextKey({ action: 'consumed' })).toBe('cards.note');
    expect(historyTextKey({ action: 'cancelled' })).toBe('common.reason');
    expect(historyTextKey({ action: 'renewed' })).toBe('common.reason');
  });
});

describe('archive form', () => {
  it('round-trips a profile and drops empty rows and ruled-out amounts', () => {
    const model = archiveFormModel({
      bloodType: { abo: 'A', rh: 'positive' },
      allergies: [{ substance: '青霉素', reaction: '皮疹', severity: 'severe' }],
      lifestyle: { smoking: { status: 'current', cigarettesPerDay: 10, years: 5 }, dietHabits: ['high_salt'] },
    });
    expect(model).toMatchObject({ abo: 'A', rh: 'positive', smokingStatus: 'current', cigarettesPerDay: 10 });
    model.allergies.push({ substance: '  ', reaction: '', severity: 'unknown' });
    model.smokingStatus = 'never';
    model.menarcheAge = 13;
    const body = archiveProfileBody(model, false);
    expect(body.allergies).toEqual([{ substance: '青霉素', reaction: '皮疹', severity: 'severe' }]);
    expect(body.lifestyle?.smoking).toEqual({ status: 'never', cigarettesPerDay: null, years: null });
    expect(body.lifestyle?.dietHabits).toEqual(['high_salt']);
    expect(body.womensHistory).toBeNull();
    expect(archiveProfileBody(model, true).womensHistory).toMatchObject({ menarcheAge: 13, menopause: null });
  });

  it('names the sections a version changed', () => {
    expect(changedSections(['bloodType', 'lifestyle.smoking.years', 'lifestyle.sleep', 'allergies[1]'])).toEqual([
      '血型',
      '生活方式',
      '过敏史',
    ]);
  });
});
