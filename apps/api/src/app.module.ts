import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import {
  AppConfig,
  AuditModule,
  AuditWritesInterceptor,
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
      // Every write through the HTTP API leaves an audit row (see AuditWritesInterceptor).
      providers: [{ provide: APP_INTERCEPTOR, useClass: AuditWritesInterceptor }],
    };
  }
}
