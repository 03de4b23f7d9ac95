import { Module } from '@nestjs/common';
import { StorageModule } from '@health/core';
import { FollowUpRecordAccess } from './follow-up-record-access';
import { FollowUpRecordingRepository } from './follow-up-recording.repository';
import { RecordingUploadInterceptor } from './recording-upload.interceptor';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';

/** Call recordings (随访电话录音) of follow-up records: upload, metadata, ranged playback. */
@Module({
  imports: [StorageModule],
  controllers: [RecordingsController],
  providers: [
    FollowUpRecordingRepository,
    { provide: FollowUpRecordAccess, useExisting: FollowUpRecordingRepository },
    RecordingsService,
    RecordingUploadInterceptor,
  ],
  exports: [RecordingsService],
})
export class RecordingsModule {}
