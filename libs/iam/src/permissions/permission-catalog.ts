export interface PermissionDefinition {
  code: string;
  group: string;
  nameZh: string;
  nameEn: string;
}

/** Every permission code of the platform, in display order. Domains check these with `@RequirePermissions`. */
export const PERMISSIONS: readonly PermissionDefinition[] = [
  { code: 'clients:read', group: 'clients', nameZh: '查看客户', nameEn: 'View clients' },
  { code: 'clients:write', group: 'clients', nameZh: '登记和编辑客户', nameEn: 'Register and edit clients' },
  {
    code: 'clients:unmask',
    group: 'clients',
    nameZh: '查看完整身份证号、手机号和微信 openid',
    nameEn: 'Reveal full ID numbers, phone numbers and WeChat openids',
  },
  { code: 'clients:export', group: 'clients', nameZh: '导出客户数据', nameEn: 'Export client data' },
  { code: 'cards:read', group: 'cards', nameZh: '查看会员卡', nameEn: 'View membership cards' },
  { code: 'cards:write', group: 'cards', nameZh: '开卡和管理会员卡', nameEn: 'Issue and manage membership cards' },
  { code: 'archives:read', group: 'archives', nameZh: '查看健康档案', nameEn: 'View health archives' },
  { code: 'archives:write', group: 'archives', nameZh: '编辑健康档案', nameEn: 'Edit health archives' },
  { code: 'reports:read', group: 'reports', nameZh: '查看检查报告', nameEn: 'View exam reports' },
  { code: 'reports:write', group: 'reports', nameZh: '导入检查报告', nameEn: 'Import exam reports' },
  {
    code: 'indicators:manage',
    group: 'indicators',
    nameZh: '维护指标字典和映射',
    nameEn: 'Manage indicator dictionary and mappings',
  },
  { code: 'tags:manage', group: 'tags', nameZh: '维护标签和标签规则', nameEn: 'Manage tags and tag rules' },
  { code: 'risk:read', group: 'risk', nameZh: '查看疾病风险评估', nameEn: 'View disease risk assessments' },
  { code: 'surveys:read', group: 'surveys', nameZh: '查看问卷和答卷', nameEn: 'View questionnaires and responses' },
  { code: 'surveys:write', group: 'surveys', nameZh: '编辑和发放问卷', nameEn: 'Edit and send questionnaires' },
  { code: 'follow-ups:read', group: 'follow-ups', nameZh: '查看随访', nameEn: 'View follow-ups' },
  { code: 'follow-ups:write', group: 'follow-ups', nameZh: '执行和记录随访', nameEn: 'Perform and record follow-ups' },
  {
    code: 'follow-ups:manage',
    group: 'follow-ups',
    nameZh: '管理随访方案和分派',
    nameEn: 'Manage follow-up plans and assignment',
  },
  { code: 'interventions:read', group: 'interventions', nameZh: '查看健康干预', nameEn: 'View interventions' },
  { code: 'interventions:write', group: 'interventions', nameZh: '制定和执行健康干预', nameEn: 'Plan and run interventions' },
  { code: 'summaries:read', group: 'summaries', nameZh: '查看阶段总结和健康报告', nameEn: 'View summaries and health reports' },
  { code: 'summaries:write', group: 'summaries', nameZh: '撰写阶段总结和打印报告', nameEn: 'Write summaries and print reports' },
  { code: 'stats:read', group: 'stats', nameZh: '查看统计分析', nameEn: 'View statistics' },
  { code: 'users:read', group: 'users', nameZh: '查看用户', nameEn: 'View users' },
  { code: 'users:manage', group: 'users', nameZh: '管理用户', nameEn: 'Manage users' },
  { code: 'roles:manage', group: 'roles', nameZh: '管理角色', nameEn: 'Manage roles' },
  { code: 'api-keys:manage', group: 'api-keys', nameZh: '管理API密钥', nameEn: 'Manage API keys' },
  { code: 'audit:read', group: 'audit', nameZh: '查看审计日志', nameEn: 'Read the audit log' },
];

export const PERMISSION_CODES: ReadonlySet<string> = new Set(PERMISSIONS.map((p) => p.code));

/** Codes an API key may never carry: keys integrate systems, they do not administer the platform. */
export const NON_SCOPE_PERMISSIONS: ReadonlySet<string> = new Set([
  'users:manage',
  'roles:manage',
  'api-keys:manage',
  'audit:read',
]);

export const AUDIT_READ = 'audit:read';
export const USER_MANAGEMENT = 'users:manage';

/** Codes that only let their holder look; the only ones that may accompany `audit:read`. */
export function isReadOnlyPermission(code: string): boolean {
  return code.endsWith(':read');
}

export function unknownPermissions(codes: readonly string[]): string[] {
  return codes.filter((code) => !PERMISSION_CODES.has(code));
}

/**
 * Separation of duties (等保 2.0 三员分立): whoever reads the audit log must not be able to change
 * what it records, so `audit:read` only combines with read-only codes.
 */
export function violatesSeparationOfDuties(codes: Iterable<string>): boolean {
  const all = [...codes];
  return all.includes(AUDIT_READ) && all.some((code) => !isReadOnlyPermission(code));
}
