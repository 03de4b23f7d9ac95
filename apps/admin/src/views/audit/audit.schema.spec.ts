import { describe, expect, it } from 'vitest';
import { isVerificationRunning, verificationPercent } from './audit.schema';

describe('audit chain verification on the page', () => {
  it('follows a verification while it is queued or running', () => {
    expect(isVerificationRunning({ status: 'queued' })).toBe(true);
    expect(isVerificationRunning({ status: 'running' })).toBe(true);
    expect(isVerificationRunning({ status: 'completed' })).toBe(false);
    expect(isVerificationRunning({ status: 'failed' })).toBe(false);
  });

  it('shows progress in whole per cent, never past 100 when rows were appended meanwhile', () => {
    expect(verificationPercent({ checked: 0, rowsTotal: 0 })).toBe(0);
    expect(verificationPercent({ checked: 1999, rowsTotal: 4000 })).toBe(49);
    expect(verificationPercent({ checked: 4000, rowsTotal: 4000 })).toBe(100);
    expect(verificationPercent({ checked: 4012, rowsTotal: 4000 })).toBe(100);
  });
});
