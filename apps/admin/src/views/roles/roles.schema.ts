import type { FormItemRule } from 'element-plus';
import type { Role } from '@/api/types';
import type { FormField, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { maxLength, pattern, required, ROLE_CODE_PATTERN } from '@/utils/rules';

export const roleColumns: TableColumn<Role>[] = [
  { key: 'name', labelKey: 'roles.name', minWidth: 140, slot: true },
  { key: 'nameEn', labelKey: 'roles.nameEn', minWidth: 160 },
  { key: 'code', labelKey: 'roles.code', minWidth: 130, slot: true },
  {
    key: 'permissions',
    labelKey: 'roles.permissions',
    width: 110,
    align: 'center',
    text: (row) => t('roles.permissionCount', { count: row.permissions.length }),
  },
  { key: 'userCount', labelKey: 'roles.userCount', width: 100, align: 'center' },
  { key: 'actions', labelKey: 'common.actions', width: 150, fixed: 'right', slot: true },
];

export interface RoleFormModel extends Record<string, unknown> {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

export function roleFormModel(role?: Pick<Role, 'code' | 'name' | 'nameEn' | 'permissions'> | null): RoleFormModel {
  return {
    code: role?.code ?? '',
    name: role?.name ?? '',
    nameEn: role?.nameEn ?? '',
    permissions: [...(role?.permissions ?? [])],
  };
}

/**
 * Separation of duties (等保 2.0 三员分立), also enforced by the API: whoever reads the audit log
 * may not hold permissions that change what it records, so `audit:read` goes with `*:read` only.
 */
export function violatesSeparationOfDuties(codes: readonly string[]): boolean {
  return codes.includes('audit:read') && codes.some((code) => !code.endsWith(':read'));
}

const permissionRules = (): FormItemRule[] => [
  { type: 'array', required: true, min: 1, trigger: 'change', message: () => t('roles.permissionsRequired') },
  {
    trigger: 'change',
    validator: (_rule, value: string[], callback) =>
      violatesSeparationOfDuties(value ?? []) ? callback(new Error(t('roles.separationOfDuties'))) : callback(),
  },
];

export function roleFormFields(mode: 'create' | 'edit' | 'view'): FormField<RoleFormModel>[] {
  const readOnly = mode === 'view';
  return [
    {
      key: 'code',
      labelKey: 'roles.code',
      component: 'input',
      maxlength: 50,
      disabled: mode !== 'create',
      rules: () => (mode === 'create' ? [required('roles.code'), pattern(ROLE_CODE_PATTERN, 'validation.roleCode')] : []),
    },
    {
      key: 'name',
      labelKey: 'roles.name',
      component: 'input',
      maxlength: 100,
      disabled: readOnly,
      rules: () => [required('roles.name'), maxLength('roles.name', 100)],
    },
    {
      key: 'nameEn',
      labelKey: 'roles.nameEn',
      component: 'input',
      maxlength: 100,
      disabled: readOnly,
      rules: () => [maxLength('roles.nameEn', 100)],
    },
    { key: 'permissions', labelKey: 'roles.permissions', component: 'slot', rules: readOnly ? undefined : permissionRules },
  ];
}
