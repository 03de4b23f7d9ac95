import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { countUpTo, queryPrepared, totalFromLastPage } from '@health/core';
import { ClientConsent, ConsentKind } from './entities/client-consent.entity';
import { Client } from './entities/client.entity';
import { ClientUnmask } from './entities/client-unmask.entity';
import type { Gender } from './entities/client.entity';

export const CLIENT_SORTS = ['createdAt', '-createdAt', 'name', '-name', 'birthDate', '-birthDate'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/**
 * The list's `total` is counted exactly up to this many matches; past it, counting would read every
 * match (a million rows for an unfiltered list) on every page, so the planner's estimate is given.
 */
export const CLIENT_TOTAL_EXACT_UP_TO = 1000;

/** What the client list filters by; every value is already normalised or hashed by the service. */
export interface ClientListFilter {
  /** Name substring or prefix of the pinyin initials. */
  nameOrInitials?: string;
  /** Blind-index hashes a free-text search looked like (a phone, an ID number). */
  searchPhoneHash?: string;
  searchIdNumberHash?: string;
  phoneHash?: string;
  idNumberHash?: string;
  /** Client ids the card number search found; an empty list matches nothing. */
  ids?: string[];
  managerId?: string;
  /** Clients holding this tag (the archives domain keeps `client_tag`; the list only filters by it). */
  tagId?: string;
  gender?: Gender;
  /** Inclusive bounds of the birth date (derived from the age range). */
  bornOnOrAfter?: string;
  bornOnOrBefore?: string;
  sort: ClientSort;
}

/** A new client has no WeChat binding yet: the client binds after registration, by scanning the account's QR code. */
export type NewClient = Omit<
  Client,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt'
  | 'deletedReason'
  | 'wechatOpenIdCipher'
  | 'wechatOpenIdHash'
  | 'wechatOpenIdMasked'
  | 'wechatBoundAt'
>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What the database makes for a new `client` row; the rest is what was inserted. */
interface InsertedClientRow {
  id: string;
  created_at: Date;
  updated_at: Date;
}

function isUniqueViolationOf(err: unknown, constraint: string): boolean {
  return (
    err instanceof QueryFailedError &&
    (err.driverError as { code?: string }).code === '23505' &&
    (err.driverError as { constraint?: string }).constraint === constraint
  );
}

/** Unique violation of the one-live-client-per-ID-number index: a concurrent request won. */
export function isDuplicateIdNumber(err: unknown): boolean {
  return isUniqueViolationOf(err, 'client_org_id_number_unique');
}

/** Unique violation of the one-live-client-per-WeChat-openid index: a concurrent binding won. */
export function isDuplicateWechatOpenId(err: unknown): boolean {
  return isUniqueViolationOf(err, 'client_org_wechat_open_id_unique');
}

@Injectable()
export class ClientRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** A live (not deleted) client of the organisation; `lock` holds the row until the transaction ends. */
  findLive(orgId: string, id: string, manager?: EntityManager, lock = false): Promise<Client | null> {
    const query = this.manager(manager)
      .getRepository(Client)
      .createQueryBuilder('c')
      .where('c.id = :id AND c.orgId = :orgId AND c.deletedAt IS NULL', { id, orgId });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /**
   * Sex and birth date of a live client of the organisation, or null. A narrow read: other domains
   * ask this on every request about a client (trends, archive, ingestion), so it skips the entity.
   */
  async liveFacts(
    orgId: string,
    id: string,
    manager?: EntityManager,
  ): Promise<{ id: string; gender: Gender; birthDate: string } | null> {
    const rows: { id: string; gender: Gender; birth_date: string }[] = await this.manager(manager).query(
      `SELECT id, gender, birth_date::text AS birth_date FROM client WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL`,
      [id, orgId],
    );
    const row = rows[0];
    return row ? { id: row.id, gender: row.gender, birthDate: row.birth_date } : null;
  }

  async liveExists(orgId: string, id: string, manager?: EntityManager): Promise<boolean> {
    return (await this.liveFacts(orgId, id, manager)) !== null;
  }

  /** Id of the live client holding this ID number, other than `exceptId`. */
  idNumberHolder(orgId: string, idNumberHash: string, exceptId?: string, manager?: EntityManager): Promise<string | null> {
    return this.liveHolder('idNumberHash', orgId, idNumberHash, exceptId, manager);
  }

  /** Id of the live client bound to this WeChat openid, other than `exceptId`. */
  wechatOpenIdHolder(
    orgId: string,
    wechatOpenIdHash: string,
    exceptId?: string,
    manager?: EntityManager,
  ): Promise<string | null> {
    return this.liveHolder('wechatOpenIdHash', orgId, wechatOpenIdHash, exceptId, manager);
  }

  private async liveHolder(
    column: 'idNumberHash' | 'wechatOpenIdHash',
    orgId: string,
    hash: string,
    exceptId: string | undefined,
    manager: EntityManager | undefined,
  ): Promise<string | null> {
    const query = this.manager(manager)
      .getRepository(Client)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where(`c.orgId = :orgId AND c.${column} = :hash AND c.deletedAt IS NULL`, { orgId, hash });
    if (exceptId) query.andWhere('c.id <> :exceptId', { exceptId });
    const row = await query.getRawOne<{ id: string }>();
    return row?.id ?? null;
  }

  findLiveByIdNumberHash(orgId: string, idNumberHash: string, manager?: EntityManager): Promise<Client | null> {
    return this.manager(manager)
      .getRepository(Client)
      .createQueryBuilder('c')
      .where('c.orgId = :orgId AND c.idNumberHash = :idNumberHash AND c.deletedAt IS NULL', { orgId, idNumberHash })
      .getOne();
  }

  /** At most two: enough to tell "one" from "ambiguous". */
  findLiveByPhoneAndName(orgId: string, phoneHash: string, name: string, manager?: EntityManager): Promise<Client[]> {
    return this.manager(manager)
      .getRepository(Client)
      .createQueryBuilder('c')
      .where('c.orgId = :orgId AND c.phoneHash = :phoneHash AND c.name = :name AND c.deletedAt IS NULL', {
        orgId,
        phoneHash,
        name,
      })
      .orderBy('c.createdAt')
      .take(2)
      .getMany();
  }

  /**
   * Inserts the client unless a live client of the organisation already holds its ID number, in
   * one statement: `null` when the number is taken. Raw SQL because this is the hottest write path
   * (one round trip, no explicit transaction needed); inside a caller's transaction a conflict
   * leaves that transaction usable.
   */
  async insertUnlessIdNumberTaken(values: NewClient, manager?: EntityManager): Promise<Client | null> {
    // Prepared: planning this INSERT cost PostgreSQL almost a quarter of the statement's CPU.
    const rows = await queryPrepared<InsertedClientRow>(
      this.manager(manager),
      'client_insert_unless_id_number_taken',
      `INSERT INTO client (org_id, name, name_initials, gender, birth_date, id_type, id_number_cipher, id_number_hash,
         id_number_masked, phone_cipher, phone_hash, phone_masked, address, emergency_contact, source_channel, manager_id, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (org_id, id_number_hash) WHERE deleted_at IS NULL AND id_number_hash IS NOT NULL DO NOTHING
       RETURNING id, created_at, updated_at`,
      [
        values.orgId,
        values.name,
        values.nameInitials,
        values.gender,
        values.birthDate,
        values.idType,
        values.idNumberCipher,
        values.idNumberHash,
        values.idNumberMasked,
        values.phoneCipher,
        values.phoneHash,
        values.phoneMasked,
        values.address,
        values.emergencyContact === null ? null : JSON.stringify(values.emergencyContact),
        values.sourceChannel,
        values.managerId,
        values.notes,
      ],
    );
    if (rows.length === 0) return null;
    // Only the columns the database fills come back: describing and parsing all 26 on every
    // insert was 2 % of the API's CPU under the create benchmark.
    const [{ id, created_at: createdAt, updated_at: updatedAt }] = rows;
    return Object.assign(new Client(), {
      ...values,
      id,
      wechatOpenIdCipher: null,
      wechatOpenIdHash: null,
      wechatOpenIdMasked: null,
      wechatBoundAt: null,
      deletedAt: null,
      deletedReason: null,
      createdAt,
      updatedAt,
    });
  }

  save(manager: EntityManager, client: Client): Promise<Client> {
    return manager.getRepository(Client).save(client);
  }

  async softDelete(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.getRepository(Client).update({ id }, { deletedAt: () => 'now()', deletedReason: reason });
  }

  /**
   * One page of the filtered, sorted list and its total (see `CLIENT_TOTAL_EXACT_UP_TO`). The page
   * is found in two steps: the ids, which the sort indexes give without reading table rows (a deep
   * page skips index entries instead of whole rows), then the rows of those ids.
   */
  async list(orgId: string, filter: ClientListFilter, offset: number, limit: number): Promise<[Client[], number]> {
    const query = this.dataSource
      .getRepository(Client)
      .createQueryBuilder('c')
      .where('c.orgId = :orgId AND c.deletedAt IS NULL', { orgId });
    this.applySearch(query, filter);
    if (filter.phoneHash) query.andWhere('c.phoneHash = :phoneHash', { phoneHash: filter.phoneHash });
    if (filter.idNumberHash) query.andWhere('c.idNumberHash = :idNumberHash', { idNumberHash: filter.idNumberHash });
    if (filter.ids) query.andWhere('c.id = ANY(:ids)', { ids: filter.ids });
    if (filter.managerId) query.andWhere('c.managerId = :managerId', { managerId: filter.managerId });
    if (filter.tagId)
      query.andWhere('EXISTS (SELECT 1 FROM client_tag ct WHERE ct.client_id = c.id AND ct.tag_id = :tagId)', {
        tagId: filter.tagId,
      });
    if (filter.gender) query.andWhere('c.gender = :gender', { gender: filter.gender });
    if (filter.bornOnOrAfter) query.andWhere('c.birthDate >= :bornOnOrAfter', { bornOnOrAfter: filter.bornOnOrAfter });
    if (filter.bornOnOrBefore) query.andWhere('c.birthDate <= :bornOnOrBefore', { bornOnOrBefore: filter.bornOnOrBefore });

    const descending = filter.sort.startsWith('-');
    const field = descending ? filter.sort.slice(1) : filter.sort;
    const direction = descending ? 'DESC' : 'ASC';
    const page = await query
      .clone()
      .select('c.id', 'id')
      .orderBy(`c.${field}`, direction)
      .addOrderBy('c.id', direction)
      .offset(offset)
      .limit(limit)
      .getRawMany<{ id: string }>();
    const ids = page.map((row) => row.id);
    const rows = ids.length === 0 ? [] : await this.dataSource.getRepository(Client).findBy({ id: In(ids) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = ids.map((id) => byId.get(id)).filter((row): row is Client => row !== undefined);
    return [items, totalFromLastPage(ids.length, offset, limit) ?? (await countUpTo(query, CLIENT_TOTAL_EXACT_UP_TO))];
  }

  /**
   * Free text matches a name substring, a prefix of the initials, or exactly a phone or ID number.
   * The name's character pairs (`name_grams`, GIN-indexed) narrow the rows that ILIKE then checks.
   */
  private applySearch(query: SelectQueryBuilder<Client>, filter: ClientListFilter): void {
    const alternatives: string[] = [];
    const params: Record<string, string> = {};
    if (filter.nameOrInitials) {
      const text = escapeLike(filter.nameOrInitials);
      alternatives.push(
        `(c.name_grams @> client_search_grams(:searchText) AND c.name ILIKE :nameSubstring ESCAPE '\\')`,
        `c.nameInitials LIKE :initialsPrefix ESCAPE '\\'`,
      );
      params.searchText = filter.nameOrInitials;
      params.nameSubstring = `%${text}%`;
      params.initialsPrefix = `${text.toLowerCase()}%`;
    }
    if (filter.searchPhoneHash) {
      alternatives.push('c.phoneHash = :searchPhoneHash');
      params.searchPhoneHash = filter.searchPhoneHash;
    }
    if (filter.searchIdNumberHash) {
      alternatives.push('c.idNumberHash = :searchIdNumberHash');
      params.searchIdNumberHash = filter.searchIdNumberHash;
    }
    if (alternatives.length > 0) query.andWhere(`(${alternatives.join(' OR ')})`, params);
  }

  async insertConsent(manager: EntityManager, values: Omit<ClientConsent, 'id' | 'recordedAt'>): Promise<ClientConsent> {
    const repo = manager.getRepository(ClientConsent);
    return repo.save(repo.create({ ...values, recordedAt: new Date() }));
  }

  /** The decision in force for a kind: the latest one recorded. */
  latestConsent(manager: EntityManager, clientId: string, kind: ConsentKind): Promise<ClientConsent | null> {
    return manager.getRepository(ClientConsent).findOne({ where: { clientId, kind }, order: { recordedAt: 'DESC', id: 'DESC' } });
  }

  /** Newest first. */
  consents(clientId: string): Promise<ClientConsent[]> {
    return this.dataSource.getRepository(ClientConsent).find({ where: { clientId }, order: { recordedAt: 'DESC', id: 'DESC' } });
  }

  async insertUnmask(manager: EntityManager, values: Omit<ClientUnmask, 'id' | 'createdAt'>): Promise<void> {
    await manager.getRepository(ClientUnmask).insert({ ...values, createdAt: new Date() });
  }
}
