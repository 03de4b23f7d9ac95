import { describe, expect, it } from 'vitest';
import { importProgress, isPending } from './exam-imports.schema';

describe('exam import progress', () => {
  it('counts reports with an outcome, and is full once the job completed', () => {
    expect(importProgress({ status: 'running', processedReports: 5, totalReports: 20 })).toBe(25);
    expect(importProgress({ status: 'queued', processedReports: 0, totalReports: 0 })).toBe(0);
    expect(importProgress({ status: 'completed', processedReports: 19, totalReports: 20 })).toBe(100);
  });

  it('keeps polling while a job is queued or running', () => {
    expect(isPending({ status: 'queued' })).toBe(true);
    expect(isPending({ status: 'running' })).toBe(true);
    expect(isPending({ status: 'failed' })).toBe(false);
    expect(isPending({ status: 'completed' })).toBe(false);
  });
});
