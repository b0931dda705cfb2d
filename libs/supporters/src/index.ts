import { SupporterConsent } from './entities/supporter-consent.entity.js';
import { Supporter } from './entities/supporter.entity.js';

export * from './entities/supporter.entity.js';
export * from './entities/supporter-consent.entity.js';
export * from './email-address.js';
export * from './supporter.service.js';
export * from './supporters.module.js';

export const SUPPORTER_ENTITIES = [Supporter, SupporterConsent];
