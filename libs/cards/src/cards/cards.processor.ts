import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobHandlers, JobSchedulers } from '@health/core';
import { CardStatusSweeper } from './card-status-sweeper';
import { CARD_STATUS_DAILY_PATTERN, CardStatusDailyJob } from './cards.jobs';

/** Maps the cards domain's jobs to their work; the worker runtime schedules and runs them. */
@Injectable()
export class CardsProcessor implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly schedulers: JobSchedulers,
    private readonly sweeper: CardStatusSweeper,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(CardStatusDailyJob, async ({ today }) => {
      await this.sweeper.run(today);
    });
    // The time zone defaults to AppConfig.tzDefault, the organisations' day boundary.
    this.schedulers.declareRecurring(CardStatusDailyJob, { pattern: CARD_STATUS_DAILY_PATTERN }, {});
  }
}
