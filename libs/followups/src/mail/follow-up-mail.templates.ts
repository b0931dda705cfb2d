import { defineMailTemplate } from '#rally/mail';
import { FOLLOWUPS_CATALOGUE } from '../followups.i18n.js';

/** To the owner: a follow-up is due soon (`days` until the due day) or overdue (`days` since). */
export const FOLLOW_UP_REMINDER_MAIL = defineMailTemplate<{
  name: string;
  title: string;
  overdue: boolean;
  days: number;
  /** Already formatted in the mail's language: a calendar day has no time zone to convert. */
  dueDate: string;
  campaignName: string;
  organisationName: string;
  url: string;
}>('followups.reminder', new URL('./reminder/', import.meta.url), FOLLOWUPS_CATALOGUE);

export interface DigestItem {
  title: string;
  dueDate: string;
  owner: string;
}

/** To a coordinator who asked for it: the organisation's open follow-ups overdue and due soon, once a day. */
export const FOLLOW_UP_DIGEST_MAIL = defineMailTemplate<{
  name: string;
  organisationName: string;
  day: string;
  horizon: number;
  overdueCount: number;
  soonCount: number;
  overdue: DigestItem[];
  soon: DigestItem[];
  more: number;
  url: string;
}>('followups.digest', new URL('./digest/', import.meta.url), FOLLOWUPS_CATALOGUE);

/** To coordinators and admins: an escalation rule found a target silent for its days. */
export const FOLLOW_UP_ESCALATION_MAIL = defineMailTemplate<{
  name: string;
  ruleName: string;
  campaignName: string;
  targetName: string;
  days: number;
  deliveredOn: string;
  url: string;
}>('followups.escalation', new URL('./escalation/', import.meta.url), FOLLOWUPS_CATALOGUE);

export const FOLLOW_UP_MAIL_TEMPLATES = [FOLLOW_UP_REMINDER_MAIL, FOLLOW_UP_DIGEST_MAIL, FOLLOW_UP_ESCALATION_MAIL];

// Building an Intl formatter costs far more than using one (the reminder scan formats hundreds per batch): one each.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day (YYYY-MM-DD) written out in a language, read as UTC so no server time zone shifts it. */
export function formatDay(day: string, language: string): string {
  let format = dayFormats.get(language);
  if (!format)
    dayFormats.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(new Date(`${day}T00:00:00Z`));
}
