import type { LetterTemplateProblem, TemplateRules } from '#rally/letters';
import { checkBodySource, checkSubjectSource, renderSafeTemplate } from '#rally/letters';
import type { MailingRunContext } from '../entities/mailing-run.entity.js';
import type { MailingVariant } from '../entities/mailing.entity.js';

const field = (description: string, sample: string, maxLength = 300) => ({ description, sample, maxLength });

/**
 * The merge fields of a mailing: the supporter, the campaign, the organisation, the petition (its count as the
 * supporter's language writes numbers) and the latest recorded response of the campaign's targets.
 */
export const MAILING_MERGE_FIELDS = {
  supporter: {
    description: 'The supporter the mailing goes to',
    list: false,
    fields: {
      firstName: field('First name', 'Amina', 200),
      lastName: field('Last name', 'Kone', 200),
      fullName: field('First and last name', 'Amina Kone', 400),
      country: field('Country code', 'FR', 100),
      region: field('Region code', 'IDF', 100),
    },
  },
  campaign: {
    description: 'The campaign the mailing speaks for (empty for an organisation-wide mailing)',
    list: false,
    fields: { name: field('Name', 'End child detention') },
  },
  organisation: {
    description: 'The organisation sending it',
    list: false,
    fields: { name: field('Name', 'Child Rights Now') },
  },
  petition: {
    description: "The mailing's petition (empty when it has none)",
    list: false,
    fields: {
      title: field('Title', 'No child in detention'),
      count: field('Confirmed signatures, written out', '12480', 50),
      goal: field('Goal', '20000', 50),
    },
  },
  response: {
    description: 'The latest recorded response of a target of the campaign (empty when there is none)',
    list: false,
    fields: {
      target: field('Who answered', 'Ministry of Justice'),
      summary: field('What they answered', 'The minister agreed to review the detention of children.', 10_000),
      date: field('When, as a date', '2026-06-03', 100),
    },
  },
} as const;

export const MAILING_TEMPLATE_RULES: TemplateRules = {
  schema: MAILING_MERGE_FIELDS,
  subjectGroups: ['supporter', 'campaign', 'organisation', 'petition'],
  editableGroups: [],
};

/** 20,000 characters: a long newsletter; subjects one line of 300 like letters. */
export const MAILING_BODY_CHARS = 20_000;

/** Every problem of every variant, each under `variants.<i>.subject` / `variants.<i>.body`. */
export function checkMailingVariants(variants: readonly MailingVariant[]): LetterTemplateProblem[] {
  return variants.flatMap((v, i) => [
    ...checkSubjectSource(v.subject, `variants.${i}.subject`, MAILING_TEMPLATE_RULES),
    ...checkBodySource(v.body, false, MAILING_TEMPLATE_RULES, `variants.${i}.body`, MAILING_BODY_CHARS),
  ]);
}

export interface MailingRecipientValues {
  firstName: string;
  lastName: string;
  country: string | null;
  region: string | null;
}

/** Inert values only (null prototypes, strings), cut to each field's bound: what the isolated engine renders with. */
function inert(group: keyof typeof MAILING_MERGE_FIELDS, values: Record<string, string | null | undefined>): object {
  const out = Object.create(null) as Record<string, string>;
  for (const [name, f] of Object.entries(MAILING_MERGE_FIELDS[group].fields)) {
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    out[name] = typeof v === 'string' ? v.slice(0, f.maxLength) : '';
  }
  return out;
}

const numbers = new Map<string, Intl.NumberFormat>();
/** A raw count as the reader's language writes it ("12480" -> "12,480", "12 480"); anything else unchanged. */
function number(raw: string, language: string): string {
  if (!/^\d{1,15}$/.test(raw)) return raw;
  let format = numbers.get(language);
  if (!format) numbers.set(language, (format = new Intl.NumberFormat(language)));
  return format.format(Number(raw));
}
const dates = new Map<string, Intl.DateTimeFormat>();
function day(raw: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
  let format = dates.get(language);
  if (!format)
    dates.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(new Date(`${raw}T00:00:00Z`));
}

export function mailingContext(run: MailingRunContext, supporter: MailingRecipientValues, language: string): object {
  const context = Object.create(null) as Record<string, object>;
  context.supporter = inert('supporter', {
    ...supporter,
    fullName: [supporter.firstName, supporter.lastName].filter(Boolean).join(' '),
  });
  context.campaign = inert('campaign', run.campaign);
  context.organisation = inert('organisation', run.organisation);
  context.petition = inert('petition', {
    ...run.petition,
    count: number(run.petition.count, language),
    goal: number(run.petition.goal, language),
  });
  context.response = inert('response', { ...run.response, date: day(run.response.date, language) });
  return context;
}

/** The sample values the preview shows when no real supporter is chosen. */
export function sampleValues(): { run: MailingRunContext; supporter: MailingRecipientValues } {
  const s = (g: keyof typeof MAILING_MERGE_FIELDS) =>
    Object.fromEntries(Object.entries(MAILING_MERGE_FIELDS[g].fields).map(([k, f]) => [k, f.sample]));
  const supporter = s('supporter');
  return {
    run: {
      organisation: s('organisation') as MailingRunContext['organisation'],
      campaign: s('campaign') as MailingRunContext['campaign'],
      petition: s('petition') as MailingRunContext['petition'],
      response: s('response') as MailingRunContext['response'],
    },
    supporter: {
      firstName: supporter.firstName!,
      lastName: supporter.lastName!,
      country: supporter.country!,
      region: supporter.region!,
    },
  };
}

/** The variant of a language, else the fallback's, else the first. */
export function variantFor(variants: readonly MailingVariant[], language: string, fallback: string): MailingVariant {
  return variants.find((v) => v.language === language) ?? variants.find((v) => v.language === fallback) ?? variants[0]!;
}

export interface RenderedMailing {
  language: string;
  subject: string;
  text: string;
}

/** One supporter's words: the variant of their language (else the fallback's), rendered; the mail template lays them out. */
export function renderMailing(
  variants: readonly MailingVariant[],
  fallback: string,
  language: string,
  run: MailingRunContext,
  supporter: MailingRecipientValues,
): RenderedMailing {
  const variant = variantFor(variants, language, fallback);
  // Numbers and dates as the words around them are written: the variant's language, not the supporter's.
  const context = mailingContext(run, supporter, variant.language);
  const subject = renderSafeTemplate('subject', variant.subject, 'subject', context, MAILING_TEMPLATE_RULES);
  const text = renderSafeTemplate('body', variant.body, 'body', context, MAILING_TEMPLATE_RULES);
  return { language: variant.language, subject, text };
}
