import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { AuditEvent } from './audit-event.entity';
import { AuditEventRepository } from './audit-event.repository';
import { GroupCommit } from '../database/group-commit';
import { auditRowHash, GENESIS_HASH, HashedFields } from './audit-hash';
import { AuditChainVerification, AuditEntry, AuditFilter } from './audit.types';

const VERIFY_BATCH = 1000;

/**
 * The audit log every domain writes to. `record` appends one hash-chained row; pass the
 * transaction's entity manager to make the row part of the change it describes.
 */
@Injectable()
export class AuditService {
  /**
   * Rows recorded outside a transaction, appended together with those of concurrent requests
   * (waiting up to 1 ms under load, so that more share a statement and its commit).
   */
  private readonly standalone = new GroupCommit<HashedFields, void>(
    async (rows) => {
      await this.events.append(this.dataSource.manager, rows, GENESIS_HASH);
      return rows.map(() => undefined);
    },
    256,
    1,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository,
  ) {}

  /**
   * With a manager the row is part of that transaction. Without one it is committed in a statement
   * of its own, shared with the rows other requests record at the same moment; either way it is
   * stored when the returned promise resolves.
   */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const row = this.rowOf(entry);
    if (manager) await this.events.append(manager, [row], GENESIS_HASH);
    else await this.standalone.submit(row);
  }

  async search(filter: AuditFilter, offset: number, limit: number): Promise<[AuditEvent[], number]> {
    return this.events.search(filter, offset, limit);
  }

  /** Rows in the given chains now. */
  countChainRows(orgIds: (string | null)[]): Promise<number> {
    return this.events.countChainRows(orgIds);
  }

  /**
   * Recomputes every hash of the given chains; stops at the first row that does not match.
   * `onProgress` hears the rows checked so far after every read of the chain.
   */
  async verify(orgIds: (string | null)[], onProgress?: (checked: number) => Promise<void>): Promise<AuditChainVerification> {
    let checked = 0;
    for (const orgId of orgIds) {
      let prevHash = GENESIS_HASH;
      let afterSeq = '0';
      for (;;) {
        const batch = await this.events.chainBatch(orgId, afterSeq, VERIFY_BATCH);
        for (const row of batch) {
          checked += 1;
          if (row.prevHash !== prevHash || row.hash !== auditRowHash(row.prevHash, row)) {
            return { valid: false, checked, firstBrokenId: row.id };
          }
          prevHash = row.hash;
        }
        await onProgress?.(checked);
        if (batch.length < VERIFY_BATCH) break;
        afterSeq = batch[batch.length - 1].seq;
      }
    }
    return { valid: true, checked };
  }

  private rowOf(entry: AuditEntry): HashedFields {
    const context = RequestContext.current();
    const actor =
      entry.actor ?? (context?.actor ? { type: context.actor.type, id: context.actor.id } : { type: 'anonymous' as const });
    const orgId = entry.orgId !== undefined ? entry.orgId : (context?.actor?.orgId ?? null);
    return {
      id: randomUUID(),
      occurredAt: new Date(),
      orgId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      outcome: entry.outcome ?? 'success',
      ip: context?.ip ?? null,
      requestId: context?.requestId ?? null,
    };
  }
}
