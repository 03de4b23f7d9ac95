import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, AuditService } from '@health/core';
import { OrganisationProvisioner } from '../organisations/organisation-provisioner';
import { PasswordService } from '../passwords/password.service';
import { ADMIN_ROLE_CODE } from '../permissions/built-in-roles';
import { UserRepository } from '../users/user.repository';

/** Any fixed number, distinct from the migration lock: serialises first-start setup across processes. */
const SETUP_LOCK_KEY = 7_310_402_612;

export const DEFAULT_ORGANISATION = { name: '默认机构', code: 'default' } as const;

function printGeneratedPassword(username: string, password: string): void {
  const lines = [
    '',
    '================================================================',
    ' 健康管理系统 first start: administrator account created',
    ` username: ${username}`,
    ` password: ${password}`,
    ' This password is shown only once. Sign in and change it now.',
    '================================================================',
    '',
  ];
  // Deliberately not the JSON logger: this secret must reach the operator once and never a log store.
  // eslint-disable-next-line no-console
  console.log(lines.join('\n'));
}

/**
 * First start: creates 默认机构, its built-in roles and the administrator (who is also the platform
 * administrator). Every start: brings built-in roles of all organisations up to date. Runs under an
 * advisory lock, so two processes starting together do it once.
 */
@Injectable()
export class IamSetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('IamSetup');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly provisioner: OrganisationProvisioner,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSetUp();
  }

  /** Returns whether this call created the administrator. */
  async ensureSetUp(): Promise<boolean> {
    const username = this.config.adminUsername.toLowerCase();
    const configured = this.config.adminInitialPassword;
    const password = configured ?? this.passwords.generate();

    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK_KEY]);
      await this.provisioner.syncAllBuiltInRoles(manager);
      if (await this.users.anyExists(manager)) return { created: false, weakConfigured: false };
      const weakConfigured = configured !== undefined && !this.passwords.isAcceptable({ password: configured, username });
      const organisation = await this.provisioner.createOrganisation(manager, {
        ...DEFAULT_ORGANISATION,
        timezone: this.config.tzDefault,
        isPlatform: true,
      });
      const admin = await this.provisioner.addStaff(
        manager,
        organisation.id,
        {
          username,
          displayName: '系统管理员',
          email: null,
          passwordHash: await this.passwords.hash(password),
          mustChangePassword: !configured || weakConfigured,
          isPlatformAdmin: true,
        },
        ADMIN_ROLE_CODE,
      );
      await this.audit.record(
        {
          action: 'platform.initialised',
          actor: { type: 'system' },
          orgId: organisation.id,
          targetType: 'user',
          targetId: admin.id,
        },
        manager,
      );
      return { created: true, weakConfigured };
    });

    if (outcome.created) {
      this.logger.log({ username }, 'created the default organisation and its administrator');
      if (outcome.weakConfigured) {
        this.logger.warn(
          'ADMIN_INITIAL_PASSWORD does not meet the password policy; the administrator must change it at first sign-in',
        );
      }
      if (!configured) printGeneratedPassword(username, password);
    }
    return outcome.created;
  }
}
