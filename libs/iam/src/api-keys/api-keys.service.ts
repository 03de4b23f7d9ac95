import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, DomainError, Page, pageOf, pageOffset } from '@health/core';
import { orgIdOf } from '../auth/current-actor.decorator';
import { sha256Hex } from '../auth/token.service';
import { ApiKey } from '../entities/api-key.entity';
import { NON_SCOPE_PERMISSIONS, PERMISSION_CODES } from '../permissions/permission-catalog';
import { UserRepository } from '../users/user.repository';
import { ApiKeyDto, ApiKeyStatus, CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQueryDto } from './dto/api-key.dto';
import { ApiKeyRepository } from './api-key.repository';

/** `lastUsedAt` is kept to the minute: at most one write per key and minute. */
const LAST_USED_PRECISION_MS = 60_000;

const KEY_FORMAT = /^hp_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function newPrefix(): string {
  return Array.from({ length: 8 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
}

function statusOf(key: ApiKey, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  return 'active';
}

function invalidKey(): DomainError {
  return DomainError.unauthorized('INVALID_API_KEY', 'The API key is unknown, revoked or expired');
}

/** API keys for integrating systems: created with scopes, shown once, stored as a SHA-256 hash. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly users: UserRepository,
  ) {}

  async list(actor: Actor, query: ListApiKeysQueryDto): Promise<Page<ApiKeyDto>> {
    const orgId = orgIdOf(actor);
    const [rows, total] = await this.keys.list(orgId, pageOffset(query), query.pageSize);
    const creators = await this.users.usernames([orgId], [...new Set(rows.map((k) => k.createdBy))]);
    const now = new Date();
    return pageOf(
      rows.map((k) => this.toDto(k, creators.get(k.createdBy) ?? '', now)),
      total,
      query,
    );
  }

  /**
   * A key can carry data permissions only, and only those its creator holds, so managing keys never
   * hands out more than the creator could do themselves.
   */
  async create(actor: Actor, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const scopes = [...new Set(dto.scopes)];
    const unknown = scopes.filter((s) => !PERMISSION_CODES.has(s));
    const forbidden = scopes.filter(
      (s) => PERMISSION_CODES.has(s) && (NON_SCOPE_PERMISSIONS.has(s) || !actor.permissions.has(s)),
    );
    if (unknown.length > 0 || forbidden.length > 0) {
      throw DomainError.badRequest('INVALID_SCOPE', 'Some scopes cannot be given to an API key', [
        ...unknown.map((s) => ({ field: 'scopes', code: 'unknown', message: `Unknown permission code ${s}` })),
        ...forbidden.map((s) => ({ field: 'scopes', code: 'not_allowed', message: `${s} cannot be given to this key` })),
      ]);
    }
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw DomainError.badRequest('VALIDATION_FAILED', 'expiresAt must be in the future', [
        { field: 'expiresAt', code: 'inPast', message: 'expiresAt must be in the future' },
      ]);
    }
    const prefix = newPrefix();
    const key = `hp_${prefix}_${randomBytes(32).toString('base64url')}`;
    const row = await this.keys.insert({
      orgId: orgIdOf(actor),
      name: dto.name,
      prefix,
      keyHash: sha256Hex(key),
      scopes,
      expiresAt,
      createdBy: actor.id,
    });
    const creators = await this.users.usernames([row.orgId], [actor.id]);
    return { ...this.toDto(row, creators.get(actor.id) ?? '', new Date()), key };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const key = await this.keys.findInOrg(orgIdOf(actor), id);
    if (!key) throw DomainError.notFound('API_KEY_NOT_FOUND', 'API key not found');
    await this.keys.revoke(key.orgId, key.id);
  }

  /** Resolves an `X-API-Key` header to the actor it stands for, or throws `INVALID_API_KEY`. */
  async authenticate(presented: string): Promise<Actor> {
    const match = KEY_FORMAT.exec(presented);
    if (!match) throw invalidKey();
    const key = await this.keys.findByPrefix(match[1]);
    if (!key || !timingSafeEqual(Buffer.from(key.keyHash), Buffer.from(sha256Hex(presented)))) throw invalidKey();
    if (statusOf(key, new Date()) !== 'active' || key.orgStatus !== 'active') throw invalidKey();
    // The key row was just read: skip the write (a round trip on every partner call) while the
    // stored time is less than a minute old, the precision `lastUsedAt` promises anyway.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) await this.keys.touchLastUsed(key.id);
    return {
      type: 'api_key',
      id: key.id,
      orgId: key.orgId,
      permissions: new Set(key.scopes.filter((s) => PERMISSION_CODES.has(s) && !NON_SCOPE_PERMISSIONS.has(s))),
      isPlatformAdmin: false,
    };
  }

  private toDto(key: ApiKey, createdBy: string, now: Date): ApiKeyDto {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      status: statusOf(key, now),
      expiresAt: key.expiresAt?.toISOString(),
      revokedAt: key.revokedAt?.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString(),
      createdAt: key.createdAt.toISOString(),
      createdBy,
    };
  }
}
