import { EventDispatcher } from '@health/core';
import { sql } from './iam-test-helpers';
import { TestApp } from './test-app';

/** Runs every outbox event not yet handled, as the worker would, until none is left. */
export async function dispatchPending(t: TestApp): Promise<void> {
  const dispatcher = t.app.get(EventDispatcher);
  for (let round = 0; round < 10; round++) {
    const pending = await sql<{ id: string }>(t, `SELECT id FROM outbox WHERE processed_at IS NULL ORDER BY created_at, id`);
    if (pending.length === 0) return;
    for (const { id } of pending) await dispatcher.dispatch(id);
  }
  throw new Error('events kept coming');
}
