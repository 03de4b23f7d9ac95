import { Global, Module } from '@nestjs/common';
import { QueueHealth } from './queue-health';
import { RedisQueueHealth } from './redis-queue-health';

@Global()
@Module({
  providers: [{ provide: QueueHealth, useClass: RedisQueueHealth }],
  exports: [QueueHealth],
})
export class QueueModule {}
