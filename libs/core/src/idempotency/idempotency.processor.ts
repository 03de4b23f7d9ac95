import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandlers } from '../queue/job-handlers';
import { JobSchedulers } from '../queue/job-schedulers';
import { IDEMPOTENCY_KEY_RETENTION_DAYS, PURGE_IDEMPOTENCY_KEYS_PATTERN, PurgeIdempotencyKeysJob } from './idempotency.jobs';

/** Keeps `idempotency_key` from growing for ever: a daily job drops keys past their retention. */
@Injectable()
export class IdempotencyProcessor implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobHandlers,
    private readonly schedulers: JobSchedulers,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(PurgeIdempotencyKeysJob, async () => {
      await this.purge();
    });
    this.schedulers.declareRecurring(PurgeIdempotencyKeysJob, { pattern: PURGE_IDEMPOTENCY_KEYS_PATTERN }, {});
  }

  /** Returns how many keys were deleted. */
  async purge(): Promise<number> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM idempotency_key WHERE created_at < now() - make_interval(days => $1)`,
      [IDEMPOTENCY_KEY_RETENTION_DAYS],
    );
    return deleted;
  }
}
