import type { QueryOf, User } from '@/api/types';
import type { FieldOption, FormField, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import { email, maxLength, passwordRules, pattern, required, USERNAME_PATTERN } from '@/utils/rules';

export type UserStatus = User['status'];
export type UserSort = NonNullable<QueryOf<'/api/v1/users', 'get'>['sort']>;
const USER_SORTS: readonly string[] = ['username', 'displayName', 'createdAt', 'lastLoginAt'];

/** The table's sort, if the API can sort by it. */
export function toUserSort(sort: string | undefined): UserSort | undefined {
  return sort && USER_SORTS.includes(sort.replace(/^-/, '')) ? (sort as UserSort) : undefined;
}

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > now;
}

export const userColumns: TableColumn<User>[] = [
  { key: 'username', labelKey: 'users.username', minWidth: 120, slot: true, sortable: true },
  { key: 'displayName', labelKey: 'users.displayName', minWidth: 110, sortable: true },
  { key: 'email', labelKey: 'users.email', minWidth: 150, ellipsis: true, text: (row) => row.email || '—' },
  { key: 'roles', labelKey: 'users.roles', minWidth: 140, slot: true },
  { key: 'status', labelKey: 'users.status', width: 90, slot: true },
  {
    key: 'lastLoginAt',
    labelKey: 'users.lastLoginAt',
    width: 150,
    sortable: true,
    text: (row) => (row.lastLoginAt ? formatDateTime(row.lastLoginAt) : t('users.neverLoggedIn')),
  },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 150, sortable: true, text: (row) => formatDateTime(row.createdAt) },
];

export const userActionsColumn: TableColumn<User> = {
  key: 'actions',
  labelKey: 'common.actions',
  width: 210,
  fixed: 'right',
  slot: true,
};

export interface UserFilters {
  search: string;
  status: UserStatus | '';
  roleId: string;
}

export const emptyUserFilters = (): UserFilters => ({ search: '', status: '', roleId: '' });

export const userStatusOptions = (): FieldOption[] => [
  { value: 'active', label: t('status.active') },
  { value: 'disabled', label: t('status.disabled') },
];

export interface UserFormModel extends Record<string, unknown> {
  username: string;
  displayName: string;
  email: string;
  password: string;
  roleIds: string[];
}

export function userFormModel(user?: User | null): UserFormModel {
  return {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    password: '',
    roleIds: user?.roles.map((role) => role.id) ?? [],
  };
}

/** Username and initial password only when creating; status changes have their own confirmed action. */
export function userFormFields(mode: 'create' | 'edit', roleOptions: () => FieldOption[]): FormField<UserFormModel>[] {
  const fields: FormField<UserFormModel>[] = [
    {
      key: 'username',
      labelKey: 'users.username',
      component: 'input',
      maxlength: 64,
      disabled: mode === 'edit',
      rules: () => (mode === 'create' ? [required('users.username'), pattern(USERNAME_PATTERN, 'validation.username')] : []),
    },
    {
      key: 'displayName',
      labelKey: 'users.displayName',
      component: 'input',
      maxlength: 100,
      rules: () => [required('users.displayName'), maxLength('users.displayName', 100)],
    },
    { key: 'email', labelKey: 'users.email', component: 'input', maxlength: 254, rules: () => [email()] },
    {
      key: 'roleIds',
      labelKey: 'users.roles',
      component: 'select',
      multiple: true,
      options: roleOptions,
      rules: () => [required('users.roles', 'select')],
    },
  ];
  if (mode === 'create') {
    fields.push({
      key: 'password',
      labelKey: 'users.password',
      component: 'slot',
      hintKey: 'users.passwordHint',
      rules: () => passwordRules('users.password'),
    });
  }
  return fields;
}
