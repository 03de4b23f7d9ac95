import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@health/core';
import { OrganisationProvisioner } from '../organisations/organisation-provisioner';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { PasswordService } from '../passwords/password.service';
import { BUILT_IN_ROLES } from '../permissions/built-in-roles';
import { UserRepository } from '../users/user.repository';

const DEMO_LOCK_KEY = 7_310_402_613;

export const DEMO_ORGANISATION = { name: '康宁健康管理中心', code: 'kangning-demo' } as const;

/** Meets both password profiles; published in the README, so only for demonstration data. */
export const DEMO_PASSWORD = 'Demo-Health-2026!';

const DEMO_STAFF: readonly { username: string; displayName: string; role: string }[] = [
  { username: 'demo.admin', displayName: '周建国', role: 'admin' },
  { username: 'demo.manager', displayName: '林晓雯', role: 'manager' },
  { username: 'demo.doctor', displayName: '陈志远', role: 'doctor' },
  { username: 'demo.nurse', displayName: '王丽娟', role: 'nurse' },
  { username: 'demo.dietitian', displayName: '赵雅琴', role: 'dietitian' },
  { username: 'demo.psychologist', displayName: '孙明哲', role: 'psychologist' },
  { username: 'demo.auditor', displayName: '郑海燕', role: 'auditor' },
];

export interface DemoLogin {
  username: string;
  password: string;
  displayName: string;
  /** Chinese name of the user's built-in role. */
  roleName: string;
  /** False when the user already existed (their password may have been changed since). */
  created: boolean;
}

export interface DemoSeedResult {
  organisation: string;
  organisationId: string;
  /** The demo organisation's administrator, who "enters" the rest of the demo data. */
  adminUserId: string;
  /** Staff user ids by built-in role code, e.g. to assign health managers to clients. */
  staffIdsByRole: Record<string, string>;
  logins: DemoLogin[];
}

/** A believable demo organisation with one staff member per built-in role. Safe to run repeatedly. */
@Injectable()
export class DemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly provisioner: OrganisationProvisioner,
    private readonly passwords: PasswordService,
  ) {}

  async seed(): Promise<DemoSeedResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK_KEY]);
      const organisation =
        (await this.organisations.findByCode(DEMO_ORGANISATION.code, manager)) ??
        (await this.provisioner.createOrganisation(manager, {
          ...DEMO_ORGANISATION,
          timezone: this.config.tzDefault,
          isPlatform: false,
        }));
      const logins: DemoLogin[] = [];
      const staffIdsByRole: Record<string, string> = {};
      for (const member of DEMO_STAFF) {
        const exists = await this.users.usernameTaken(member.username, manager);
        if (!exists) {
          await this.provisioner.addStaff(
            manager,
            organisation.id,
            {
              username: member.username,
              displayName: member.displayName,
              email: null,
              passwordHash: await this.passwords.hash(DEMO_PASSWORD),
              mustChangePassword: false,
              isPlatformAdmin: false,
            },
            member.role,
          );
        }
        staffIdsByRole[member.role] = (await this.users.idOfUsername(member.username, manager))!;
        const roleName = BUILT_IN_ROLES.find((r) => r.code === member.role)!.name;
        logins.push({
          username: member.username,
          password: DEMO_PASSWORD,
          displayName: member.displayName,
          roleName,
          created: !exists,
        });
      }
      return {
        organisation: organisation.name,
        organisationId: organisation.id,
        adminUserId: staffIdsByRole.admin,
        staffIdsByRole,
        logins,
      };
    });
  }
}
