import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TagsService } from '@health/archives';
import { FollowUpTemplateRepository } from '../templates/follow-up-template.repository';
import { FOLLOW_UP_SEEDS } from './follow-up-seeds';

/** First key of the per-organisation seeding lock (two-key advisory lock space). */
const FOLLOW_UP_SEED_LOCK = 46_061;

/**
 * Gives every organisation the seeded templates: at start for the organisations that exist, on
 * first use (list, events) for one created later. Idempotent by seed key; a seed staff deleted or
 * edited is never brought back or overwritten. A chronic seed whose disease tag the organisation
 * deleted is skipped.
 */
@Injectable()
export class FollowUpSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('FollowUpSeeder');
  private readonly seeded = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: FollowUpTemplateRepository,
    private readonly tags: TagsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let added = 0;
    for (const orgId of await this.templates.organisationIds()) added += await this.ensure(orgId);
    if (added > 0) this.logger.log(`follow-up templates: ${added} seeded template(s) added`);
  }

  async ensure(orgId: string): Promise<number> {
    if (this.seeded.has(orgId)) return 0;
    const added = await this.dataSource.transaction((manager) => this.insertMissing(manager, orgId));
    this.seeded.add(orgId);
    return added;
  }

  /** The same inside a caller's transaction (an event handler's: the embedded database has one connection). */
  async ensureWithin(manager: EntityManager, orgId: string): Promise<void> {
    if (!this.seeded.has(orgId)) await this.insertMissing(manager, orgId);
  }

  private async insertMissing(manager: EntityManager, orgId: string): Promise<number> {
    // Checked before locking: event handlers call this in every transaction, and the lock would
    // queue all of an organisation's events behind each other once it is seeded.
    if (this.missingSeeds(await this.templates.seedKeysOf(manager, orgId)).length === 0) {
      this.seeded.add(orgId);
      return 0;
    }
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [FOLLOW_UP_SEED_LOCK, orgId]);
    const missing = this.missingSeeds(await this.templates.seedKeysOf(manager, orgId));
    if (missing.length === 0) return 0;
    const tagIds = await this.tags.seededTagIds(
      manager,
      orgId,
      missing.flatMap((seed) => seed.tagSeedKeys),
    );
    let added = 0;
    for (const seed of missing) {
      const ids = seed.tagSeedKeys.map((key) => tagIds.get(key));
      if (ids.some((id) => id === undefined)) continue;
      const id = await this.templates.insert(
        manager,
        orgId,
        seed.values(ids as string[]),
        { actorType: 'system', actorId: null },
        seed.seedKey,
      );
      if (id !== null) added++;
    }
    return added;
  }

  private missingSeeds(present: ReadonlySet<string>) {
    return FOLLOW_UP_SEEDS.filter((seed) => !present.has(seed.seedKey));
  }
}
