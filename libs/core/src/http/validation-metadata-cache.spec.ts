import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsOptional, IsString, validate, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Contact {
  @IsString()
  name!: string;
}

class Person {
  @IsString()
  name!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Contact)
  contact?: Contact;
}

class Patient extends Person {
  @IsInt()
  age!: number;
}

class Visit {
  @IsString()
  reason!: string;
}

const options = { whitelist: true, forbidNonWhitelisted: true };
const failures = async (object: object) =>
  (await validate(object, options)).flatMap((error) => [
    ...Object.keys(error.constraints ?? {}).map((code) => `${error.property}:${code}`),
    ...(error.children ?? []).flatMap((child) =>
      Object.keys(child.constraints ?? {}).map((code) => `${error.property}.${child.property}:${code}`),
    ),
  ]);
const patient = (fields: object) => Object.assign(new Patient(), fields);

describe('cacheValidationMetadata', () => {
  const storage = getMetadataStorage();
  const uncached = {
    patient: patient({ name: 1, age: 'x', contact: Object.assign(new Contact(), { name: 2 }), extra: true }),
  };
  let before: string[];

  beforeAll(async () => {
    before = await failures(uncached.patient);
    cacheValidationMetadata();
  });

  it('gives the same answers as class-validator alone, inherited and nested rules included', async () => {
    expect(before.sort()).toEqual(['age:isInt', 'contact.name:isString', 'extra:whitelistValidation', 'name:isString']);
    expect((await failures(uncached.patient)).sort()).toEqual(before);
    expect(await failures(patient({ name: 'Li', age: 40 }))).toEqual([]);
  });

  it('looks a class up once', () => {
    const first = storage.getTargetValidationMetadatas(Patient, '', false, false);
    expect(storage.getTargetValidationMetadatas(Patient, '', false, false)).toBe(first);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(['age', 'contact', 'contact', 'name']);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
  });

  it('keeps groups apart', () => {
    const all = storage.getTargetValidationMetadatas(Patient, '', false, false);
    expect(storage.getTargetValidationMetadatas(Patient, '', false, false, ['admin'])).not.toBe(all);
  });

  it('sees a rule added after the first look-up', async () => {
    expect(await failures(Object.assign(new Visit(), { reason: 'check-up', room: 'x' }))).toEqual(['room:whitelistValidation']);
    IsString()(Visit.prototype, 'room');
    expect(await failures(Object.assign(new Visit(), { reason: 'check-up', room: 'x' }))).toEqual([]);
    expect(await failures(Object.assign(new Visit(), { reason: 'check-up', room: 3 }))).toEqual(['room:isString']);
  });

  it('patches the storage once', () => {
    const lookUp = storage.getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(lookUp);
  });
});
