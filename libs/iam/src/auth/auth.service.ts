import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AppConfig, AuditService, DomainError, RequestContext } from '@health/core';
import { StaffUser } from '../entities/staff-user.entity';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { PasswordService } from '../passwords/password.service';
import { PERMISSIONS } from '../permissions/permission-catalog';
import { toRoleRef } from '../roles/role.mapper';
import { UserRepository } from '../users/user.repository';
import { ChangePasswordDto, LoginDto, MeDto, PasswordPolicyDto, TokenPairDto } from './dto/auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { RefreshTokenRepository } from './refresh-token.repository';
import { sha256Hex, TokenService } from './token.service';

const PERMISSION_ORDER = new Map(PERMISSIONS.map((p, index) => [p.code, index]));

function invalidCredentials(): DomainError {
  return DomainError.unauthorized('INVALID_CREDENTIALS', 'Wrong username or password');
}

function invalidRefreshToken(): DomainError {
  return DomainError.unauthorized('INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked; sign in again');
}

function accountLocked(until: Date): DomainError {
  return new DomainError(
    HttpStatus.UNAUTHORIZED,
    'ACCOUNT_LOCKED',
    `Too many failed logins; the account is locked until ${until.toISOString()}`,
    undefined,
    { 'Retry-After': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) },
  );
}

type RotationResult =
  | { kind: 'invalid' }
  | { kind: 'reused'; userId: string; orgId: string }
  | { kind: 'rotated'; user: StaffUser; familyId: string; token: string };

