import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BullQueues } from './bull-queues';
import { JobDefinition } from './job-definition';
import { jobRunOptions } from './job-options';

/** A cron pattern (evaluated in the scheduler's time zone) or a fixed interval in milliseconds. */
export type JobSchedule = { pattern: string } | { every: number };

export interface SchedulerOptions {
  /** Defaults to the job name: one scheduler per job unless several are needed (per organisation, …). */
  id?: string;
  /** IANA time zone of the cron pattern; defaults to `AppConfig.tzDefault` (Asia/Shanghai). */
  tz?: string;
}

export interface RecurringJob {
  job: JobDefinition<unknown>;
  schedule: JobSchedule;
  payload: unknown;
  options: SchedulerOptions;
}

export interface SchedulerInfo {
  id: string;
  pattern?: string;
  every?: number;
  tz?: string;
  next?: Date;
}

/**
 * Recurring work on BullMQ job schedulers, always with an explicit time zone. Domain modules
 * `declareRecurring` their recurring jobs at init; the worker runtime upserts the declarations at start and
 * restores any that go missing. `upsert` changes a schedule at run time.
 */
@Injectable()
export class JobSchedulers {
  private readonly declared: RecurringJob[] = [];

  constructor(
    private readonly queues: BullQueues,
    private readonly config: AppConfig,
  ) {}

  declareRecurring<P>(job: JobDefinition<P>, schedule: JobSchedule, payload: P, options: SchedulerOptions = {}): void {
    const id = schedulerId(job, options);
    if (this.declared.some((r) => r.job.queue === job.queue && schedulerId(r.job, r.options) === id))
      throw new Error(`job scheduler ${job.queue}/${id} is declared twice`);
    this.declared.push({ job, schedule, payload, options });
  }

  recurringJobs(): readonly RecurringJob[] {
    return this.declared;
  }

  /** Creates or updates the scheduler: upserting the same id again never makes a second one. */
  async upsert<P>(job: JobDefinition<P>, schedule: JobSchedule, payload: P, options: SchedulerOptions = {}): Promise<void> {
    const tz = options.tz ?? this.config.tzDefault;
    await this.queues.run(job.queue, (queue) =>
      queue.upsertJobScheduler(
        schedulerId(job, options),
        { ...schedule, tz },
        { name: job.name, data: payload, opts: jobRunOptions(job) },
      ),
    );
  }

  async find<P>(job: JobDefinition<P>, options: Pick<SchedulerOptions, 'id'> = {}): Promise<SchedulerInfo | undefined> {
    const found = await this.queues.run(job.queue, (queue) => queue.getJobScheduler(schedulerId(job, options)));
    if (!found) return undefined;
    return {
      id: found.key,
      pattern: found.pattern,
      every: found.every === undefined ? undefined : Number(found.every),
      tz: found.tz,
      next: found.next === undefined ? undefined : new Date(Number(found.next)),
    };
  }

  async remove<P>(job: JobDefinition<P>, options: Pick<SchedulerOptions, 'id'> = {}): Promise<boolean> {
    return this.queues.run(job.queue, (queue) => queue.removeJobScheduler(schedulerId(job, options)));
  }
}

function schedulerId(job: JobDefinition<unknown>, options: Pick<SchedulerOptions, 'id'>): string {
  return options.id ?? job.name;
}
