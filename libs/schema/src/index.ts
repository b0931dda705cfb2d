export * from './rally-libraries.js';
export * from './rally-schema.js';
export * from './migration-generator.js';
export * from './rally-runtime.js';
