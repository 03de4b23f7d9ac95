import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Role } from '../entities/role.entity';
import { BuiltInRoleDefinition } from '../permissions/built-in-roles';
import { AuthStateCache } from '../users/auth-state.cache';

export type RoleWithCount = Role & { userCount: number };

@Injectable()
export class RoleRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authStateCache: AuthStateCache,
  ) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Role);
  }

  findInOrg(orgId: string, id: string, manager?: EntityManager): Promise<Role | null> {
    return this.repo(manager).findOneBy({ orgId, id });
  }

  findManyInOrg(orgId: string, ids: string[], manager?: EntityManager): Promise<Role[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(manager).findBy({ orgId, id: In(ids) });
  }

  findByCode(orgId: string, code: string, manager?: EntityManager): Promise<Role | null> {
    return this.repo(manager).findOneBy({ orgId, code });
  }

  async list(orgId: string, offset: number, limit: number): Promise<[RoleWithCount[], number]> {
    const [rows, total] = await this.repo().findAndCount({
      where: { orgId },
      order: { builtIn: 'DESC', createdAt: 'ASC', code: 'ASC' },
      skip: offset,
      take: limit,
    });
    const counts = await this.userCounts(rows.map((r) => r.id));
    return [rows.map((r) => Object.assign(r, { userCount: counts.get(r.id) ?? 0 })), total];
  }

  async withCount(role: Role, manager?: EntityManager): Promise<RoleWithCount> {
    const counts = await this.userCounts([role.id], manager);
    return Object.assign(role, { userCount: counts.get(role.id) ?? 0 });
  }

  insert(manager: EntityManager, values: Pick<Role, 'orgId' | 'code' | 'name' | 'nameEn' | 'permissions'>): Promise<Role> {
    const repo = this.repo(manager);
    return repo.save(repo.create({ ...values, builtIn: false }));
  }

  /** A role's permissions are part of every holder's auth state: remembered states are dropped. */
  async save(manager: EntityManager, role: Role): Promise<Role> {
    const saved = await this.repo(manager).save(role);
    this.authStateCache.forgetAll();
    return saved;
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await this.repo(manager).delete({ id });
    this.authStateCache.forgetAll();
  }

  /**
   * Creates the organisation's missing built-in roles and brings existing ones to the current
   * definition, so new permissions reach every organisation on upgrade.
   */
  async syncBuiltIns(manager: EntityManager, orgId: string, roles: readonly BuiltInRoleDefinition[]): Promise<void> {
    for (const role of roles) {
      await manager.query(
        `INSERT INTO role (org_id, code, name, name_en, built_in, permissions)
         VALUES ($1, $2, $3, $4, true, $5)
         ON CONFLICT (org_id, code) DO UPDATE
            SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, permissions = EXCLUDED.permissions, updated_at = now()
          WHERE role.built_in AND (role.permissions, role.name, role.name_en) IS DISTINCT FROM
                (EXCLUDED.permissions, EXCLUDED.name, EXCLUDED.name_en)`,
        [orgId, role.code, role.name, role.nameEn, [...role.permissions]],
      );
    }
  }

  async countUsers(roleId: string, manager?: EntityManager): Promise<number> {
    return (await this.userCounts([roleId], manager)).get(roleId) ?? 0;
  }

  /**
   * For every user holding `roleId`: the permissions they get from their other roles. Lets a role
   * change be checked against each holder's resulting permission set.
   */
  async otherPermissionsOfHolders(manager: EntityManager, roleId: string): Promise<{ userId: string; permissions: string[] }[]> {
    const rows: { user_id: string; permissions: string[] }[] = await manager.query(
      `SELECT ur.user_id,
              coalesce(array_agg(DISTINCT p.code) FILTER (WHERE p.code IS NOT NULL), '{}') AS permissions
         FROM user_role ur
         LEFT JOIN user_role other ON other.user_id = ur.user_id AND other.role_id <> ur.role_id
         LEFT JOIN role r ON r.id = other.role_id
         LEFT JOIN LATERAL unnest(r.permissions) AS p(code) ON true
        WHERE ur.role_id = $1
        GROUP BY ur.user_id`,
      [roleId],
    );
    return rows.map((r) => ({ userId: r.user_id, permissions: r.permissions }));
  }

  private async userCounts(roleIds: string[], manager?: EntityManager): Promise<Map<string, number>> {
    if (roleIds.length === 0) return new Map();
    const rows: { role_id: string; count: string }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT role_id, count(*) AS count FROM user_role WHERE role_id = ANY($1::uuid[]) GROUP BY role_id`,
      [roleIds],
    );
    return new Map(rows.map((r) => [r.role_id, Number(r.count)]));
  }
}
