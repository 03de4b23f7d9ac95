import { auditRowHash, GENESIS_HASH, HashedFields } from './audit-hash';

const row: HashedFields = {
  id: '0b6f6f3e-6a55-4f0e-9d1e-5b7c2f3d9a10',
  occurredAt: new Date('2026-01-02T03:04:05.678Z'),
  orgId: null,
  actorType: 'anonymous',
  actorId: null,
  action: 'auth.login_failed',
  targetType: null,
  targetId: null,
  outcome: 'failure',
  ip: '127.0.0.1',
  requestId: 'req-12345678',
};

describe('audit row hash', () => {
  it('is a hex sha256 that depends on the previous hash', () => {
    const first = auditRowHash(GENESIS_HASH, row);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash(first, row)).not.toBe(first);
  });

  it('changes when any field changes', () => {
    const base = auditRowHash(GENESIS_HASH, row);
    expect(auditRowHash(GENESIS_HASH, { ...row, outcome: 'success' })).not.toBe(base);
    expect(auditRowHash(GENESIS_HASH, { ...row, occurredAt: new Date('2026-01-02T03:04:05.679Z') })).not.toBe(base);
    expect(auditRowHash(GENESIS_HASH, { ...row, targetType: 'user', targetId: null })).not.toBe(base);
  });

  it('cannot be fooled by moving text between neighbouring fields', () => {
    const a = auditRowHash(GENESIS_HASH, { ...row, targetType: 'user', targetId: 'x' });
    const b = auditRowHash(GENESIS_HASH, { ...row, targetType: 'use', targetId: 'rx' });
    expect(a).not.toBe(b);
  });
});
