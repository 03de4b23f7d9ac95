export type DependencyStatus = 'up' | 'down';

/** Reports whether Redis (and so BullMQ) answers right now, without ever hanging. */
export abstract class QueueHealth {
  abstract status(): Promise<DependencyStatus>;
}
