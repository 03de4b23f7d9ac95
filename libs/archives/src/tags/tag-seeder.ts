import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SEED_TAGS } from './tag-seeds';
import { TagRepository } from './tag.repository';

/** First key of the per-organisation seeding lock (two-key advisory lock space). */
const TAG_SEED_LOCK = 46_023;

/**
 * Gives every organisation the seeded tag rules: at start for the organisations that exist, and
 * on first use for one created later. Idempotent by seed key; a seed whose name an organisation
 * already uses is skipped; edited or deactivated seeds are never overwritten. New rules are stored
 * `queued`: the reconciler enqueues their re-evaluation (seeding never waits for Redis, so the API
 * starts while the queue is down).
 */
@Injectable()
export class TagSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('TagSeeder');
  private readonly seeded = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let added = 0;
    for (const orgId of await this.tags.organisationIds()) added += await this.ensure(orgId);
    if (added > 0) this.logger.log(`tag rules: ${added} seeded rule(s) added`);
  }

  /** Returns how many seeded rules were added. */
  async ensure(orgId: string): Promise<number> {
    if (this.seeded.has(orgId)) return 0;
    const inserted = await this.dataSource.transaction((manager) => this.insertMissing(manager, orgId));
    this.seeded.add(orgId);
    return inserted.length;
  }

  /**
   * The same inside a caller's transaction (an event handler's: the embedded database has one
   * connection, so no second transaction may be opened).
   */
  async ensureWithin(manager: EntityManager, orgId: string): Promise<void> {
    if (this.seeded.has(orgId)) return;
    // Remembered only when nothing was inserted: an insert commits with the caller, or not at all.
    if ((await this.insertMissing(manager, orgId)).length === 0) this.seeded.add(orgId);
  }

  private async insertMissing(manager: EntityManager, orgId: string): Promise<string[]> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [TAG_SEED_LOCK, orgId]);
    const present = await this.tags.seedKeysOf(orgId, manager);
    if (SEED_TAGS.every((seed) => present.has(seed.seedKey))) return [];
    // Clients with facts must be re-evaluated; without any, every first rebuild evaluates all rules.
    const reevaluate = await this.tags.orgHasFacts(manager, orgId);
    const ids: string[] = [];
    for (const seed of SEED_TAGS) {
      if (present.has(seed.seedKey)) continue;
      const id = await this.tags.insertSeed(manager, orgId, seed, reevaluate);
      if (id === null) continue;
      await this.tags.insertRuleVersion(manager, {
        tagId: id,
        orgId,
        version: 1,
        condition: seed.condition,
        actorType: 'system',
        actorId: 'tag-seeder',
      });
      ids.push(id);
    }
    return ids;
  }
}
