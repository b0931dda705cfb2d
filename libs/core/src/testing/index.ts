export * from './test-env.js';
export * from './test-database.js';
export * from './smtp-sink.js';
export * from './manual-clock.js';
