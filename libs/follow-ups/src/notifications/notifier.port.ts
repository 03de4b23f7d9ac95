import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/*
 * The notification contract of issue 6 (`Notifier` in @health/core, built in parallel). Follow-ups
 * code against this copy; at merge the file re-exports core's types and the module's provider for
 * `Notifier` goes, so nothing else changes.
 */

export type NotificationChannel = 'in_app' | 'webhook' | 'sms' | 'wechat';

export interface NotificationRequest {
  orgId: string;
  /** Unique per organisation and channel: a second request with the same key creates nothing. */
  dedupeKey: string;
  audience: 'staff' | 'client';
  userId?: string;
  clientId?: string;
  channels: NotificationChannel[];
  template: string;
  /** Stored in the notification row, never in a job payload. */
  variables: Record<string, string | number>;
}

export abstract class Notifier {
  /** Inserts one notification per channel in the caller's transaction; returns their ids (existing ids for a duplicate key). */
  abstract request(manager: EntityManager, request: NotificationRequest): Promise<string[]>;
  /** After the caller's commit: enqueue delivery; never throws when Redis is down. */
  abstract deliverSoon(ids: string[]): Promise<void>;
}

/**
 * Stand-in until core's `Notifier` is merged: keeps the requests of this process (deduplicated by
 * organisation, key and channel exactly like the contract) and delivers nothing. Tests read
 * `requests` to see what follow-ups asked for.
 */
@Injectable()
export class RecordingNotifier extends Notifier {
  readonly requests: NotificationRequest[] = [];
  private readonly ids = new Map<string, string>();

  async request(_manager: EntityManager, request: NotificationRequest): Promise<string[]> {
    let created = false;
    const ids = request.channels.map((channel) => {
      const key = `${request.orgId}|${request.dedupeKey}|${channel}`;
      let id = this.ids.get(key);
      if (!id) {
        id = randomUUID();
        this.ids.set(key, id);
        created = true;
      }
      return id;
    });
    if (created) this.requests.push(request);
    return ids;
  }

  async deliverSoon(): Promise<void> {}
}
