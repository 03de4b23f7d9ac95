import { AUDIT_READ, PERMISSIONS } from './permission-catalog';

export interface BuiltInRoleDefinition {
  code: string;
  name: string;
  nameEn: string;
  permissions: readonly string[];
}

const CLINICAL_READ = ['clients:read', 'cards:read', 'archives:read', 'reports:read', 'risk:read', 'surveys:read'];

/**
 * Roles every organisation starts with. They cannot be edited (organisations add custom roles
 * instead) so that upgrades can extend them as new permissions appear. See README.md for the matrix.
 */
export const BUILT_IN_ROLES: readonly BuiltInRoleDefinition[] = [
  {
    code: 'admin',
    name: '系统管理员',
    nameEn: 'Administrator',
    permissions: PERMISSIONS.map((p) => p.code).filter((code) => code !== AUDIT_READ),
  },
  {
    code: 'manager',
    name: '健康管理师',
    nameEn: 'Health manager',
    permissions: [
      ...CLINICAL_READ,
      'clients:write',
      'clients:unmask',
      'clients:export',
      'cards:write',
      'archives:write',
      'reports:write',
      'surveys:write',
      'follow-ups:read',
      'follow-ups:write',
      'follow-ups:manage',
      'interventions:read',
      'interventions:write',
      'summaries:read',
      'summaries:write',
      'stats:read',
    ],
  },
  {
    code: 'doctor',
    name: '医生',
    nameEn: 'Doctor',
    permissions: [
      ...CLINICAL_READ,
      'archives:write',
      'reports:write',
      'tags:manage',
      'surveys:write',
      'follow-ups:read',
      'follow-ups:write',
      'interventions:read',
      'interventions:write',
      'summaries:read',
      'summaries:write',
      'stats:read',
    ],
  },
  {
    code: 'nurse',
    name: '护士/随访员',
    nameEn: 'Nurse / follow-up agent',
    permissions: [
      ...CLINICAL_READ,
      'clients:unmask',
      'surveys:write',
      'follow-ups:read',
      'follow-ups:write',
      'interventions:read',
      'summaries:read',
    ],
  },
  {
    code: 'dietitian',
    name: '营养师',
    nameEn: 'Dietitian',
    permissions: [
      ...CLINICAL_READ,
      'surveys:write',
      'follow-ups:read',
      'follow-ups:write',
      'interventions:read',
      'interventions:write',
      'summaries:read',
    ],
  },
  {
    code: 'psychologist',
    name: '心理咨询师',
    nameEn: 'Psychologist',
    permissions: [
      ...CLINICAL_READ,
      'surveys:write',
      'follow-ups:read',
      'follow-ups:write',
      'interventions:read',
      'interventions:write',
      'summaries:read',
    ],
  },
  {
    code: 'auditor',
    name: '审计员',
    nameEn: 'Auditor',
    permissions: [AUDIT_READ, 'users:read'],
  },
];

export const ADMIN_ROLE_CODE = 'admin';
export const BUILT_IN_ROLE_CODES: ReadonlySet<string> = new Set(BUILT_IN_ROLES.map((r) => r.code));
