import { MigrationInterface, QueryRunner } from 'typeorm';
import { ClientInsights1764900000001 } from './facts/insights.migrations';
import { ExamImports1764800000004 } from './exam-imports/exam-imports.migrations';
import { ExamReports1764800000003 } from './exam-reports/exam-reports.migrations';
import { MappingChanges1767100000402, MappingReprocessing1764800000005 } from './mappings/indicator-mappings.migrations';
import { IndicatorDictionary1764800000001, IndicatorStatus1767100000401 } from './indicators/indicators.migrations';
import { Observations1764700000001 } from './observations/observations.migrations';

/**
 * Health profiles: the current profile per client (`health_archive`, its row lock serialises
 * edits) and every saved version with its snapshot, changed paths and author.
 */
export class ArchiveProfiles1763900200001 implements MigrationInterface {
  name = 'ArchiveProfiles1763900200001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE health_archive (
        client_id uuid PRIMARY KEY REFERENCES client (id),
        org_id uuid NOT NULL REFERENCES organisation (id),
        version integer NOT NULL CHECK (version > 0),
        profile jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX health_archive_org_idx ON health_archive (org_id)`);

    await db.query(`
      CREATE TABLE health_archive_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organisation (id),
        client_id uuid NOT NULL REFERENCES health_archive (client_id),
        version integer NOT NULL CHECK (version > 0),
        profile jsonb NOT NULL,
        changed_paths text[] NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT health_archive_version_unique UNIQUE (client_id, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE health_archive_version`);
    await db.query(`DROP TABLE health_archive`);
  }
}

/** Migrations of the archives domain, in order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ARCHIVES_MIGRATIONS: Function[] = [
  ArchiveProfiles1763900200001,
  Observations1764700000001,
  IndicatorDictionary1764800000001,
  ExamReports1764800000003,
  ExamImports1764800000004,
  MappingReprocessing1764800000005,
  ClientInsights1764900000001,
  IndicatorStatus1767100000401,
  MappingChanges1767100000402,
];
