import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ADVICE_SEEDS } from './advice-seeds';
import { AdviceTemplateRepository } from './advice-template.repository';

/**
 * Gives every organisation the starter advice library: all organisations at each start, and one
 * created later on its first use of advice (there is no organisation-created event to hook). A
 * seed key is inserted once per organisation, so staff edits and deletions of seeded templates
 * stand; a release that adds seeds adds only those. Runs under an advisory lock, so processes
 * starting together seed once.
 */
@Injectable()
export class AdviceSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdviceSeeder');
  /** Organisations this process knows to be seeded: the lazy check costs one query per organisation. */
  private readonly seeded = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: AdviceTemplateRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const added = await this.seed();
    if (added > 0) this.logger.log(`advice library: ${added} seeded template(s) added`);
  }

  async ensureSeeded(orgId: string): Promise<void> {
    if (this.seeded.has(orgId)) return;
    await this.seed(orgId);
    this.seeded.add(orgId);
  }

  /**
   * The same inside a caller's transaction (an event handler's): the embedded database has a
   * single connection, so a second transaction would wait for this one forever. Remembered only
   * when nothing was inserted, as an insert commits with the caller or not at all.
   */
  async ensureSeededWithin(manager: EntityManager, orgId: string): Promise<void> {
    if (this.seeded.has(orgId)) return;
    if ((await this.seedWith(manager, orgId)) === 0) this.seeded.add(orgId);
  }

  /** Seeds one organisation, or all; returns how many templates were added. */
  async seed(orgId?: string): Promise<number> {
    return this.dataSource.transaction((manager) => this.seedWith(manager, orgId));
  }

  private async seedWith(manager: EntityManager, orgId?: string): Promise<number> {
    const keys = ADVICE_SEEDS.map((s) => s.seedKey);
    await this.templates.lockSeed(manager);
    let added = 0;
    for (const id of await this.templates.organisationsMissingSeeds(manager, keys, orgId))
      added += await this.templates.insertSeeds(manager, id, ADVICE_SEEDS);
    return added;
  }
}
