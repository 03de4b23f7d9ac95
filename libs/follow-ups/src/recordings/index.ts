export * from './dto/follow-up-recording.dto';
export * from './follow-up-record-access';
export * from './follow-up-recording.migrations';
export * from './recordings.module';
export * from './recordings.service';
