import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import { AuthStateCache } from '../users/auth-state.cache';

export type OrganisationWithCount = Organisation & { userCount: number };

@Injectable()
export class OrganisationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authStateCache: AuthStateCache,
  ) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Organisation);
  }

  findById(id: string, manager?: EntityManager): Promise<Organisation | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByCode(code: string, manager?: EntityManager): Promise<Organisation | null> {
    return this.repo(manager).findOneBy({ code });
  }

  findPlatform(manager?: EntityManager): Promise<Organisation | null> {
    return this.repo(manager).findOneBy({ isPlatform: true });
  }

  findAllIds(manager?: EntityManager): Promise<string[]> {
    return this.repo(manager)
      .find({ select: { id: true } })
      .then((rows) => rows.map((r) => r.id));
  }

  async list(offset: number, limit: number): Promise<[OrganisationWithCount[], number]> {
    const [rows, total] = await this.repo().findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, skip: offset, take: limit });
    const counts = await this.userCounts(rows.map((r) => r.id));
    return [rows.map((r) => Object.assign(r, { userCount: counts.get(r.id) ?? 0 })), total];
  }

  async findWithCount(id: string): Promise<OrganisationWithCount | null> {
    const row = await this.repo().findOneBy({ id });
    if (!row) return null;
    const counts = await this.userCounts([id]);
    return Object.assign(row, { userCount: counts.get(id) ?? 0 });
  }

  insert(manager: EntityManager, values: Pick<Organisation, 'name' | 'code' | 'timezone' | 'isPlatform'>): Promise<Organisation> {
    return this.repo(manager).save(this.repo(manager).create({ ...values, status: 'active' }));
  }

  async update(id: string, patch: Partial<Pick<Organisation, 'name' | 'status'>>): Promise<void> {
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length > 0) await this.repo().update({ id }, changes);
    // An organisation's status is part of its users' auth state.
    this.authStateCache.forgetAll();
  }

  private async userCounts(orgIds: string[]): Promise<Map<string, number>> {
    if (orgIds.length === 0) return new Map();
    const rows: { org_id: string; count: string }[] = await this.dataSource.query(
      `SELECT org_id, count(*) AS count FROM staff_user WHERE org_id = ANY($1::uuid[]) GROUP BY org_id`,
      [orgIds],
    );
    return new Map(rows.map((r) => [r.org_id, Number(r.count)]));
  }
}
