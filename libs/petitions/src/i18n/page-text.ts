import type { Language } from '#rally/core';
import { formErrorTexts } from '#rally/core';
import { PETITIONS_CATALOGUE, petitionsText } from '../petitions.i18n.js';

/**
 * What the page templates read as `t`: the page strings of one language, resolved once, and the few that take a
 * value as functions. Consent wording is here too: it is stored exactly as shown.
 */
export interface PageText {
  [key: string]: unknown;
  by: (organisation: string) => string;
  /** The word after the count ("signature", "signatures"), for `count`. */
  signatures: (count: number) => string;
  /** "1,234 signatures": number and word, for text outside the count display. */
  signatureTotal: (count: number) => string;
  consent: (organisation: string) => string;
  optional: string;
  errors: Record<
    | 'required'
    | 'email'
    | 'disposable'
    | 'tooLong'
    | 'country'
    | 'tooFast'
    | 'expired'
    | 'invalid'
    | 'notAccepted'
    | 'tooMany'
    | 'busy',
    string
  >;
  signaturesHeading: string;
  goal: string;
  progressLabel: string;
  recentSigners: string;
  signHeading: string;
  firstName: string;
  lastName: string;
  email: string;
  postcode: string;
  region: string;
  country: string;
  chooseCountry: string;
  comment: string;
  publicDisplay: string;
  submit: string;
  errorSummary: string;
  share: string;
  shareEmail: string;
  copyLink: string;
  closed: string;
  draft: string;
  delivered: string;
  closesOn: string;
  thanksTitle: string;
  thanksBody: string;
  confirmTitle: string;
  confirmBody: string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedBody: string;
  linkInvalidTitle: string;
  linkInvalidBody: string;
  backToPetition: string;
  petitionClosedConfirm: string;
}

const VALUED = new Set(['by', 'signatures', 'signatureTotal']);
const cache = new Map<string, PageText>();

export function pageText(language: Language): PageText {
  let text = cache.get(language);
  if (text) return text;
  const t = petitionsText.in(language);
  const page = PETITIONS_CATALOGUE.messages.en.page as Record<string, string>;
  const strings = Object.fromEntries(
    Object.keys(page)
      .filter((k) => !VALUED.has(k))
      .map((k) => [k, t(`petitions:page.${k}`)]),
  );
  text = {
    ...strings,
    by: (organisation) => t('petitions:page.by', { organisation }),
    signatures: (count) => t('petitions:page.signatures', { count }),
    signatureTotal: (count) => t('petitions:page.signatureTotal', { count }),
    consent: (organisation) => t('petitions:consent', { organisation }),
    optional: t('common:optional'),
    errors: {
      ...formErrorTexts(language),
      tooMany: t('petitions:errors.tooMany'),
      busy: t('petitions:errors.busy'),
    },
  } as PageText;
  cache.set(language, text);
  return text;
}

/**
 * The count's word for each plural category of the language, so the page's script can update it with
 * Intl.PluralRules when the number changes (`data-one="signature" data-other="signatures"`).
 */
export function pluralForms(language: Language, word: (count: number) => string): { category: string; text: string }[] {
  const rules = new Intl.PluralRules(language);
  const samples = [0, 1, 2, 3, 5, 11, 21, 100, 101, 1_000_000];
  return rules.resolvedOptions().pluralCategories.map((category) => {
    const sample = samples.find((n) => rules.select(n) === category) ?? 2;
    return { category, text: word(sample) };
  });
}
