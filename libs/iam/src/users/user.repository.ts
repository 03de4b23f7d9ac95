import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { GroupCommit } from '@health/core';
import { OrganisationStatus } from '../entities/organisation.entity';
import { Role } from '../entities/role.entity';
import { StaffUser, UserStatus } from '../entities/staff-user.entity';
import { AuthStateCache } from './auth-state.cache';

export const USER_SORTS = [
  'username',
  '-username',
  'displayName',
  '-displayName',
  'createdAt',
  '-createdAt',
  'lastLoginAt',
  '-lastLoginAt',
] as const;
export type UserSort = (typeof USER_SORTS)[number];

export interface UserListFilter {
  search?: string;
  status?: UserStatus;
  roleId?: string;
  sort: UserSort;
}

/** What every authenticated request needs to know about its user, read in one query. */
export interface UserAuthState {
  id: string;
  orgId: string;
  status: UserStatus;
  orgStatus: OrganisationStatus;
  isPlatformAdmin: boolean;
  tokenVersion: number;
  permissions: string[];
}

export type LoginCandidate = StaffUser & { orgStatus: OrganisationStatus };

export type NewUser = Pick<
  StaffUser,
  'orgId' | 'username' | 'displayName' | 'email' | 'passwordHash' | 'mustChangePassword' | 'isPlatformAdmin'
