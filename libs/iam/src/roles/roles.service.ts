import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor, DomainError, Page, pageOf, pageOffset } from '@health/core';
import { orgIdOf } from '../auth/current-actor.decorator';
import { Role } from '../entities/role.entity';
import { PERMISSIONS, unknownPermissions, USER_MANAGEMENT, violatesSeparationOfDuties } from '../permissions/permission-catalog';
import { CreateRoleDto, ListRolesQueryDto, RoleDto, UpdateRoleDto } from './dto/role.dto';
import { toRoleDto } from './role.mapper';
import { RoleRepository } from './role.repository';

const CATALOG_ORDER = new Map(PERMISSIONS.map((p, index) => [p.code, index]));

function roleNotFound(): DomainError {
  return DomainError.notFound('ROLE_NOT_FOUND', 'Role not found');
}

function builtIn(): DomainError {
  return DomainError.conflict('ROLE_BUILT_IN', 'Built-in roles cannot be changed or deleted; create a custom role instead');
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const driverError = err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

function isForeignKeyViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23503';
}

/** Known codes, de-duplicated, in catalog order; audit reading only next to read-only codes. */
function validPermissions(codes: string[]): string[] {
  const unknown = unknownPermissions(codes);
  if (unknown.length > 0) {
    throw DomainError.badRequest(
      'UNKNOWN_PERMISSION',
      'Some permission codes do not exist',
      unknown.map((code) => ({ field: 'permissions', code: 'unknown', message: `Unknown permission code ${code}` })),
    );
  }
  if (violatesSeparationOfDuties(codes)) {
    throw DomainError.badRequest('SEPARATION_OF_DUTIES', 'audit:read can only be combined with read-only permissions');
  }
  return [...new Set(codes)].sort((a, b) => CATALOG_ORDER.get(a)! - CATALOG_ORDER.get(b)!);
}

/** Custom roles of the caller's organisation; built-in roles are listed but read-only. */
@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RoleRepository,
  ) {}

  async list(actor: Actor, query: ListRolesQueryDto): Promise<Page<RoleDto>> {
    const [rows, total] = await this.roles.list(orgIdOf(actor), pageOffset(query), query.pageSize);
    return pageOf(rows.map(toRoleDto), total, query);
  }

  async create(actor: Actor, dto: CreateRoleDto): Promise<RoleDto> {
    const permissions = validPermissions(dto.permissions);
    const orgId = orgIdOf(actor);
    const codeTaken = () => DomainError.conflict('ROLE_CODE_TAKEN', 'A role with this code already exists');
    try {
      const role = await this.dataSource.transaction(async (manager) => {
        if (await this.roles.findByCode(orgId, dto.code, manager)) throw codeTaken();
        return this.roles.insert(manager, { orgId, code: dto.code, name: dto.name, nameEn: dto.nameEn ?? null, permissions });
      });
      return toRoleDto({ ...role, userCount: 0 });
    } catch (err) {
      if (isUniqueViolation(err, 'role_org_code_unique')) throw codeTaken();
      throw err;
    }
  }

  /**
   * A permission change is checked against every holder's resulting permissions: it must not give
   * an auditor the power to change data, nor take `users:manage` from the administrator making it.
   */
  async update(actor: Actor, id: string, dto: UpdateRoleDto): Promise<RoleDto> {
    return this.dataSource.transaction(async (manager) => {
      const role = await this.requireCustom(manager, actor, id);
      if (dto.permissions) {
        role.permissions = validPermissions(dto.permissions);
        await this.assertHoldersStayValid(manager, role, actor);
      }
      if (dto.name !== undefined) role.name = dto.name;
      if (dto.nameEn !== undefined) role.nameEn = dto.nameEn;
      return toRoleDto(await this.roles.withCount(await this.roles.save(manager, role), manager));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const inUse = () => DomainError.conflict('ROLE_IN_USE', 'Users still hold this role; assign them other roles first');
    try {
      await this.dataSource.transaction(async (manager) => {
        const role = await this.requireCustom(manager, actor, id);
        if ((await this.roles.countUsers(role.id, manager)) > 0) throw inUse();
        await this.roles.delete(manager, role.id);
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw inUse();
      throw err;
    }
  }

  private async requireCustom(manager: EntityManager, actor: Actor, id: string): Promise<Role> {
    const role = await this.roles.findInOrg(orgIdOf(actor), id, manager);
    if (!role) throw roleNotFound();
    if (role.builtIn) throw builtIn();
    return role;
  }

  private async assertHoldersStayValid(manager: EntityManager, role: Role, actor: Actor): Promise<void> {
    for (const holder of await this.roles.otherPermissionsOfHolders(manager, role.id)) {
      const resulting = new Set([...holder.permissions, ...role.permissions]);
      if (violatesSeparationOfDuties(resulting)) {
        throw DomainError.conflict(
          'SEPARATION_OF_DUTIES',
          'A holder of this role reads the audit log and cannot also change data',
        );
      }
      if (holder.userId === actor.id && actor.permissions.has(USER_MANAGEMENT) && !resulting.has(USER_MANAGEMENT)) {
        throw DomainError.conflict('CANNOT_REMOVE_OWN_USER_MANAGEMENT', 'You cannot remove your own permission to manage users');
      }
    }
  }
}
