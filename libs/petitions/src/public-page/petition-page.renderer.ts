import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { OneClickAction } from '#rally/core';
import { countryOptions, PUBLIC_PAGE_CSS, textDirection } from '#rally/core';
import type { CachedCount } from '../counts/petition-count.cache.js';
import type { PageText } from '../i18n/page-text.js';
import { pageText, pluralForms } from '../i18n/page-text.js';
import type { PublicPetition } from './public-petition.cache.js';

const hbs = Handlebars.create();
const read = (name: string): string => readFileSync(new URL(`./views/${name}`, import.meta.url), 'utf8');
// Compiled once at module load, strict: a field missing from a view model throws instead of rendering blank.
hbs.registerPartial('share', hbs.compile(read('share.hbs'), { strict: true }));
hbs.registerPartial('count-label', hbs.compile(read('count-label.hbs'), { strict: true }));
const layout = hbs.compile(read('layout.hbs'), { strict: true });
const views = {
  petition: hbs.compile(read('petition.hbs'), { strict: true }),
  message: hbs.compile(read('message.hbs'), { strict: true }),
  notFound: hbs.compile(read('not-found.hbs'), { strict: true }),
};
export const PETITION_CSS = PUBLIC_PAGE_CSS;

/** What the signer typed, echoed back when the no-JS form is re-rendered with errors. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string[]>;
  formError?: string;
}

export interface PageContext {
  petition: PublicPetition;
  count: CachedCount;
  publicUrl: string;
  recentSigners: { firstName: string; region: string | null }[];
  consentText: string;
  form?: FormState;
  source: string;
  referrer: string;
  /** Time-to-fill stamp for the form (ms since epoch), or the page cache's slot. */
  startedAt: string;
}

const INPUTS: {
  name: string;
  type: string;
  autocomplete: string;
  maxlength: number;
  required: boolean;
  label: (t: PageText) => string;
}[] = [
  {
    name: 'firstName',
    type: 'text',
    autocomplete: 'given-name',
    maxlength: 100,
    required: true,
    label: (t) => t.firstName,
  },
  {
    name: 'lastName',
    type: 'text',
    autocomplete: 'family-name',
    maxlength: 100,
    required: false,
    label: (t) => t.lastName,
  },
  { name: 'email', type: 'email', autocomplete: 'email', maxlength: 254, required: true, label: (t) => t.email },
  {
    name: 'postcode',
    type: 'text',
    autocomplete: 'postal-code',
    maxlength: 20,
    required: false,
    label: (t) => t.postcode,
  },
  {
    name: 'region',
    type: 'text',
    autocomplete: 'address-level1',
    maxlength: 80,
    required: false,
    label: (t) => t.region,
  },
];

function render(petition: PublicPetition, title: string, content: Handlebars.TemplateDelegate, model: object): string {
  return layout(
    { lang: petition.language, dir: textDirection(petition.language), title, description: '' },
    { partials: { content: (ctx: object) => content({ ...model, ...ctx }) } },
  );
}

function countModel(petition: PublicPetition, count: CachedCount, t: PageText) {
  const numbers = new Intl.NumberFormat(petition.language);
  return {
    total: count.total,
    totalText: numbers.format(count.total),
    // The word after the number, and its form for every plural category so the page's script can follow the count.
    label: t.signatures(count.total),
    labelForms: pluralForms(petition.language, t.signatures),
    goalText: numbers.format(petition.goal),
    progressValue: Math.min(count.total, petition.goal),
    percent: Math.min(100, Math.floor((count.total / Math.max(1, petition.goal)) * 100)),
  };
}

export function shareLinks(
  petition: PublicPetition,
  publicUrl: string,
  t: PageText,
): { shareUrl: string; shareLinks: { label: string; href: string }[] } {
  const url = (source: string): string => `${publicUrl}/p/${petition.slug}?utm_source=${source}`;
  const text = encodeURIComponent(petition.title);
  return {
    shareUrl: url('link'),
    shareLinks: [
      { label: 'X', href: `https://twitter.com/intent/tweet?text=${text}&url=${encodeURIComponent(url('twitter'))}` },
      {
        label: 'Facebook',
        href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url('facebook'))}`,
      },
      { label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${petition.title} ${url('whatsapp')}`)}` },
      { label: 'Telegram', href: `https://t.me/share/url?url=${encodeURIComponent(url('telegram'))}&text=${text}` },
      { label: t.shareEmail, href: `mailto:?subject=${text}&body=${encodeURIComponent(url('email'))}` },
    ],
  };
}

