import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobSchedulers, RecurringJob } from '../queue/job-schedulers';
import { QueueConnection } from '../queue/queue-connection';
import { isQueueUnavailable } from '../queue/queue-unavailable';
import { describeError } from '../logging/describe-error';

/**
 * Keeps the declared job schedulers in Redis: upserts them all at start (so a changed schedule
 * takes effect on deploy) and restores any that go missing (Redis flushed or replaced), checking
 * when Redis comes back and every `reconcileIntervalMs`.
 */
@Injectable()
export class RecurringJobs {
  private readonly logger = new Logger('RecurringJobs');
  private applied = false;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly schedulers: JobSchedulers,
    private readonly connection: QueueConnection,
    private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    if (this.connection.isAvailable()) await this.upsertAll();
    this.unsubscribe = this.connection.onReconnected(() => void this.check());
    this.timer = setInterval(() => void this.check(), this.config.reconcileIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** Upserts every declaration the first time, afterwards only those missing from Redis. */
  async check(): Promise<void> {
    if (!this.applied) return this.upsertAll();
    for (const recurring of this.schedulers.recurringJobs()) {
      await this.attempt(recurring, async () => {
        if (await this.schedulers.find(recurring.job, recurring.options)) return;
        await this.upsert(recurring);
        this.logger.log(`restored missing job scheduler ${recurring.job.queue}/${recurring.options.id ?? recurring.job.name}`);
      });
    }
  }

  private async upsertAll(): Promise<void> {
    let all = true;
    for (const recurring of this.schedulers.recurringJobs()) {
      all = (await this.attempt(recurring, () => this.upsert(recurring))) && all;
    }
    this.applied = all;
  }

  private upsert(recurring: RecurringJob): Promise<void> {
    return this.schedulers.upsert(recurring.job, recurring.schedule, recurring.payload, recurring.options);
  }

  private async attempt(recurring: RecurringJob, action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (err) {
      if (!isQueueUnavailable(err))
        this.logger.warn({ msg: `job scheduler ${recurring.job.queue}/${recurring.job.name} failed`, error: describeError(err) });
      return false;
    }
  }
}
