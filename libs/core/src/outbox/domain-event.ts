import type { IdsOnly } from '../queue/job-definition';

export interface DomainEventType<P> {
  /** Dotted name, past tense: `card.opened`, `report.ingested`, `tag.added`. */
  readonly type: string;
  /** What kind of row changed: `card`, `exam_report`, `client`. */
  readonly aggregateType: string;
  /** Never set: carries the payload type so writers and handlers agree on it at compile time. */
  readonly payloadType?: P;
}

/** An event as handlers receive it. */
export interface DomainEvent<P> {
  id: string;
  type: string;
  orgId: string | null;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  createdAt: Date;
}

/** Dotted lowercase segments; a segment may hold a dash where the domain has one (`follow-up.completed`). */
const EVENT_TYPE = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;

/**
 * Declares an event once, next to the domain that emits it:
 * `export const CardOpened = defineEvent<{ cardId: string; clientId: string }>({ type: 'card.opened', aggregateType: 'card' })`.
 * The payload type admits ids and flags only: handlers load what they need from the database.
 */
export function defineEvent<P extends IdsOnly<P>>(spec: { type: string; aggregateType: string }): DomainEventType<P> {
  if (!EVENT_TYPE.test(spec.type))
    throw new Error(`invalid event type "${spec.type}": use dotted lowercase names such as card.opened`);
  return { type: spec.type, aggregateType: spec.aggregateType };
}
