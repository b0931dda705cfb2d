export * from './entities/supporter.entity.js';
export * from './entities/supporter-consent.entity.js';
export * from './supporter.service.js';
export * from './supporters.module.js';

export * from './supporters.library.js';
