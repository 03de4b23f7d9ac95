import { Module } from '@nestjs/common';
import { ArchivesModule } from '@health/archives';
import { CardsModule } from '@health/cards';
import { IamModule } from '@health/iam';
import { FollowUpsProcessor } from './follow-ups.processor';
import { RecordingsModule } from './recordings/recordings.module';
import { FollowUpPlanRepository } from './plans/follow-up-plan.repository';
import { FollowUpPlansController } from './plans/follow-up-plans.controller';
import { FollowUpPlansService } from './plans/follow-up-plans.service';
import { FollowUpTriggerHandlers } from './plans/follow-up-trigger.handlers';
import { PlanBuilder } from './plans/plan-builder';
import { FollowUpRecordRepository } from './records/follow-up-record.repository';
import { FollowUpRecordsController } from './records/follow-up-records.controller';
import { FollowUpRecordsService } from './records/follow-up-records.service';
import { TaskReminders } from './scheduling/task-reminders';
import { TaskScheduler } from './scheduling/task-scheduler';
import { FollowUpSeeder } from './seeds/follow-up-seeder';
import { FollowUpsDemoSeeder } from './demo/follow-ups-demo-seeder';
import { FollowUpStatsController } from './stats/follow-up-stats.controller';
import { FollowUpStatsRepository } from './stats/follow-up-stats.repository';
import { FollowUpStatsService } from './stats/follow-up-stats.service';
import { FollowUpTaskRepository } from './tasks/follow-up-task.repository';
import { FollowUpTasksController } from './tasks/follow-up-tasks.controller';
import { FollowUpTasksService } from './tasks/follow-up-tasks.service';
import { FollowUpTemplateRepository } from './templates/follow-up-template.repository';
import { FollowUpTemplatesController } from './templates/follow-up-templates.controller';
import { FollowUpTemplatesService } from './templates/follow-up-templates.service';

/**
 * Follow-ups (自动随访): templates, plans, tasks and their scheduled jobs, records and KPIs. The
 * processor and event handlers register everywhere; only the worker runtime consumes.
 */
@Module({
  imports: [IamModule, CardsModule, ArchivesModule, RecordingsModule],
  controllers: [
    FollowUpTemplatesController,
    FollowUpPlansController,
    FollowUpTasksController,
    FollowUpRecordsController,
    FollowUpStatsController,
  ],
  providers: [
    FollowUpsDemoSeeder,
    FollowUpTemplateRepository,
    FollowUpPlanRepository,
    FollowUpTaskRepository,
    FollowUpRecordRepository,
    FollowUpStatsRepository,
    FollowUpSeeder,
    FollowUpTemplatesService,
    FollowUpPlansService,
    FollowUpTasksService,
    FollowUpRecordsService,
    FollowUpStatsService,
    PlanBuilder,
    TaskScheduler,
    TaskReminders,
    FollowUpsProcessor,
    FollowUpTriggerHandlers,
  ],
  exports: [FollowUpTemplatesService, FollowUpPlansService, FollowUpTasksService, FollowUpRecordsService, FollowUpsDemoSeeder],
})
export class FollowUpsModule {}
