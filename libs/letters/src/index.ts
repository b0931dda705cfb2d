export * from './letters.library.js';
export * from './letters.jobs.js';
export * from './letters.permissions.js';
export * from './letters.module.js';
export * from './entities/letter-action.entity.js';
export * from './entities/letter-template.entity.js';
export * from './entities/letter-submission.entity.js';
export * from './entities/letter.entity.js';
