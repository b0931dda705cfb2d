import { defineMailTemplate } from '#rally/mail';
import { ORGANISATIONS_CATALOGUE } from './organisations.i18n.js';

export const INVITATION_MAIL = defineMailTemplate<{
  organisationName: string;
  inviterName: string;
  role: string;
  acceptUrl: string;
  /** Epoch milliseconds: formatted as a date in the mail's language. */
  expiresAt: number;
}>('organisations.invitation', new URL('./mail/invitation/', import.meta.url), ORGANISATIONS_CATALOGUE);

export const PASSWORD_RESET_MAIL = defineMailTemplate<{ email: string; resetUrl: string; validMinutes: number }>(
  'organisations.password-reset',
  new URL('./mail/password-reset/', import.meta.url),
  ORGANISATIONS_CATALOGUE,
);

export const LOCKOUT_NOTICE_MAIL = defineMailTemplate<{
  email: string;
  failures: number;
  ip: string;
  lockMinutes: number;
  resetUrl: string;
}>('organisations.lockout-notice', new URL('./mail/lockout-notice/', import.meta.url), ORGANISATIONS_CATALOGUE);

export const ORGANISATION_MAILS = [INVITATION_MAIL, PASSWORD_RESET_MAIL, LOCKOUT_NOTICE_MAIL];
