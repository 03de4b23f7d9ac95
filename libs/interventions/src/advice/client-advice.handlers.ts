import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventType, EventHandlers } from '@health/core';
import { RiskChanged, TagAdded, TagRemoved } from '@health/archives';
import { ClientAdviceService } from './client-advice.service';

/** Regenerates a client's advice when what conditions read changed: its tags or a risk category. */
@Injectable()
export class ClientAdviceHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlers,
    private readonly advice: ClientAdviceService,
  ) {}

  onModuleInit(): void {
    this.on(TagAdded, 'interventions.advice-after-tag-added');
    this.on(TagRemoved, 'interventions.advice-after-tag-removed');
    this.on(RiskChanged, 'interventions.advice-after-risk-changed');
  }

  private on<P extends { clientId: string }>(event: DomainEventType<P>, name: string): void {
    this.handlers.on(event, name, async (e: DomainEvent<P>, manager: EntityManager) => {
      if (e.orgId === null) return;
      await this.advice.regenerateAfterEvent(manager, e.orgId, e.payload.clientId, e.id);
    });
  }
}
