import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboxRelay } from '../outbox/outbox-relay';
import { JobHandlers } from '../queue/job-handlers';
import { JobSchedulers } from '../queue/job-schedulers';
import { ReconcileJob, Reconciler } from '../queue/reconciler';
import { JobWorkers } from './job-workers';
import { RecurringJobs } from './recurring-jobs';

/**
 * Starts consuming once every module has registered its handlers (application bootstrap) and, on
 * shutdown, stops before the database and Redis connections close: relay first, then workers,
 * which finish their running jobs.
 */
@Injectable()
export class WorkerRuntime implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobHandlers,
    private readonly schedulers: JobSchedulers,
    private readonly reconciler: Reconciler,
    private readonly relay: OutboxRelay,
    private readonly workers: JobWorkers,
    private readonly recurring: RecurringJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(ReconcileJob, async () => {
      await this.reconciler.reconcileAll();
    });
    this.schedulers.declareRecurring(ReconcileJob, { every: this.config.reconcileIntervalMs }, {});
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    this.workers.start();
    await this.recurring.start();
    this.logger.log({ msg: 'worker runtime started', queues: this.jobs.queues() });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.recurring.stop();
    await this.relay.stop();
    // Half the shutdown budget: the rest is for closing the database and Redis connections.
    await this.workers.stop(this.config.shutdownTimeoutMs / 2);
  }
}
