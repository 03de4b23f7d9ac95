import { createHash } from 'node:crypto';
import { applyDecorators, Injectable } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';

/** What the first request with a key answered. */
export interface StoredResponse<T> {
  statusCode: number;
  body: T;
}

/** Claiming a key: either this request owns it now, or an earlier one already answered. */
export type IdempotencyClaim<T> = { replay: false } | { replay: true; response: StoredResponse<T> };

const KEY = /^[\x21-\x7e]{1,255}$/;

/** Documents the optional header on an operation. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Up to 255 visible ASCII characters, unique per request you mean. A retry with the same key and body answers ' +
        'the first response; the same key with another body → 409 `IDEMPOTENCY_KEY_REUSED`. Only successful requests ' +
        'keep their key (for 7 days): after an error the key may be used again.',
    }),
  );

/** SHA-256 of JSON with sorted object keys: two bodies meaning the same hash the same. */
export function requestHash(body: unknown): string {
  const canonical = JSON.stringify(body, (_key, node: unknown) =>
    node !== null && typeof node === 'object' && !Array.isArray(node)
      ? Object.fromEntries(Object.entries(node as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : node,
  );
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

/**
 * `Idempotency-Key` for writes that third parties retry. Use inside the transaction of the change:
 * `claim` inserts the key (a concurrent request with the same key waits on the row until this one
 * commits or rolls back), the caller makes its change, then `complete` stores the response. A
 * rolled-back request leaves no key behind.
 */
@Injectable()
export class IdempotencyService {
  /** The header value, checked; undefined when absent. */
  parseKey(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    if (!KEY.test(raw)) {
      throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', [
        { field: 'Idempotency-Key', code: 'invalid', message: 'Idempotency-Key must be 1-255 visible ASCII characters' },
      ]);
    }
    return raw;
  }

  async claim<T>(
    manager: EntityManager,
    orgId: string,
    operation: string,
    key: string,
    hash: string,
  ): Promise<IdempotencyClaim<T>> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (org_id, operation, key, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [orgId, operation, key, hash],
    );
    if (inserted.length > 0) return { replay: false };
    const rows: { request_hash: string; status_code: number | null; response: T }[] = await manager.query(
      `SELECT request_hash, status_code, response FROM idempotency_key WHERE org_id = $1 AND operation = $2 AND key = $3`,
      [orgId, operation, key],
    );
    const stored = rows[0];
    if (stored === undefined || stored.request_hash !== hash || stored.status_code === null) {
      throw DomainError.conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
    }
    return { replay: true, response: { statusCode: stored.status_code, body: stored.response } };
  }

  async complete<T>(
    manager: EntityManager,
    orgId: string,
    operation: string,
    key: string,
    response: StoredResponse<T>,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_key SET status_code = $4, response = $5 WHERE org_id = $1 AND operation = $2 AND key = $3`,
      [orgId, operation, key, response.statusCode, JSON.stringify(response.body)],
    );
  }
}
