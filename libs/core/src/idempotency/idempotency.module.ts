import { Module } from '@nestjs/common';
import { IdempotencyProcessor } from './idempotency.processor';
import { IdempotencyService } from './idempotency.service';

/**
 * `Idempotency-Key` storage and its daily purge; import it in the domain module whose writes accept
 * the header. Needs `QueueModule`.
 */
@Module({ providers: [IdempotencyService, IdempotencyProcessor], exports: [IdempotencyService] })
export class IdempotencyModule {}
