import { BUILT_IN_ROLES } from './built-in-roles';
import {
  NON_SCOPE_PERMISSIONS,
  PERMISSION_CODES,
  PERMISSIONS,
  unknownPermissions,
  violatesSeparationOfDuties,
} from './permission-catalog';

const role = (code: string) => BUILT_IN_ROLES.find((r) => r.code === code)!;

describe('permission catalog', () => {
  it('has unique codes named <group>:<verb>', () => {
    expect(PERMISSION_CODES.size).toBe(PERMISSIONS.length);
    for (const p of PERMISSIONS) expect(p.code.startsWith(`${p.group}:`)).toBe(true);
  });

  it('only uses known codes in built-in roles, without duplicates', () => {
    for (const r of BUILT_IN_ROLES) {
      expect(unknownPermissions(r.permissions)).toEqual([]);
      expect(new Set(r.permissions).size).toBe(r.permissions.length);
    }
  });

  it('gives the admin everything except reading the audit log', () => {
    expect(role('admin').permissions).not.toContain('audit:read');
    expect(role('admin').permissions.length).toBe(PERMISSIONS.length - 1);
  });

  it('lets the auditor read the audit log and users, and change nothing', () => {
    expect([...role('auditor').permissions].sort()).toEqual(['audit:read', 'users:read']);
  });

  it('keeps administration out of clinical roles', () => {
    for (const code of ['manager', 'doctor', 'nurse', 'dietitian', 'psychologist']) {
      expect(role(code).permissions.filter((p) => NON_SCOPE_PERMISSIONS.has(p) || p === 'users:read')).toEqual([]);
    }
  });

  it('refuses audit:read next to anything that changes data', () => {
    expect(violatesSeparationOfDuties(['audit:read', 'users:read', 'clients:read'])).toBe(false);
    expect(violatesSeparationOfDuties(['audit:read', 'clients:write'])).toBe(true);
    expect(violatesSeparationOfDuties(['users:manage', 'clients:write'])).toBe(false);
    for (const r of BUILT_IN_ROLES) expect(violatesSeparationOfDuties(r.permissions)).toBe(false);
  });

  it('reports unknown codes', () => {
    expect(unknownPermissions(['clients:read', 'clients:fly'])).toEqual(['clients:fly']);
  });
});
