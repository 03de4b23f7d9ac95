import { defineEvent } from '../outbox/domain-event';
import { defineJob } from './job-definition';
import { isQueueUnavailable, isRedisConnectionError, queueUnavailableError } from './queue-unavailable';

describe('defineJob', () => {
  it('fills in retry defaults', () => {
    expect(defineJob<{ taskId: string }>({ queue: 'follow-ups', name: 'task-due' })).toEqual({
      queue: 'follow-ups',
      name: 'task-due',
      attempts: 5,
      backoffMs: 2000,
    });
  });

  it('refuses names BullMQ or Redis keys would trip over', () => {
    expect(() => defineJob({ queue: 'follow:ups', name: 'x' })).toThrow('invalid queue name');
    expect(() => defineJob({ queue: 'follow-ups', name: 'Task Due' })).toThrow('invalid job name');
  });
});

describe('defineEvent', () => {
  it('requires dotted lowercase event types', () => {
    expect(defineEvent<{ cardId: string }>({ type: 'card.opened', aggregateType: 'card' }).type).toBe('card.opened');
    expect(() => defineEvent({ type: 'CardOpened', aggregateType: 'card' })).toThrow('invalid event type');
    expect(defineEvent({ type: 'follow-up.completed', aggregateType: 'follow_up_task' }).type).toBe('follow-up.completed');
    expect(() => defineEvent({ type: '-follow.completed', aggregateType: 'x' })).toThrow('invalid event type');
  });
});

describe('queue errors', () => {
  it('recognises Redis connection failures, also from plain objects of another realm', () => {
    expect(isRedisConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isRedisConnectionError({ message: "Stream isn't writeable and enableOfflineQueue options is false" })).toBe(true);
    expect(isRedisConnectionError(new Error('Custom Id cannot be integers'))).toBe(false);
    expect(isRedisConnectionError(undefined)).toBe(false);
  });

  it('QUEUE_UNAVAILABLE is a 503 with Retry-After', () => {
    const error = queueUnavailableError();
    expect(error).toMatchObject({ statusCode: 503, code: 'QUEUE_UNAVAILABLE', headers: { 'Retry-After': '5' } });
    expect(isQueueUnavailable(error)).toBe(true);
    expect(isQueueUnavailable(new Error('other'))).toBe(false);
  });
});
