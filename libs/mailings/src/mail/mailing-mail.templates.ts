import { defineMailTemplate } from '#rally/mail';
import { MAILINGS_CATALOGUE, mailingsText } from '../mailings.i18n.js';

/**
 * A mailing as one supporter (or member) receives it: the words rendered at dispatch, laid out here. The HTML part is
 * the text escaped in paragraphs (never campaigner HTML), with the preferences and unsubscribe links under it when
 * the recipient is a supporter.
 */
export interface MailingMailData {
  subject: string;
  text: string;
  /**
   * The footer's words in the mail's language, translated once per run and language at dispatch (mailingFooter):
   * six catalogue lookups per message cost the sender ~140 µs each message in the delivery benchmark. Null for staff
   * mailings and test sends, which carry no unsubscribe.
   */
  footer: MailingFooter | null;
  unsubscribeUrl: string | null;
  preferencesUrl: string | null;
}

export interface MailingFooter {
  why: string;
  preferences: string;
  unsubscribe: string;
}

export function mailingFooter(language: string, organisation: string): MailingFooter {
  return {
    why: mailingsText.t(language, 'mailings:mail.why', { organisation }),
    preferences: mailingsText.t(language, 'mailings:mail.preferences'),
    unsubscribe: mailingsText.t(language, 'mailings:mail.unsubscribe'),
  };
}

export const MAILING_MAIL = defineMailTemplate<MailingMailData>(
  'mailings.mailing',
  new URL('./mailing/', import.meta.url),
  MAILINGS_CATALOGUE,
);
