import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SAMPLE_REPORTS_DIR, sampleReports } from './exam-reports-demo-seeder';

const SHARED_DIR = process.env['HEALTH_SHARED_DIR'] ?? resolve(__dirname, '../../../../../shared');

describe('the committed sample reports of the demo data', () => {
  it('are byte-for-byte copies of the shared samples', () => {
    const shared = readdirSync(join(SHARED_DIR, 'samples')).filter((file) => /\.(json|csv)$/.test(file));
    expect(readdirSync(SAMPLE_REPORTS_DIR).sort()).toEqual(shared.sort());
    for (const file of shared) {
      expect(readFileSync(join(SAMPLE_REPORTS_DIR, file), 'utf8')).toBe(readFileSync(join(SHARED_DIR, 'samples', file), 'utf8'));
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
