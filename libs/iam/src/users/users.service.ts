import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor, AuditService, DomainError, Page, pageOf, pageOffset } from '@health/core';
import { orgIdOf } from '../auth/current-actor.decorator';
import { RefreshTokenRepository } from '../auth/refresh-token.repository';
import { Role } from '../entities/role.entity';
import { StaffUser } from '../entities/staff-user.entity';
import { PasswordService } from '../passwords/password.service';
import { USER_MANAGEMENT, violatesSeparationOfDuties } from '../permissions/permission-catalog';
import { RoleRepository } from '../roles/role.repository';
import { CreateUserDto, ListUsersQueryDto, ResetPasswordDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { toUserDto } from './user.mapper';
import { UserRepository } from './user.repository';

function userNotFound(): DomainError {
  return DomainError.notFound('USER_NOT_FOUND', 'User not found');
}

export function usernameTaken(): DomainError {
  return DomainError.conflict('USERNAME_TAKEN', 'This username is already in use');
}

/** PostgreSQL unique violation on the username: a concurrent request took it first. */
export function isUsernameConflict(err: unknown): boolean {
  return (
    err instanceof QueryFailedError &&
    (err.driverError as { code?: string; constraint?: string }).code === '23505' &&
    (err.driverError as { constraint?: string }).constraint === 'staff_user_username_unique'
  );
}

/** Staff users of the caller's organisation; ids of other organisations answer 404. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly roles: RoleRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const [rows, total] = await this.users.list(
      orgIdOf(actor),
      { search: query.search?.trim() || undefined, status: query.status, roleId: query.roleId, sort: query.sort ?? '-createdAt' },
      pageOffset(query),
      query.pageSize,
    );
    const now = new Date();
    return pageOf(
      rows.map((u) => toUserDto(u, now)),
      total,
      query,
    );
  }

  /** Display names of the actor's organisation's users among `ids` (others are left out), in one query. */
  displayNames(actor: Actor, ids: string[], manager?: EntityManager): Promise<Map<string, string>> {
    return this.users.displayNames(orgIdOf(actor), ids, manager);
  }

  /** Pass the transaction's manager when called inside one. */
  async get(actor: Actor, id: string, manager?: EntityManager): Promise<UserDto> {
    return toUserDto(await this.require(actor, id, manager));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    const orgId = orgIdOf(actor);
    const username = dto.username.toLowerCase();
    this.passwords.assertAcceptable({ password: dto.password, username }, 'password');
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        if (await this.users.usernameTaken(username, manager)) throw usernameTaken();
        const roles = await this.assignableRoles(manager, orgId, dto.roleIds);
        return this.users.insert(
          manager,
          {
            orgId,
            username,
            displayName: dto.displayName,
            email: dto.email ?? null,
            passwordHash,
            mustChangePassword: true,
            isPlatformAdmin: false,
          },
          roles,
        );
      });
      return toUserDto(user);
    } catch (err) {
      if (isUsernameConflict(err)) throw usernameTaken();
      throw err;
    }
  }

  /**
   * An administrator cannot lock themselves out: neither disable their own account nor drop their
   * own `users:manage`. Disabling ends the user's sessions; their access tokens stop working at the
   * next request because every request re-reads the user's status.
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const orgId = orgIdOf(actor);
    const saved = await this.dataSource.transaction(async (manager) => {
      const user = await this.require(actor, id, manager);
      const self = user.id === actor.id;
      if (self && dto.status === 'disabled') {
        throw DomainError.conflict('CANNOT_DISABLE_SELF', 'You cannot disable your own account');
      }
      const rolesBefore = user.roles.map((r) => r.id).sort();
      if (dto.roleIds) {
        user.roles = await this.assignableRoles(manager, orgId, dto.roleIds);
        if (self && !user.roles.some((r) => r.permissions.includes(USER_MANAGEMENT))) {
          throw DomainError.conflict(
            'CANNOT_REMOVE_OWN_USER_MANAGEMENT',
            'You cannot remove your own permission to manage users',
          );
        }
      }
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.email !== undefined) user.email = dto.email;
      const disabling = dto.status === 'disabled' && user.status !== 'disabled';
      if (dto.status) user.status = dto.status;
      const result = await this.users.save(manager, user);
      if (disabling) await this.refreshTokens.revokeAllOfUser(user.id, undefined, manager);
      const rolesAfter = user.roles.map((r) => r.id).sort();
      if (rolesAfter.join() !== rolesBefore.join()) {
        await this.audit.record({ action: 'user.roles_changed', targetType: 'user', targetId: user.id }, manager);
      }
      return result;
    });
    return toUserDto(saved);
  }

  /** Sets a temporary password, ends every session of the user and unlocks the account. */
  async resetPassword(actor: Actor, id: string, dto: ResetPasswordDto): Promise<void> {
    const user = await this.require(actor, id);
    this.passwords.assertAcceptable({ password: dto.newPassword, username: user.username }, 'newPassword');
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(manager, user.id, { passwordHash, mustChangePassword: true, invalidateAccessTokens: true });
      await this.refreshTokens.revokeAllOfUser(user.id, undefined, manager);
    });
  }

  async unlock(actor: Actor, id: string): Promise<void> {
    const user = await this.require(actor, id);
    await this.users.unlock(user.id);
  }

  private async require(actor: Actor, id: string, manager?: EntityManager): Promise<StaffUser> {
    const user = await this.users.findInOrg(orgIdOf(actor), id, manager);
    if (!user) throw userNotFound();
    return user;
  }

  /** The roles, all of the organisation, and together not granting audit reading next to changes. */
  private async assignableRoles(manager: EntityManager, orgId: string, roleIds: string[]): Promise<Role[]> {
    const wanted = [...new Set(roleIds)];
    const roles = await this.roles.findManyInOrg(orgId, wanted, manager);
    const missing = wanted.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length > 0) {
      throw DomainError.badRequest(
        'ROLE_NOT_FOUND',
        'Some roles do not exist',
        missing.map((id) => ({ field: 'roleIds', code: 'notFound', message: `Role ${id} does not exist` })),
      );
    }
    if (violatesSeparationOfDuties(roles.flatMap((r) => r.permissions))) {
      throw DomainError.badRequest(
        'SEPARATION_OF_DUTIES',
        'A user who reads the audit log cannot also hold roles that change data',
      );
    }
    return roles;
  }
}
