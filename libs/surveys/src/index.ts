export * from './surveys.events';
