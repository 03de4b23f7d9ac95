import { checkIdNumber, checkMobile } from '../clients/client-identity';
import type { CreateClientDto } from '../clients/dto/client.dto';
import type { Gender, IdType } from '../clients/entities/client.entity';
import type { ClientImportRowError } from './client-import.entity';
import { CHINESE_HEADERS, ImportCell, ImportColumn, importDate, ImportSheetRow } from './client-import-sheet';

const GENDER_BY_TEXT = new Map<string, Gender>([
  ['男', 'male'],
  ['male', 'male'],
  ['m', 'male'],
  ['女', 'female'],
  ['female', 'female'],
  ['f', 'female'],
]);

const ID_TYPE_BY_TEXT = new Map<string, IdType>([
  ['身份证', 'resident_id'],
  ['居民身份证', 'resident_id'],
  ['resident_id', 'resident_id'],
  ['护照', 'passport'],
  ['passport', 'passport'],
  ['港澳居民居住证', 'hk_macao_resident_permit'],
  ['港澳居民来往内地通行证', 'hk_macao_resident_permit'],
  ['港澳通行证', 'hk_macao_resident_permit'],
  ['回乡证', 'hk_macao_resident_permit'],
  ['hk_macao_resident_permit', 'hk_macao_resident_permit'],
  ['台湾居民居住证', 'taiwan_resident_permit'],
  ['台湾居民来往大陆通行证', 'taiwan_resident_permit'],
  ['台胞证', 'taiwan_resident_permit'],
  ['taiwan_resident_permit', 'taiwan_resident_permit'],
  ['外国人永久居留身份证', 'foreign_permanent_resident'],
  ['外国人永久居留证', 'foreign_permanent_resident'],
  ['foreign_permanent_resident', 'foreign_permanent_resident'],
]);

/** Longest text each free-text column takes, as `CreateClientDto` allows. */
const MAX_LENGTH: Partial<Record<ImportColumn, number>> = {
  name: 50,
  idNumber: 40,
  phone: 20,
  address: 200,
  sourceChannel: 50,
  notes: 2000,
};

export type ParsedImportRow =
  | {
      ok: true;
      client: CreateClientDto;
      /** Same key, same person: two rows sharing one are duplicates within the file. */
      duplicateKey: string;
    }
  | { ok: false; errors: ClientImportRowError[] };

const text = (cell: ImportCell | undefined): string | undefined =>
  cell === undefined ? undefined : cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;

/**
 * Checks one row as far as it can without the database and turns it into the request
 * `ClientsService.create` takes. Problems name the column and a code, never the value.
 */
export function parseImportRow(row: ImportSheetRow, today: string): ParsedImportRow {
  const errors: ClientImportRowError[] = [];
  const problem = (column: ImportColumn, code: string, message: string) =>
    errors.push({ column, code, message: `${CHINESE_HEADERS[column]}/${column}: ${message}` });

  for (const [column, max] of Object.entries(MAX_LENGTH) as [ImportColumn, number][]) {
    const value = text(row.cells[column]);
    if (value !== undefined && value.length > max) problem(column, 'TOO_LONG', `at most ${max} characters`);
  }

  const name = text(row.cells.name);
  if (!name) problem('name', 'REQUIRED', 'is required');

  const genderText = text(row.cells.gender);
  const gender = genderText === undefined ? undefined : GENDER_BY_TEXT.get(genderText.toLowerCase());
  if (genderText === undefined) problem('gender', 'REQUIRED', 'is required');
  else if (!gender) problem('gender', 'GENDER_INVALID', 'must be 男/女 or male/female');

  const birthCell = row.cells.birthDate;
  const birthDate = birthCell === undefined ? null : importDate(birthCell);
  if (birthCell === undefined) problem('birthDate', 'REQUIRED', 'is required');
  else if (!birthDate) problem('birthDate', 'BIRTH_DATE_INVALID', 'must be a date such as 1978-04-02 or 1978/4/2');
  else if (birthDate < '1900-01-01' || birthDate > today)
    problem('birthDate', 'BIRTH_DATE_INVALID', 'must be between 1900-01-01 and today');

  const idTypeText = text(row.cells.idType);
  const idType = idTypeText === undefined ? undefined : ID_TYPE_BY_TEXT.get(idTypeText.toLowerCase());
  if (idTypeText !== undefined && !idType)
    problem('idType', 'ID_TYPE_INVALID', 'is not a known document type (e.g. 身份证, 护照)');

  const idNumber = text(row.cells.idNumber);
  if (idTypeText !== undefined && idNumber === undefined)
    problem('idNumber', 'REQUIRED', 'is required when a document type is given');
  let normalisedIdNumber: string | undefined;
  if (idNumber !== undefined && gender && birthDate && (idType || idTypeText === undefined)) {
    const checked = checkIdNumber(idType ?? 'resident_id', idNumber, { birthDate, gender }, today);
    if (checked.ok) normalisedIdNumber = checked.value;
    else problem('idNumber', checked.problem, checked.reason);
  }

  const phone = text(row.cells.phone);
  let normalisedPhone: string | undefined;
  if (phone !== undefined) {
    const checked = checkMobile(phone);
    if (checked.ok) normalisedPhone = checked.value;
    else problem('phone', checked.problem, checked.reason);
  }

  if (errors.length > 0 || !name || !gender || !birthDate) return { ok: false, errors };
  const client: CreateClientDto = { name, gender, birthDate };
  if (idNumber !== undefined) Object.assign(client, { idType: idType ?? 'resident_id', idNumber: normalisedIdNumber });
  if (normalisedPhone !== undefined) client.phone = normalisedPhone;
  for (const column of ['address', 'sourceChannel', 'notes'] as const) {
    const value = text(row.cells[column]);
    if (value !== undefined) client[column] = value;
  }
  const duplicateKey = normalisedIdNumber
    ? `id:${client.idType}:${normalisedIdNumber}`
    : `person:${name}|${birthDate}|${gender}|${normalisedPhone ?? ''}`;
  return { ok: true, client, duplicateKey };
}
