import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { queryPrepared } from './prepared-query';

const INSERT = `INSERT INTO item (name) VALUES ($1) RETURNING id, name`;

describe('queryPrepared', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, so every call below meets the statement prepared by the ones before.
    dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE item (id serial PRIMARY KEY, name text NOT NULL UNIQUE)`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('returns the rows, and PostgreSQL keeps the statement prepared on the connection', async () => {
    expect(await queryPrepared(dataSource.manager, 'item_insert', INSERT, ['first'])).toEqual([{ id: 1, name: 'first' }]);
    expect(await queryPrepared(dataSource.manager, 'item_insert', INSERT, ['second'])).toEqual([{ id: 2, name: 'second' }]);
    const prepared = await dataSource.query(`SELECT name FROM pg_prepared_statements WHERE name = 'item_insert'`);
    expect(prepared).toEqual([{ name: 'item_insert' }]);
  });

  it('fails with TypeORM’s QueryFailedError, carrying the driver’s error code', async () => {
    const failure = await queryPrepared(dataSource.manager, 'item_insert', INSERT, ['first']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
    // The connection went back to the pool and still works.
    expect(await queryPrepared(dataSource.manager, 'item_insert', INSERT, ['third'])).toHaveLength(1);
  });

  it('runs inside the manager’s transaction: a rollback takes its row away', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await queryPrepared(manager, 'item_insert', INSERT, ['rolled back']);
        expect(await manager.query(`SELECT count(*)::int AS n FROM item WHERE name = 'rolled back'`)).toEqual([{ n: 1 }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM item WHERE name = 'rolled back'`)).toEqual([{ n: 0 }]);
  });
});
