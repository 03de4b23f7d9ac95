export * from './follow-ups.module';
export * from './follow-ups.migrations';
export * from './follow-ups.jobs';
export { FollowUpTemplatesService } from './templates/follow-up-templates.service';
export * from './templates/dto/follow-up-template.dto';
export { FOLLOW_UP_METHODS, FOLLOW_UP_METHOD_LABELS, type FollowUpMethod } from './templates/follow-up-method';
export { Notifier, RecordingNotifier, type NotificationRequest } from './notifications/notifier.port';
