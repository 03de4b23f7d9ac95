import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig,
  ConfigModule,
  DatabaseModule,
  DatabaseRuntime,
  NotificationsModule,
  OutboxModule,
  QueueModule,
  WorkerRuntimeModule,
} from '@health/core';
import { ArchivesModule } from '@health/archives';
import { CardsModule, NotificationRecipientsModule } from '@health/cards';
import { FollowUpsModule } from '@health/follow-ups';
import { InterventionsModule } from '@health/interventions';

export interface WorkerBootOptions {
  config: AppConfig;
  database: DatabaseRuntime;
}

/** The worker process: the domain modules' processors plus the runtime that consumes the queues. */
@Module({})
export class WorkerModule {
  static register({ config, database }: WorkerBootOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        QueueModule,
        OutboxModule,
        WorkerRuntimeModule,
        // The domain modules whose jobs run here (the daily card job, client and exam imports, advice
        // regeneration after tag and risk events, follow-up plans and reminders). Their HTTP controllers and guards are inert in an
        // application context.
        CardsModule,
        ArchivesModule,
        InterventionsModule,
        // Delivers notifications (reminders, staff inbox) through their channels.
        NotificationsModule.forRoot({ recipients: NotificationRecipientsModule }),
        FollowUpsModule,
      ],
    };
  }
}
