import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { ClientImport, ClientImportRow, ClientImportStatus } from './client-import.entity';

export type NewClientImport = Pick<
  ClientImport,
  'id' | 'orgId' | 'status' | 'fileName' | 'format' | 'columns' | 'totalRows' | 'createdBy'
>;
export type NewClientImportRow = Pick<ClientImportRow, 'importId' | 'rowNumber' | 'status' | 'errorCode' | 'errors' | 'clientId'>;

export interface ClientImportCounts {
  imported: number;
  rejected: number;
}

const UNFINISHED: ClientImportStatus[] = ['queued', 'running'];

/** The only place that queries `client_import` and `client_import_row`. */
@Injectable()
export class ClientImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private imports(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ClientImport);
  }

  private rows(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ClientImportRow);
  }

  async insert(values: NewClientImport): Promise<ClientImport> {
    const repo = this.imports();
    return repo.save(repo.create(values));
  }

  findInOrg(orgId: string, id: string): Promise<ClientImport | null> {
    return this.imports().findOneBy({ orgId, id });
  }

  find(id: string): Promise<ClientImport | null> {
    return this.imports().findOneBy({ id });
  }

  list(orgId: string, offset: number, limit: number): Promise<[ClientImport[], number]> {
    return this.imports().findAndCount({ where: { orgId }, order: { createdAt: 'DESC', id: 'ASC' }, skip: offset, take: limit });
  }

  /** Queued or running imports after `afterId`, by id: those the reconciler must keep a job for. */
  async unfinishedIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.imports().find({
      select: { id: true },
      where: afterId ? { status: In(UNFINISHED), id: MoreThan(afterId) } : { status: In(UNFINISHED) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  async update(id: string, changes: Partial<ClientImport>): Promise<void> {
    await this.imports().update({ id }, changes);
  }

  /** Row numbers that already have an outcome (from an earlier run of the same import). */
  async recordedRowNumbers(importId: string): Promise<Set<number>> {
    const rows = await this.rows().find({ select: { rowNumber: true }, where: { importId } });
    return new Set(rows.map((r) => r.rowNumber));
  }

  async insertRow(manager: EntityManager, values: NewClientImportRow): Promise<void> {
    await this.rows(manager).insert(values);
  }

  async counts(importId: string): Promise<ClientImportCounts> {
    const rows: { status: string; count: string }[] = await this.rows()
      .createQueryBuilder('r')
      .select('r.status', 'status')
      .addSelect('count(*)', 'count')
      .where('r.importId = :importId', { importId })
      .groupBy('r.status')
      .getRawMany();
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.count ?? 0);
    return { imported: count('imported'), rejected: count('rejected') };
  }

  rejectedRows(importId: string): Promise<ClientImportRow[]> {
    return this.rows().find({ where: { importId, status: 'rejected' }, order: { rowNumber: 'ASC' } });
  }
}
