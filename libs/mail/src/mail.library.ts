import type { RallyLibrary } from '#rally/core';
import { CapturedMail } from './entities/captured-mail.entity.js';
import { MailOutbox } from './entities/mail-outbox.entity.js';
import { OrganisationRelay } from './entities/organisation-relay.entity.js';
import { MAIL_CONFIG } from './mail.config.js';
import { MAIL_CATALOGUE } from './mail.i18n.js';
import { MAIL_JOBS } from './mail.jobs.js';

/** Mail for every feature: the outbox, templates, the one SMTP sender, the local mailbox. */
export const MAIL_LIBRARY: RallyLibrary = {
  name: 'mail',
  entities: [MailOutbox, CapturedMail, OrganisationRelay],
  config: MAIL_CONFIG,
  jobs: MAIL_JOBS,
  catalogues: [MAIL_CATALOGUE],
};
