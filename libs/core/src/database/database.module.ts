import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DATABASE_RUNTIME, DatabaseRuntime } from './database-runtime';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Any fixed number: serialises migrations across every api and worker process on one database. */
const MIGRATION_LOCK_KEY = 7_310_402_611;

export function dataSourceOptions(runtime: DatabaseRuntime): DataSourceOptions {
  return {
    type: 'postgres',
    url: runtime.url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: runtime.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    // TypeORM would print failing SQL with its parameters (personal data) to the console; errors
    // reach our exception filter and logs through describeError instead.
    logging: false,
    // The embedded database is one connection shared by requests, seeding and the inline worker's
    // event handlers: waiting in line for it is expected there, so only a server gets a short timeout.
    extra: { max: runtime.embedded ? 1 : 10, connectionTimeoutMillis: runtime.embedded ? 300_000 : 10_000 },
  };
}

async function applyMigrations(dataSource: DataSource, logger: Logger): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length > 0) logger.log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
}

/**
 * On a PostgreSQL server several api and worker processes may start together, so migrations run
 * under a session advisory lock. The embedded database has one connection and one process: the
 * lock would hold the only connection the migrations need.
 */
async function migrate(dataSource: DataSource, runtime: DatabaseRuntime, logger: Logger): Promise<void> {
  if (runtime.embedded) return applyMigrations(dataSource, logger);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await applyMigrations(dataSource, logger);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * TypeORM on PostgreSQL. Entities register themselves with `TypeOrmModule.forFeature`; the committed
 * migrations are applied before any provider receives the data source (never `synchronize`).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(runtime: DatabaseRuntime): DynamicModule {
    const logger = new Logger('Database');
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(runtime), autoLoadEntities: true }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            if (runtime.runMigrations) await migrate(dataSource, runtime, logger);
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: DATABASE_RUNTIME, useValue: runtime }],
      exports: [DATABASE_RUNTIME],
    };
  }
}
