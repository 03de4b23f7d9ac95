import type { FormItemRule } from 'element-plus';
import type { Client, ClientCreate, QueryOf } from '@/api/types';
import type { FieldOption, FormField, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import { isMobilePhone, normaliseIdNumber, parseResidentId, residentIdMismatches, type Gender } from '@/utils/id-number';
import { maxLength, required } from '@/utils/rules';

export type IdType = NonNullable<ClientCreate['idType']>;
export type ClientSort = NonNullable<QueryOf<'/api/v1/clients', 'get'>['sort']>;
const CLIENT_SORTS: readonly string[] = ['name', 'birthDate', 'createdAt'];

/** The table's sort, if the API can sort by it (age sorts by birth date, reversed). */
export function toClientSort(sort: string | undefined): ClientSort | undefined {
  if (!sort) return undefined;
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  if (key === 'age') return (descending ? 'birthDate' : '-birthDate') as ClientSort;
  return CLIENT_SORTS.includes(key) ? (sort as ClientSort) : undefined;
}

export const genderOptions = (): FieldOption[] => [
  { value: 'male', label: t('clients.genders.male') },
  { value: 'female', label: t('clients.genders.female') },
];

export const ID_TYPES: readonly IdType[] = [
  'resident_id',
  'passport',
  'hk_macao_resident_permit',
  'taiwan_resident_permit',
  'foreign_permanent_resident',
];

export const idTypeOptions = (): FieldOption[] => ID_TYPES.map((value) => ({ value, label: t(`clients.idTypes.${value}`) }));

export const clientColumns: TableColumn<Client>[] = [
  { key: 'name', labelKey: 'clients.name', minWidth: 120, slot: true, sortable: true },
  { key: 'gender', labelKey: 'clients.gender', width: 80, text: (row) => t(`clients.genders.${row.gender}`) },
  { key: 'age', labelKey: 'clients.age', width: 80, sortable: true, text: (row) => String(row.age) },
  { key: 'phoneMasked', labelKey: 'clients.phone', width: 140, slot: true },
  { key: 'idNumberMasked', labelKey: 'clients.idNumber', minWidth: 190, slot: true },
  { key: 'manager', labelKey: 'clients.manager', minWidth: 110, text: (row) => row.manager?.displayName ?? '—' },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 150, sortable: true, text: (row) => formatDateTime(row.createdAt) },
  { key: 'actions', labelKey: 'common.actions', width: 90, fixed: 'right', slot: true },
];

export interface ClientFilters {
  search: string;
  gender: Gender | '';
  ageMin: number | undefined;
  ageMax: number | undefined;
  managerId: string;
}

export const emptyClientFilters = (): ClientFilters => ({
  search: '',
  gender: '',
  ageMin: undefined,
  ageMax: undefined,
  managerId: '',
});

export interface ClientFormModel extends Record<string, unknown> {
  name: string;
  gender: Gender | '';
  birthDate: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  address: string;
  emergencyName: string;
  emergencyRelation: string;
  emergencyPhone: string;
  sourceChannel: string;
  managerId: string;
  notes: string;
}

export function clientFormModel(client?: Client | null): ClientFormModel {
  return {
    name: client?.name ?? '',
    gender: client?.gender ?? '',
    birthDate: client?.birthDate ?? '',
    idType: client?.idType ?? 'resident_id',
    // Identity and phone are only shown masked; leaving them empty when editing keeps them.
    idNumber: '',
    phone: '',
    address: client?.address ?? '',
    emergencyName: client?.emergencyContact?.name ?? '',
    emergencyRelation: client?.emergencyContact?.relation ?? '',
    emergencyPhone: '',
    sourceChannel: client?.sourceChannel ?? '',
    managerId: client?.manager?.id ?? '',
    notes: client?.notes ?? '',
  };
}

type Validator = NonNullable<FormItemRule['validator']>;

/** Resident ID numbers: checksum, and agreement with the birth date and sex entered beside them. */
export function idNumberRule(model: ClientFormModel): FormItemRule {
  const validator: Validator = (_rule, value: string, callback) => {
    const id = normaliseIdNumber(value ?? '');
    if (!id) return callback();
    if (model.idType !== 'resident_id') {
      return /^[A-Z0-9-]{5,30}$/.test(id) ? callback() : callback(new Error(t('validation.idNumber.format')));
    }
    const parsed = parseResidentId(id);
    if (!parsed.valid) return callback(new Error(t(`validation.idNumber.${parsed.problem}`)));
    const mismatches = residentIdMismatches(parsed, { birthDate: model.birthDate, gender: model.gender });
    if (mismatches.length > 0) {
      return callback(
        new Error(
          t('validation.idNumber.mismatch', {
            fields: mismatches.map((field) => t(`clients.${field}`)).join(t('common.listSeparator')),
          }),
        ),
      );
    }
    callback();
  };
  return { trigger: 'blur', validator };
}

