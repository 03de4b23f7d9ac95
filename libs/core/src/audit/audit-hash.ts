import { createHash } from 'node:crypto';
import type { AuditEvent } from './audit-event.entity';

/** `prev_hash` of the first row of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Pick<
  AuditEvent,
  'id' | 'occurredAt' | 'orgId' | 'actorType' | 'actorId' | 'action' | 'targetType' | 'targetId' | 'outcome' | 'ip' | 'requestId'
>;

/**
 * A fixed-order JSON array of the row's fields: unambiguous (no field can absorb its neighbour)
 * and stable across processes and versions as long as this order never changes.
 */
export function canonicalAuditFields(row: HashedFields): string {
  return JSON.stringify([
    row.id,
    row.occurredAt.toISOString(),
    row.orgId,
    row.actorType,
    row.actorId,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    row.ip,
    row.requestId,
  ]);
}

export function auditRowHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256')
    .update(prevHash + canonicalAuditFields(row))
    .digest('hex');
}
