import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** `Idempotency-Key` storage; import it in the domain module whose writes accept the header. */
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
