import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { ApiKey } from '../entities/api-key.entity';
import { OrganisationStatus } from '../entities/organisation.entity';

export type ApiKeyWithOrgStatus = ApiKey & { orgStatus: OrganisationStatus };

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ApiKey);
  }

  list(orgId: string, offset: number, limit: number): Promise<[ApiKey[], number]> {
    return this.repo.findAndCount({ where: { orgId }, order: { createdAt: 'DESC', id: 'ASC' }, skip: offset, take: limit });
  }

  findInOrg(orgId: string, id: string): Promise<ApiKey | null> {
    return this.repo.findOneBy({ orgId, id });
  }

  async findByPrefix(prefix: string): Promise<ApiKeyWithOrgStatus | null> {
    const result = await this.repo
      .createQueryBuilder('k')
      .innerJoin('organisation', 'o', 'o.id = k.org_id')
      .addSelect('o.status', 'org_status')
      .where('k.prefix = :prefix', { prefix })
      .getRawAndEntities<{ org_status: OrganisationStatus }>();
    const key = result.entities[0];
    return key ? Object.assign(key, { orgStatus: result.raw[0].org_status }) : null;
  }

  insert(values: Pick<ApiKey, 'orgId' | 'name' | 'prefix' | 'keyHash' | 'scopes' | 'expiresAt' | 'createdBy'>): Promise<ApiKey> {
    return this.repo.save(this.repo.create({ ...values, revokedAt: null, lastUsedAt: null }));
  }

  /** `id → name` for the given ids within the given organisations (display of audit actors). */
  async names(orgIds: string[], ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0 || orgIds.length === 0) return new Map();
    const rows = await this.repo.find({ select: { id: true, name: true }, where: { id: In(ids), orgId: In(orgIds) } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Revokes once: a second revoke keeps the first revocation time. */
  async revoke(orgId: string, id: string): Promise<void> {
    await this.repo.update({ orgId, id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** At most one write per key and minute however busy the key is. */
  async touchLastUsed(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_key SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
