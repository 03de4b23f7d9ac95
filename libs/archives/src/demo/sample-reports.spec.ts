import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_ORIGINALS_DIR } from '@health/clinical/testing';
import { SAMPLE_REPORTS_DIR, sampleReports } from './exam-reports-demo-seeder';

// Without the shared originals beside the checkout (a newcomer's clone) there is nothing to compare.
const withOriginals = SHARED_ORIGINALS_DIR === undefined ? it.skip : it;

describe('the committed sample reports of the demo data', () => {
  withOriginals('are byte-for-byte copies of the shared samples', () => {
    const originals = join(SHARED_ORIGINALS_DIR!, 'samples');
    const shared = readdirSync(originals).filter((file) => /\.(json|csv)$/.test(file));
    expect(readdirSync(SAMPLE_REPORTS_DIR).sort()).toEqual(shared.sort());
    for (const file of shared) {
      expect(readFileSync(join(SAMPLE_REPORTS_DIR, file), 'utf8')).toBe(readFileSync(join(originals, file), 'utf8'));
    }
  });

  it('read as 24 reports: the CSV grouped by source and external id, then the JSON files', () => {
    const reports = sampleReports();
    expect(reports).toHaveLength(24);
    const wang = reports.filter((r) => r.client?.name === '王志强');
    expect(wang.map((r) => r.examDate)).toEqual(['2021-06-01', '2022-06-15', '2023-06-20', '2024-07-02', '2025-07-08']);
    const csvItems = reports.slice(0, 20).reduce((sum, r) => sum + (r.items as unknown[]).length, 0);
    expect(csvItems).toBe(1006);
    expect(reports[20].externalId).toBe('RK2025041600231');
  });
});
