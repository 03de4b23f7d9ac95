import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, DatabaseModule, DatabaseRuntime, HealthModule, QueueModule } from '@health/core';

export interface ApiBootOptions {
  config: AppConfig;
  database: DatabaseRuntime;
}

@Module({})
export class AppModule {
  static register({ config, database }: ApiBootOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(database), QueueModule, HealthModule],
    };
  }
}
