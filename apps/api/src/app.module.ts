import { DynamicModule, Module } from '@nestjs/common';
import {
  AppConfig,
  AuditModule,
  ConfigModule,
  DatabaseModule,
  DatabaseRuntime,
  HealthModule,
  NotificationsModule,
  OutboxModule,
  QueueModule,
  WorkerRuntimeModule,
} from '@health/core';
import { ArchivesModule } from '@health/archives';
import { CardsModule, NotificationRecipientsModule } from '@health/cards';
import { IamModule } from '@health/iam';
import { FollowUpsModule } from '@health/follow-ups';
import { InterventionsModule } from '@health/interventions';

export interface ApiBootOptions {
  config: AppConfig;
  database: DatabaseRuntime;
}

@Module({})
export class AppModule {
  static register({ config, database }: ApiBootOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        QueueModule,
        OutboxModule,
        HealthModule,
        AuditModule,
        IamModule,
        CardsModule,
        ArchivesModule,
        InterventionsModule,
        NotificationsModule.forRoot({ recipients: NotificationRecipientsModule }),
        FollowUpsModule,
        // Embedded PGlite is one session, so its jobs run here; otherwise apps/worker runs them.
        ...(config.runWorker === 'inline' ? [WorkerRuntimeModule] : []),
      ],
    };
  }
}
