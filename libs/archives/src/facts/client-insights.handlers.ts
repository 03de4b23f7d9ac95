import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventType, EventHandlers } from '@health/core';
import { CardActivated, CardCancelled, CardExpired, CardFrozen, CardOpened, CardRenewed, CardUnfrozen } from '@health/cards';
import { ArchiveUpdated, ReportIngested, ReportReprocessed } from '../archives.events';
import { ClientInsightsService } from './client-insights.service';

/**
 * Rebuilds a client's facts, risks and tags whenever what they are computed from changes: an exam
 * report (new or re-processed), the health profile, or a card (card type facts).
 */
@Injectable()
export class ClientInsightsHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlers,
    private readonly insights: ClientInsightsService,
  ) {}

  onModuleInit(): void {
    this.on(ReportIngested, 'archives.insights-after-report');
    this.on(ReportReprocessed, 'archives.insights-after-reprocessing');
    this.on(ArchiveUpdated, 'archives.insights-after-archive');
    for (const event of [CardOpened, CardActivated, CardFrozen, CardUnfrozen, CardRenewed, CardCancelled, CardExpired])
      this.on(event as DomainEventType<{ clientId: string }>, `archives.insights-after-${event.type}`);
  }

  private on<P extends { clientId: string; reportId?: string }>(event: DomainEventType<P>, name: string): void {
    this.handlers.on(event, name, (e: DomainEvent<P>, manager: EntityManager) => this.refresh(e, manager));
  }

  private async refresh(event: DomainEvent<{ clientId: string; reportId?: string }>, manager: EntityManager): Promise<void> {
    if (event.orgId === null) return;
    await this.insights.refresh(manager, event.orgId, event.payload.clientId, {
      type: event.type,
      reportId: event.payload.reportId ?? null,
      actorType: 'system',
      actorId: `event:${event.id}`,
    });
  }
}
