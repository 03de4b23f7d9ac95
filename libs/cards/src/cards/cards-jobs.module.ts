import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@health/core';
import { CardLifecycle } from './card-lifecycle';
import { CardStatusSweeper } from './card-status-sweeper';
import { CardRepository } from './card.repository';
import { CardsProcessor } from './cards.processor';
import { CARD_ENTITIES } from './entities';

/**
 * The card life cycle without HTTP: what apps/worker loads to run the daily card job. `CardsModule`
 * imports it for the API (which runs the job itself with RUN_WORKER=inline).
 */
@Module({
  imports: [TypeOrmModule.forFeature(CARD_ENTITIES), AuditModule],
  providers: [CardRepository, CardLifecycle, CardStatusSweeper, CardsProcessor],
  exports: [CardRepository, CardLifecycle, CardStatusSweeper],
})
export class CardsJobsModule {}
