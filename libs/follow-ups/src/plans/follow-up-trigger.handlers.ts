import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, EventHandlers } from '@health/core';
import { ReportIngested, ReportReprocessed, RiskChanged, TagAdded } from '@health/archives';
import { CardCancelled, CardExpired, CardOpened, type CardEventPayload } from '@health/cards';
import { SurveyCompleted } from '@health/surveys';
import { FollowUpSeeder } from '../seeds/follow-up-seeder';
import { TaskScheduler } from '../scheduling/task-scheduler';
import { FollowUpTaskRepository } from '../tasks/follow-up-task.repository';
import { FollowUpTemplateRepository, type FollowUpTemplateRow } from '../templates/follow-up-template.repository';
import { DEFAULT_MAX_REPORT_AGE_DAYS, type TemplateTrigger, type TriggerType } from '../templates/template-trigger';
import { FollowUpPlanRepository } from './follow-up-plan.repository';
import { PlanBuilder } from './plan-builder';

interface Trigger {
  type: TriggerType;
  clientId: string;
  key: string;
  cardId: string | null;
  /** Whether a template's trigger settings accept this event. */
  accepts(trigger: TemplateTrigger): boolean;
  /** Chronic triggers (a tag, a risk category) start no second plan while one of the template runs. */
  oncePerRunningPlan: boolean;
}

export const CARD_ENDED_REASON = 'card_ended';

/**
 * Starts plans from domain events and stops them when a card ends. Handler names are stored with
 * every event they handled: never rename them. Jobs of new tasks are enqueued from inside the
 * event's transaction; a job that runs before the commit finds no row and retries.
 */
@Injectable()
export class FollowUpTriggerHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlers,
    private readonly templates: FollowUpTemplateRepository,
    private readonly plans: FollowUpPlanRepository,
    private readonly tasks: FollowUpTaskRepository,
    private readonly builder: PlanBuilder,
    private readonly seeder: FollowUpSeeder,
    private readonly scheduler: TaskScheduler,
  ) {}

  onModuleInit(): void {
    this.handlers.on(CardOpened, 'follow-ups.plan-for-opened-card', (e, m) =>
      this.start(e, m, {
        type: 'card.opened',
        clientId: e.payload.clientId,
        key: `card:${e.payload.cardId}`,
        cardId: e.payload.cardId,
        accepts: (t) => t.type === 'card.opened' && (!t.cardTypeIds?.length || t.cardTypeIds.includes(e.payload.cardTypeId)),
        oncePerRunningPlan: false,
      }),
    );
    for (const [event, name] of [
      [ReportIngested, 'follow-ups.plan-for-ingested-report'],
      [ReportReprocessed, 'follow-ups.plan-for-reprocessed-report'],
    ] as const) {
      this.handlers.on(event, name, async (e, m) => {
        const abnormal = e.payload.abnormalCodes;
        if (abnormal.length === 0) return;
        const ageDays = await this.plans.reportAgeDays(m, e.payload.reportId, e.createdAt);
        if (ageDays === null) return;
        // A reprocessed report shares its key with the ingestion: whichever comes first starts the plan.
        await this.start(e, m, {
          type: 'report.ingested',
          clientId: e.payload.clientId,
          key: `report:${e.payload.reportId}`,
          cardId: null,
          accepts: (t) =>
            t.type === 'report.ingested' &&
            ageDays <= (t.maxReportAgeDays ?? DEFAULT_MAX_REPORT_AGE_DAYS) &&
            (!t.abnormalCodes?.length || t.abnormalCodes.some((c) => abnormal.includes(c))),
          oncePerRunningPlan: false,
        });
      });
    }
    this.handlers.on(TagAdded, 'follow-ups.plan-for-added-tag', (e, m) =>
      this.start(e, m, {
        type: 'tag.added',
        clientId: e.payload.clientId,
        key: `tag:${e.payload.changeId}`,
        cardId: null,
        accepts: (t) => t.type === 'tag.added' && t.tagIds.includes(e.payload.tagId),
        oncePerRunningPlan: true,
      }),
    );
    this.handlers.on(RiskChanged, 'follow-ups.plan-for-changed-risk', (e, m) =>
      this.start(e, m, {
        type: 'risk.changed',
        clientId: e.payload.clientId,
        key: `risk:${e.payload.assessmentId}`,
        cardId: null,
        accepts: (t) => t.type === 'risk.changed' && t.model === e.payload.model && t.categories.includes(e.payload.category),
        oncePerRunningPlan: true,
      }),
    );
    // Like a tag or a risk category, a scale's result band describes the client's state: a second
    // questionnaire in the same band while the plan runs adds no second plan.
    this.handlers.on(SurveyCompleted, 'follow-ups.plan-for-completed-survey', (e, m) =>
      this.start(e, m, {
        type: 'survey.completed',
        clientId: e.payload.clientId,
        key: `survey:${e.payload.responseId}`,
        cardId: null,
        accepts: (t) =>
          t.type === 'survey.completed' &&
          t.questionnaireId === e.payload.questionnaireId &&
          (!t.bands?.length || t.bands.some((band) => e.payload.bands.includes(band))),
        oncePerRunningPlan: true,
      }),
    );
    this.handlers.on(CardCancelled, 'follow-ups.stop-for-cancelled-card', (e, m) => this.stopForCard(e, m));
    this.handlers.on(CardExpired, 'follow-ups.stop-for-expired-card', (e, m) => this.stopForCard(e, m));
  }

  private async start(event: DomainEvent<unknown>, manager: EntityManager, trigger: Trigger): Promise<void> {
    const orgId = event.orgId;
    if (orgId === null) return;
    await this.seeder.ensureWithin(manager, orgId);
    const candidates: FollowUpTemplateRow[] = (await this.templates.activeFor(manager, orgId, trigger.type)).filter((t) =>
      trigger.accepts(t.trigger),
    );
    for (const template of candidates) {
      if (trigger.oncePerRunningPlan && (await this.plans.hasRunningPlan(manager, trigger.clientId, template.id))) continue;
      const started = await this.builder.start(manager, template, {
        orgId,
        clientId: trigger.clientId,
        triggerKey: trigger.key,
        triggerType: trigger.type,
        anchorAt: event.createdAt,
        cardId: trigger.cardId,
        createdBy: { type: 'system', id: null },
        checkCondition: true,
      });
      if (started) await this.scheduler.schedule(started.tasks);
    }
  }

  private async stopForCard(event: DomainEvent<CardEventPayload>, manager: EntityManager): Promise<void> {
    if (event.orgId === null) return;
    const planIds = await this.plans.stoppedByCardEnd(manager, event.orgId, event.payload.clientId, event.payload.cardId);
    for (const planId of planIds) await this.plans.setStatus(manager, planId, 'stopped', CARD_ENDED_REASON);
    await this.scheduler.clear(await this.tasks.cancelOpenOfPlans(manager, planIds, CARD_ENDED_REASON));
  }
}
