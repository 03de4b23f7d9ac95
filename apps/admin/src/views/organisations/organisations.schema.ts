import type { Organisation } from '@/api/types';
import type { FieldOption, FormField, TableColumn } from '@/components/schema';
import { formatDateTime } from '@/utils/format';
import { maxLength, ORGANISATION_CODE_PATTERN, passwordRules, pattern, required, USERNAME_PATTERN } from '@/utils/rules';

export const organisationColumns: TableColumn<Organisation>[] = [
  { key: 'name', labelKey: 'organisations.name', minWidth: 180, slot: true },
  { key: 'code', labelKey: 'organisations.code', minWidth: 120, slot: true },
  { key: 'timezone', labelKey: 'organisations.timezone', width: 150 },
  { key: 'status', labelKey: 'common.status', width: 90, slot: true },
  { key: 'userCount', labelKey: 'organisations.userCount', width: 90, align: 'center', text: (row) => String(row.userCount) },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 160, text: (row) => formatDateTime(row.createdAt) },
  { key: 'actions', labelKey: 'common.actions', width: 140, fixed: 'right', slot: true },
];

/** Zones clinics in the region use; the API accepts any IANA zone. */
const TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Urumqi',
  'Asia/Singapore',
  'Asia/Tokyo',
  'UTC',
];
export const timezoneOptions = (): FieldOption[] => TIMEZONES.map((zone) => ({ value: zone, label: zone }));

export interface OrganisationFormModel extends Record<string, unknown> {
  name: string;
  code: string;
  timezone: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
}

export function organisationFormModel(organisation?: Organisation | null): OrganisationFormModel {
  return {
    name: organisation?.name ?? '',
    code: organisation?.code ?? '',
    timezone: organisation?.timezone ?? 'Asia/Shanghai',
    adminUsername: '',
    adminDisplayName: '',
    adminPassword: '',
  };
}

/** Creating also creates the organisation's first administrator; editing changes the name only. */
export function organisationFormFields(mode: 'create' | 'edit'): FormField<OrganisationFormModel>[] {
  const fields: FormField<OrganisationFormModel>[] = [
    {
      key: 'name',
      labelKey: 'organisations.name',
      component: 'input',
      maxlength: 100,
      rules: () => [required('organisations.name'), maxLength('organisations.name', 100)],
    },
    {
      key: 'code',
      labelKey: 'organisations.code',
      component: 'input',
      maxlength: 32,
      disabled: mode === 'edit',
      rules: () =>
        mode === 'create'
          ? [required('organisations.code'), pattern(ORGANISATION_CODE_PATTERN, 'validation.organisationCode')]
          : [],
    },
    {
      key: 'timezone',
      labelKey: 'organisations.timezone',
      component: 'select',
      options: timezoneOptions,
      disabled: mode === 'edit',
      props: { allowCreate: true },
    },
  ];
  if (mode === 'edit') return fields;
  return [
    ...fields,
    {
      key: 'adminUsername',
      labelKey: 'organisations.adminUsername',
      component: 'input',
      maxlength: 64,
      hintKey: 'organisations.adminHint',
      rules: () => [required('organisations.adminUsername'), pattern(USERNAME_PATTERN, 'validation.username')],
    },
    {
      key: 'adminDisplayName',
      labelKey: 'organisations.adminDisplayName',
      component: 'input',
      maxlength: 100,
      rules: () => [required('organisations.adminDisplayName'), maxLength('organisations.adminDisplayName', 100)],
    },
    {
      key: 'adminPassword',
      labelKey: 'organisations.adminPassword',
      component: 'slot',
      rules: () => passwordRules('organisations.adminPassword'),
    },
  ];
}
