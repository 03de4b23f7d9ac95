import { Module } from '@nestjs/common';
import { ArchivesModule } from '@health/archives';
import { CardsModule } from '@health/cards';
import { FollowUpsProcessor } from './follow-ups.processor';
import { Notifier, RecordingNotifier } from './notifications/notifier.port';
import { FollowUpPlanRepository } from './plans/follow-up-plan.repository';
import { FollowUpTriggerHandlers } from './plans/follow-up-trigger.handlers';
import { PlanBuilder } from './plans/plan-builder';
import { TaskReminders } from './scheduling/task-reminders';
import { TaskScheduler } from './scheduling/task-scheduler';
import { FollowUpSeeder } from './seeds/follow-up-seeder';
import { FollowUpTaskRepository } from './tasks/follow-up-task.repository';
import { FollowUpTemplateRepository } from './templates/follow-up-template.repository';
import { FollowUpTemplatesController } from './templates/follow-up-templates.controller';
import { FollowUpTemplatesService } from './templates/follow-up-templates.service';

/**
 * Follow-ups (自动随访): templates, plans, tasks and their scheduled jobs, records and KPIs. The
 * processor and event handlers register everywhere; only the worker runtime consumes.
 */
@Module({
  imports: [CardsModule, ArchivesModule],
  controllers: [FollowUpTemplatesController],
  providers: [
    FollowUpTemplateRepository,
    FollowUpPlanRepository,
    FollowUpTaskRepository,
    FollowUpSeeder,
    FollowUpTemplatesService,
    PlanBuilder,
    TaskScheduler,
    TaskReminders,
    FollowUpsProcessor,
    FollowUpTriggerHandlers,
    { provide: Notifier, useClass: RecordingNotifier },
  ],
  exports: [FollowUpTemplatesService],
})
export class FollowUpsModule {}