>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class UserRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authStateCache: AuthStateCache,
  ) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(StaffUser);
  }

  findInOrg(orgId: string, id: string, manager?: EntityManager): Promise<StaffUser | null> {
    return this.repo(manager).findOne({ where: { orgId, id }, relations: { roles: true } });
  }

  findById(id: string, manager?: EntityManager): Promise<StaffUser | null> {
    return this.repo(manager).findOne({ where: { id }, relations: { roles: true } });
  }

  async findForLogin(username: string): Promise<LoginCandidate | null> {
    const result = await this.repo()
      .createQueryBuilder('u')
      .innerJoin('organisation', 'o', 'o.id = u.org_id')
      .addSelect('o.status', 'org_status')
      .where('u.username = :username', { username })
      .getRawAndEntities<{ org_status: OrganisationStatus }>();
    const user = result.entities[0];
    return user ? Object.assign(user, { orgStatus: result.raw[0].org_status }) : null;
  }

  async usernameTaken(username: string, manager?: EntityManager): Promise<boolean> {
    return this.repo(manager).existsBy({ username });
  }

  async idOfUsername(username: string, manager?: EntityManager): Promise<string | null> {
    return (await this.repo(manager).findOne({ where: { username }, select: { id: true } }))?.id ?? null;
  }

  async anyExists(manager?: EntityManager): Promise<boolean> {
    return this.repo(manager).exists();
  }

  async list(orgId: string, filter: UserListFilter, offset: number, limit: number): Promise<[StaffUser[], number]> {
    const query = this.repo().createQueryBuilder('u').leftJoinAndSelect('u.roles', 'r').where('u.orgId = :orgId', { orgId });
    if (filter.search) {
      query.andWhere(`(u.username ILIKE :search ESCAPE '\\' OR u.displayName ILIKE :search ESCAPE '\\')`, {
        search: `%${escapeLike(filter.search)}%`,
      });
    }
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.roleId) {
      query.andWhere('EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.role_id = :roleId)', {
        roleId: filter.roleId,
      });
    }
    const descending = filter.sort.startsWith('-');
    const field = descending ? filter.sort.slice(1) : filter.sort;
    query.orderBy(`u.${field}`, descending ? 'DESC' : 'ASC', descending ? 'NULLS LAST' : 'NULLS FIRST').addOrderBy('u.id', 'ASC');
    return query.skip(offset).take(limit).getManyAndCount();
  }

  /** `id → username` for the given ids within one organisation (display of audit actors, key creators). */
  async usernames(orgIds: string[], ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repo().find({ select: { id: true, username: true }, where: { id: In(ids), orgId: In(orgIds) } });
    return new Map(rows.map((r) => [r.id, r.username]));
  }

  /** `id → display name` of the organisation's users among `ids`, in one query. */
  async displayNames(orgId: string, ids: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repo(manager).find({ select: { id: true, displayName: true }, where: { id: In(ids), orgId } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  async insert(manager: EntityManager, values: NewUser, roles: Role[]): Promise<StaffUser> {
    const repo = this.repo(manager);
    return repo.save(
      repo.create({
        ...values,
        status: 'active',
        passwordChangedAt: new Date(),
        failedLoginCount: 0,
        lockedUntil: null,
        lastLoginAt: null,
        tokenVersion: 0,
        roles,
      }),
    );
  }

  /** Saves changed columns and, when `roles` is set, replaces the user's roles. */
  async save(manager: EntityManager, user: StaffUser): Promise<StaffUser> {
    const saved = await this.repo(manager).save(user);
    this.authStateCache.forget(user.id);
    return saved;
  }

  /**
   * Needed by every authenticated request: remembered for a second (`AuthStateCache`, forgotten at
   * once when this process changes it); otherwise concurrent requests share one query (see
   * `GroupCommit`), and each reads a state no older than itself.
   */
  authState(userId: string): Promise<UserAuthState | null> {
    return this.authStateCache.get(userId, (id) => this.authStates.submit(id));
  }

  private readonly authStates = new GroupCommit<string, UserAuthState | null>(async (userIds) => {
    const rows: {
      id: string;
      org_id: string;
      status: UserStatus;
      org_status: OrganisationStatus;
      is_platform_admin: boolean;
      token_version: number;
      permissions: string[];
    }[] = await this.dataSource.query(
      `SELECT u.id, u.org_id, u.status, o.status AS org_status, u.is_platform_admin, u.token_version,
              coalesce(array_agg(DISTINCT p.code) FILTER (WHERE p.code IS NOT NULL), '{}') AS permissions
         FROM staff_user u
         JOIN organisation o ON o.id = u.org_id
         LEFT JOIN user_role ur ON ur.user_id = u.id
         LEFT JOIN role r ON r.id = ur.role_id
         LEFT JOIN LATERAL unnest(r.permissions) AS p(code) ON true
        WHERE u.id = ANY($1::uuid[])
        GROUP BY u.id, o.status`,
      [[...new Set(userIds)]],
    );
    const states = new Map(
      rows.map((row): [string, UserAuthState] => [
        row.id,
        {
          id: row.id,
          orgId: row.org_id,
          status: row.status,
          orgStatus: row.org_status,
          isPlatformAdmin: row.is_platform_admin,
          tokenVersion: row.token_version,
          permissions: row.permissions,
        },
      ]),
    );
    return userIds.map((id) => states.get(id) ?? null);
  });

  /**
   * Counts a failed login and locks the account once `threshold` consecutive failures are reached,
   * atomically so concurrent attempts cannot slip past the threshold. Returns the lock end if this
   * failure locked the account.
   */
  async registerFailedLogin(id: string, threshold: number, lockMinutes: number): Promise<Date | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ locked_until: Date | null; just_locked: boolean }[], number] = await this.dataSource.query(
      `UPDATE staff_user
          SET failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
              locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING locked_until, (locked_until > now()) AS just_locked`,
      [id, threshold, lockMinutes],
    );
    return rows[0]?.just_locked ? rows[0].locked_until : null;
  }

  async registerSuccessfulLogin(id: string, mustChangePassword: boolean): Promise<void> {
    await this.repo().update(
      { id },
      { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date(), ...(mustChangePassword ? { mustChangePassword } : {}) },
    );
  }

  async unlock(id: string): Promise<void> {
    await this.repo().update({ id }, { failedLoginCount: 0, lockedUntil: null });
  }

  /** Sets a new password hash; `tokenVersion` is bumped when existing access tokens must die. */
  async setPassword(
    manager: EntityManager,
    id: string,
    values: { passwordHash: string; mustChangePassword: boolean; invalidateAccessTokens: boolean },
  ): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .update(StaffUser)
      .set({
        passwordHash: values.passwordHash,
        mustChangePassword: values.mustChangePassword,
        passwordChangedAt: () => 'now()',
        failedLoginCount: 0,
        lockedUntil: null,
        ...(values.invalidateAccessTokens ? { tokenVersion: () => 'token_version + 1' } : {}),
      })
      .where('id = :id', { id })
      .execute();
    this.authStateCache.forget(id);
  }
}