export function phoneRule(): FormItemRule {
  const validator: Validator = (_rule, value: string, callback) =>
    !value?.trim() || isMobilePhone(value) ? callback() : callback(new Error(t('validation.phone')));
  return { trigger: 'blur', validator };
}

/** Whether the emergency contact's name or relation differ from what the client has. */
export function emergencyContactChanged(model: ClientFormModel, client: Client | null | undefined): boolean {
  return (
    model.emergencyName.trim() !== (client?.emergencyContact?.name ?? '') ||
    model.emergencyRelation.trim() !== (client?.emergencyContact?.relation ?? '')
  );
}

/**
 * An emergency contact has a name, a relation and a phone, or nothing at all. When editing, the
 * masked phone is kept unless the name or relation change, which needs the phone typed again.
 */
export function emergencyContactRule(
  model: ClientFormModel,
  client: Client | null | undefined,
  part: 'emergencyName' | 'emergencyRelation' | 'emergencyPhone',
): FormItemRule {
  const validator: Validator = (_rule, value: string, callback) => {
    const name = model.emergencyName.trim();
    const relation = model.emergencyRelation.trim();
    const phone = model.emergencyPhone.trim();
    if (!name && !relation && !phone) return callback();
    if (value?.trim()) return callback();
    if (part !== 'emergencyPhone') return callback(new Error(t('validation.required', { field: t(`clients.${part}`) })));
    if (!client?.emergencyContact || emergencyContactChanged(model, client)) {
      return callback(new Error(t('validation.required', { field: t('clients.emergencyPhone') })));
    }
    callback();
  };
  return { trigger: 'blur', validator };
}

/**
 * When editing, identity and phone fields start empty (the client only has masked values) and
 * are sent only when typed again.
 */
export function clientFormFields(
  client: Client | null,
  model: ClientFormModel,
  managerOptions: () => FieldOption[],
): FormField<ClientFormModel>[] {
  const keepHint = client ? 'clients.keepWhenEmpty' : undefined;
  return [
    {
      key: 'name',
      labelKey: 'clients.name',
      component: 'input',
      maxlength: 50,
      rules: () => [required('clients.name'), maxLength('clients.name', 50)],
    },
    { key: 'idType', labelKey: 'clients.idType', component: 'select', options: idTypeOptions, props: { clearable: false } },
    {
      key: 'idNumber',
      labelKey: 'clients.idNumber',
      component: 'input',
      maxlength: 30,
      hintKey: keepHint ?? 'clients.idNumberHint',
      rules: () => [idNumberRule(model)],
    },
    {
      key: 'gender',
      labelKey: 'clients.gender',
      component: 'radio',
      options: genderOptions,
      rules: () => [required('clients.gender', 'select')],
    },
    {
      key: 'birthDate',
      labelKey: 'clients.birthDate',
      component: 'slot',
      rules: () => [required('clients.birthDate', 'select')],
    },
    {
      key: 'phone',
      labelKey: 'clients.phone',
      component: 'input',
      maxlength: 11,
      hintKey: keepHint,
      rules: () => [phoneRule()],
    },
    {
      key: 'address',
      labelKey: 'clients.address',
      component: 'input',
      maxlength: 200,
      rules: () => [maxLength('clients.address', 200)],
    },
    {
      key: 'emergencyName',
      labelKey: 'clients.emergencyName',
      component: 'input',
      maxlength: 50,
      rules: () => [emergencyContactRule(model, client, 'emergencyName')],
    },
    {
      key: 'emergencyRelation',
      labelKey: 'clients.emergencyRelation',
      component: 'input',
      maxlength: 20,
      placeholderKey: 'clients.emergencyRelationPlaceholder',
      rules: () => [emergencyContactRule(model, client, 'emergencyRelation')],
    },
    {
      key: 'emergencyPhone',
      labelKey: 'clients.emergencyPhone',
      component: 'input',
      maxlength: 11,
      hintKey: keepHint,
      rules: () => [phoneRule(), emergencyContactRule(model, client, 'emergencyPhone')],
    },
    { key: 'sourceChannel', labelKey: 'clients.sourceChannel', component: 'input', maxlength: 50 },
    { key: 'managerId', labelKey: 'clients.manager', component: 'select', options: managerOptions },
    {
      key: 'notes',
      labelKey: 'clients.notes',
      component: 'input',
      maxlength: 2000,
      props: { type: 'textarea', rows: 3 },
    },
  ];
}
