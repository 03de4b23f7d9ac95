import type { ApiKey, Permission } from '@/api/types';
import type { FieldOption, FormField, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import { maxLength, required } from '@/utils/rules';
import { permissionName } from '@/utils/names';

export const statusTag: Record<ApiKey['status'], 'success' | 'info' | 'warning'> = {
  active: 'success',
  revoked: 'info',
  expired: 'warning',
};

export const apiKeyColumns: TableColumn<ApiKey>[] = [
  { key: 'name', labelKey: 'apiKeys.name', minWidth: 160 },
  { key: 'prefix', labelKey: 'apiKeys.prefix', width: 140, slot: true },
  { key: 'scopes', labelKey: 'apiKeys.scopes', minWidth: 220, slot: true },
  { key: 'status', labelKey: 'common.status', width: 90, slot: true },
  {
    key: 'expiresAt',
    labelKey: 'apiKeys.expiresAt',
    width: 160,
    text: (row) => (row.expiresAt ? formatDateTime(row.expiresAt) : t('apiKeys.neverExpires')),
  },
  {
    key: 'lastUsedAt',
    labelKey: 'apiKeys.lastUsedAt',
    width: 160,
    text: (row) => (row.lastUsedAt ? formatDateTime(row.lastUsedAt) : t('apiKeys.neverUsed')),
  },
  { key: 'createdBy', labelKey: 'apiKeys.createdBy', width: 120 },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 160, text: (row) => formatDateTime(row.createdAt) },
  { key: 'actions', labelKey: 'common.actions', width: 90, fixed: 'right', slot: true },
];

/** The API refuses management codes and codes the creator does not hold (400 INVALID_SCOPE). */
export function scopeOptions(catalog: Permission[], holds: (code: string) => boolean): FieldOption[] {
  return catalog
    .filter((permission) => permission.apiKeyScope && holds(permission.code))
    .map((permission) => ({ value: permission.code, label: `${permissionName(permission)}（${permission.code}）` }));
}

export interface ApiKeyFormModel extends Record<string, unknown> {
  name: string;
  scopes: string[];
  expiresAt: string;
}

export const apiKeyFormModel = (): ApiKeyFormModel => ({ name: '', scopes: [], expiresAt: '' });

export function apiKeyFormFields(catalog: () => Permission[], holds: (code: string) => boolean): FormField<ApiKeyFormModel>[] {
  return [
    {
      key: 'name',
      labelKey: 'apiKeys.name',
      component: 'input',
      placeholderKey: 'apiKeys.namePlaceholder',
      maxlength: 100,
      rules: () => [required('apiKeys.name'), maxLength('apiKeys.name', 100)],
    },
    {
      key: 'scopes',
      labelKey: 'apiKeys.scopes',
      component: 'select',
      multiple: true,
      options: () => scopeOptions(catalog(), holds),
      rules: () => [required('apiKeys.scopes', 'select')],
    },
    {
      key: 'expiresAt',
      labelKey: 'apiKeys.expiresAt',
      component: 'date',
      placeholderKey: 'apiKeys.neverExpires',
      props: { disabledDate: (date: Date) => date.getTime() < Date.now() - 86_400_000 },
    },
  ];
}
