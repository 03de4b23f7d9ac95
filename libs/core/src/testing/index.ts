export * from './test-database';
export * from './test-queue';
export * from './test-context';
export * from './redis-proxy';