function statusMessage(petition: PublicPetition, t: PageText): string {
  if (petition.status === 'closed') return t.closed;
  if (petition.status === 'draft') return t.draft;
  if (petition.status === 'delivered') return t.delivered;
  return '';
}

export function renderPetitionPage(ctx: PageContext): string {
  const { petition } = ctx;
  const t = pageText(petition.language);
  const form = ctx.form ?? { values: {}, errors: {} };
  const error = (name: string): string => form.errors[name]?.[0] ?? '';
  const label = (name: string): string =>
    INPUTS.find((i) => i.name === name)?.label(t) ??
    (name === 'country' ? t.country : name === 'comment' ? t.comment : name);
  const selectedCountry = form.values.country ?? petition.organisationCountry ?? '';
  const model = {
    t,
    petition,
    consentText: ctx.consentText,
    countUrl: `/p/${petition.slug}/count.json`,
    byLine: t.by(petition.organisationName),
    count: countModel(petition, ctx.count, t),
    askParagraphs: petition.ask
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean),
    closesAtText: petition.closesAt
      ? new Intl.DateTimeFormat(petition.language, { dateStyle: 'long' }).format(petition.closesAt)
      : '',
    statusMessage: statusMessage(petition, t),
    isOpen: petition.status === 'open',
    formError: form.formError ?? '',
    hasErrors: Object.keys(form.errors).length > 0,
    errorList: Object.entries(form.errors).map(([name, messages]) => ({
      name,
      label: label(name),
      message: messages[0],
    })),
    inputs: INPUTS.map((i) => ({ ...i, label: i.label(t), value: form.values[i.name] ?? '', error: error(i.name) })),
    country: {
      error: error('country'),
      options: countryOptions(petition.language).map((c) => ({ ...c, selected: c.code === selectedCountry })),
    },
    comment: { value: form.values.comment ?? '', error: error('comment') },
    checks: { publicDisplay: form.values.publicDisplay === 'on', consent: form.values.consent === 'on' },
    startedAt: ctx.startedAt,
    source: ctx.source,
    referrer: ctx.referrer,
    recentSigners: ctx.recentSigners,
    ...shareLinks(petition, ctx.publicUrl, t),
  };
  return render(petition, petition.title, views.petition, model);
}

export type MessageKind = 'thanks' | 'confirm' | 'confirmed' | 'link-invalid' | 'petition-closed';

export function renderMessagePage(
  petition: PublicPetition,
  kind: MessageKind,
  count: CachedCount,
  publicUrl: string,
  action?: OneClickAction,
): string {
  const t = pageText(petition.language);
  const [heading, body] = {
    thanks: [t.thanksTitle, t.thanksBody],
    confirm: [t.confirmTitle, t.confirmBody],
    confirmed: [t.confirmedTitle, t.confirmedBody],
    'link-invalid': [t.linkInvalidTitle, t.linkInvalidBody],
    'petition-closed': [t.closed, t.petitionClosedConfirm],
  }[kind];
  const share =
    kind === 'confirmed' || kind === 'thanks' ? shareLinks(petition, publicUrl, t) : { shareUrl: '', shareLinks: [] };
  const model = {
    t,
    petition,
    heading,
    body,
    showCount: kind === 'confirmed',
    action: action ?? null,
    showBackLink: kind !== 'confirm',
    countUrl: `/p/${petition.slug}/count.json`,
    byLine: t.by(petition.organisationName),
    count: countModel(petition, count, t),
    ...share,
  };
  return render(petition, `${heading} – ${petition.title}`, views.message, model);
}

export function renderNotFoundPage(): string {
  return layout(
    { lang: 'en', dir: 'ltr', title: 'Not found', description: '' },
    { partials: { content: (ctx: object) => views.notFound(ctx) } },
  );
}
