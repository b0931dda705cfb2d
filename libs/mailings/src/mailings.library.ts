import type { RallyLibrary } from '#rally/core';
import { MailSuppression } from './entities/mail-suppression.entity.js';
import { MailingPreference } from './entities/mailing-preference.entity.js';
import { MailingRecipient } from './entities/mailing-recipient.entity.js';
import { MailingRun } from './entities/mailing-run.entity.js';
import { Mailing } from './entities/mailing.entity.js';
import { MAILINGS_CONFIG } from './mailings.config.js';
import { MAILINGS_CATALOGUE } from './mailings.i18n.js';
import { MAILING_JOBS } from './mailings.jobs.js';
import { MAILING_AUDIT } from './mailings.audit.js';
import { MAILING_PERMISSIONS } from './mailings.permissions.js';

/** Mailings and reminders to supporters and staff, one-click unsubscribe, preferences, the suppression list. */
export const MAILINGS_LIBRARY: RallyLibrary = {
  name: 'mailings',
  entities: [MailSuppression, MailingPreference, Mailing, MailingRun, MailingRecipient],
  config: MAILINGS_CONFIG,
  jobs: MAILING_JOBS,
  permissions: MAILING_PERMISSIONS,
  audit: MAILING_AUDIT,
  catalogues: [MAILINGS_CATALOGUE],
};
