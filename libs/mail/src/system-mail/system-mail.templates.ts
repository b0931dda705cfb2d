import { MAIL_CATALOGUE } from '../mail.i18n.js';
import { defineMailTemplate } from '../templates/mail-template.js';

/** Sent by `npm run rally -- send-test-mail <to>` so an admin can check the relay settings end to end. */
export const TEST_MAIL = defineMailTemplate<{ sentAt: string }>(
  'system.test-mail',
  new URL('./test-mail/', import.meta.url),
  MAIL_CATALOGUE,
);