/** Sign-in, token refresh with rotation, sign-out and password change of staff users. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly tokens: TokenService,
    private readonly passwords: PasswordService,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly audit: AuditService,
  ) {}

  /**
   * Order matters: the IP limit comes first (cheapest, protects the CPU-heavy hash), a locked account
   * is refused before its password is checked (so the right password does not unlock it), and a
   * disabled account is only revealed to someone who knows its password.
   */
  async login(dto: LoginDto): Promise<TokenPairDto> {
    const verdict = await this.rateLimiter.hit(RequestContext.current()?.ip ?? 'unknown');
    if (!verdict.allowed) {
      if (verdict.firstRefusal) await this.audit.record({ action: 'auth.login_rate_limited', outcome: 'denied', orgId: null });
      throw DomainError.tooManyRequests('RATE_LIMITED', 'Too many login attempts; try again later', verdict.retryAfterSeconds);
    }

    const user = await this.users.findForLogin(dto.username.trim().toLowerCase());
    if (!user) {
      await this.passwords.spendVerificationTime(dto.password);
      await this.audit.record({ action: 'auth.login_failed', outcome: 'failure', orgId: null });
      throw invalidCredentials();
    }
    const target = { orgId: user.orgId, targetType: 'user', targetId: user.id } as const;
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.audit.record({ ...target, action: 'auth.login_locked', outcome: 'denied' });
      throw accountLocked(user.lockedUntil);
    }
    if (!(await this.passwords.verify(user.passwordHash, dto.password))) {
      const lockedUntil = await this.users.registerFailedLogin(
        user.id,
        this.config.loginLockThreshold,
        this.config.loginLockMinutes,
      );
      await this.audit.record({ ...target, action: 'auth.login_failed', outcome: 'failure' });
      if (lockedUntil)
        await this.audit.record({ ...target, action: 'auth.account_locked', outcome: 'success', actor: { type: 'system' } });
      throw invalidCredentials();
    }
    if (user.status !== 'active' || user.orgStatus !== 'active') {
      await this.audit.record({ ...target, action: 'auth.login_disabled', outcome: 'denied' });
      throw DomainError.unauthorized('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
    }

    const expired = this.passwords.isExpired(user.passwordChangedAt);
    await this.users.registerSuccessfulLogin(user.id, expired);
    await this.refreshTokens.deleteExpiredOfUser(user.id);
    const familyId = randomUUID();
    const refresh = this.tokens.newRefreshToken();
    await this.refreshTokens.insert({
      orgId: user.orgId,
      userId: user.id,
      familyId,
      tokenHash: refresh.tokenHash,
      expiresAt: refresh.expiresAt,
    });
    await this.audit.record({ ...target, action: 'auth.login', actor: { type: 'user', id: user.id } });
    return this.tokenPair((await this.users.findById(user.id))!, familyId, refresh.token);
  }

  /**
   * Exchanges a refresh token for a new pair. The old token stops working; presenting it again means
   * two parties hold it, so the whole session (token family) is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const result = await this.dataSource.transaction(async (manager): Promise<RotationResult> => {
      const row = await this.refreshTokens.findByHashForUpdate(manager, sha256Hex(refreshToken));
      if (!row || row.revokedAt || row.expiresAt <= new Date()) return { kind: 'invalid' };
      if (row.rotatedAt) {
        await this.refreshTokens.revokeFamily(row.familyId, manager);
        return { kind: 'reused', userId: row.userId, orgId: row.orgId };
      }
      const user = await this.users.findById(row.userId, manager);
      const organisation = await this.organisations.findById(row.orgId, manager);
      if (!user || user.status !== 'active' || organisation?.status !== 'active') {
        await this.refreshTokens.revokeFamily(row.familyId, manager);
        return { kind: 'invalid' };
      }
      await this.refreshTokens.markRotated(manager, row.id);
      const next = this.tokens.newRefreshToken();
      await this.refreshTokens.insert(
        { orgId: row.orgId, userId: row.userId, familyId: row.familyId, tokenHash: next.tokenHash, expiresAt: next.expiresAt },
        manager,
      );
      return { kind: 'rotated', user, familyId: row.familyId, token: next.token };
    });
    if (result.kind === 'reused') {
      await this.audit.record({
        action: 'auth.refresh_token_reused',
        outcome: 'denied',
        orgId: result.orgId,
        targetType: 'user',
        targetId: result.userId,
      });
    }
    if (result.kind !== 'rotated') throw invalidRefreshToken();
    return this.tokenPair(result.user, result.familyId, result.token);
  }

  /** Ends the session the refresh token belongs to, if it is the caller's; answers the same either way. */
  async logout(actor: Actor, refreshToken: string): Promise<void> {
    const row = await this.refreshTokens.findByHash(sha256Hex(refreshToken));
    if (row && row.userId === actor.id) {
      await this.refreshTokens.revokeFamily(row.familyId);
      await this.audit.record({ action: 'auth.logout', targetType: 'user', targetId: actor.id });
    }
  }

  async me(actor: Actor): Promise<MeDto> {
    const user = await this.users.findById(actor.id);
    if (!user) throw DomainError.unauthorized('UNAUTHENTICATED', 'Sign in again');
    return this.toMe(user);
  }

  /** Keeps the caller's own session and ends every other one (a stolen session must not survive). */
  async changePassword(actor: Actor, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.findById(actor.id);
    if (!user) throw DomainError.unauthorized('UNAUTHENTICATED', 'Sign in again');
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      await this.audit.record({
        action: 'auth.password_change_failed',
        outcome: 'failure',
        targetType: 'user',
        targetId: user.id,
      });
      throw DomainError.badRequest('CURRENT_PASSWORD_INCORRECT', 'The current password is not correct');
    }
    this.passwords.assertAcceptable(
      { password: dto.newPassword, username: user.username, currentPassword: dto.currentPassword },
      'newPassword',
    );
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(manager, user.id, { passwordHash, mustChangePassword: false, invalidateAccessTokens: false });
      await this.refreshTokens.revokeAllOfUser(user.id, actor.sessionId, manager);
      await this.audit.record({ action: 'auth.password_changed', targetType: 'user', targetId: user.id }, manager);
    });
  }

  passwordPolicy(): PasswordPolicyDto {
    return this.passwords.describe();
  }

  private async tokenPair(user: StaffUser, familyId: string, refreshToken: string): Promise<TokenPairDto> {
    const accessToken = await this.tokens.signAccessToken({
      userId: user.id,
      orgId: user.orgId,
      sessionId: familyId,
      tokenVersion: user.tokenVersion,
    });
    return { accessToken, refreshToken, expiresIn: this.tokens.accessTokenTtlSeconds, user: await this.toMe(user) };
  }

  private async toMe(user: StaffUser): Promise<MeDto> {
    const organisation = await this.organisations.findById(user.orgId);
    const permissions = [...new Set(user.roles.flatMap((r) => r.permissions))].sort(
      (a, b) => (PERMISSION_ORDER.get(a) ?? Infinity) - (PERMISSION_ORDER.get(b) ?? Infinity),
    );
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      organisation: { id: user.orgId, name: organisation?.name ?? '' },
      roles: [...user.roles].sort((a, b) => a.code.localeCompare(b.code)).map(toRoleRef),
      permissions,
      isPlatformAdmin: user.isPlatformAdmin,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
