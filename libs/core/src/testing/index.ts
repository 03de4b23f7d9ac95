export * from './test-database';
export * from './test-queue';
export * from './test-context';
export * from './redis-proxy';
export * from './test-events';
export * from './wait-until';
export * from './audio-samples';
