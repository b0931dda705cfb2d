import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { OneClickAction } from '#rally/core';
import { countryOptions, textDirection } from '#rally/core';
import { lettersText } from '../letters.i18n.js';
import { letterParagraphs } from '../mail/letter-mail.templates.js';
import { MAX_EDITED_TEXT_CHARS } from '../template/template-limits.js';
import type { ComposedLetter } from '../writing/letter-composer.js';
import { recipientLabel } from '../writing/letter-writing.service.js';
import type { PublicLetterAction } from '../writing/public-letter-actions.js';

const hbs = Handlebars.create();
const read = (name: string): string => readFileSync(new URL(`./views/${name}`, import.meta.url), 'utf8');
// Compiled once at module load, strict: a field missing from a view model throws instead of rendering blank.
hbs.registerPartial('errors', hbs.compile(read('errors.hbs'), { strict: true }));
hbs.registerPartial('hidden-fields', hbs.compile(read('hidden-fields.hbs'), { strict: true }));
const layout = hbs.compile(read('layout.hbs'), { strict: true });
const views = {
  action: hbs.compile(read('action.hbs'), { strict: true }),
  preview: hbs.compile(read('preview.hbs'), { strict: true }),
  message: hbs.compile(read('message.hbs'), { strict: true }),
  notFound: hbs.compile(read('not-found.hbs'), { strict: true }),
};

/** What the supporter typed, echoed back when the form is shown again. */
export interface LetterFormState {
  values: Record<string, string | string[]>;
  errors: Record<string, string[]>;
  formError?: string;
}

export interface PickOption {
  id: string;
  name: string;
  title: string;
}

export interface LetterPageContext {
  ctx: PublicLetterAction;
  consentText: string;
  startedAt: string;
  source: string;
  defaultLetter: string | null;
  pickable: PickOption[];
  form?: LetterFormState;
}

const INPUTS = [
  { name: 'firstName', type: 'text', autocomplete: 'given-name', maxlength: 100, required: true },
  { name: 'lastName', type: 'text', autocomplete: 'family-name', maxlength: 100, required: false },
  { name: 'email', type: 'email', autocomplete: 'email', maxlength: 254, required: true },
  { name: 'postcode', type: 'text', autocomplete: 'postal-code', maxlength: 20, required: false },
  { name: 'region', type: 'text', autocomplete: 'address-level1', maxlength: 80, required: false },
] as const;

const FIELD_LABELS = ['firstName', 'lastName', 'email', 'postcode', 'region', 'country', 'paragraph', 'letter'];

/** Page strings of one language, resolved once. */
function pageStrings(language: string): Record<string, string> {
  const t = lettersText.in(language);
  const page = Object.fromEntries(
    [
      'writeHeading',
      'firstName',
      'lastName',
      'email',
      'postcode',
      'region',
      'country',
      'chooseCountry',
      'paragraph',
      'paragraphHint',
      'letter',
      'letterHint',
      'targets',
      'previewButton',
      'errorSummary',
      'previewHeading',
      'change',
      'testMode',
      'closed',
      'draft',
      'backToAction',
    ].map((k) => [k, t(`letters:page.${k}`)]),
  );
  return { ...page, optional: t('common:optional') };
}
const strings = new Map<string, Record<string, string>>();
function stringsOf(language: string): Record<string, string> {
  let s = strings.get(language);
  if (!s) strings.set(language, (s = pageStrings(language)));
  return s;
}

function render(ctx: PublicLetterAction, title: string, content: Handlebars.TemplateDelegate, model: object): string {
  const lang = ctx.action.language;
  return layout(
    { lang, dir: textDirection(lang), title },
    { partials: { content: (c: object) => content({ ...model, ...c }) } },
  );
}

function errorModel(form: LetterFormState, t: Record<string, string>) {
  return {
    formError: form.formError ?? '',
    hasErrors: Object.keys(form.errors).length > 0,
    // Errors of what the form shows link to their field; the others (the time-to-fill stamp) are said plainly.
    errorList: Object.entries(form.errors).map(([name, messages]) => ({
      name,
      field: FIELD_LABELS.includes(name) || name === 'targets',
      label: FIELD_LABELS.includes(name) ? t[name] : name === 'targets' ? t.targets : name,
      message: messages[0],
    })),
  };
}

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export function renderLetterActionPage(page: LetterPageContext): string {
  const { ctx } = page;
  const { action } = ctx;
  const language = action.language;
  const t = stringsOf(language);
  const text = lettersText.in(language);
  const form = page.form ?? { values: {}, errors: {} };
  const error = (name: string): string => form.errors[name]?.[0] ?? '';
  const picked = new Set(
    Array.isArray(form.values.targets) ? form.values.targets : form.values.targets ? [form.values.targets] : [],
  );
  const selectedCountry = one(form.values.country) || ctx.organisationCountry || '';
  const statusMessage =
    action.status === 'closed' ? t.closed : action.status === 'draft' && !action.testMode ? t.draft : '';
  const model = {
    t,
    action,
    byLine: text('letters:page.by', { organisation: ctx.organisationName }),
    introParagraphs: action.intro
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean),
    testMode: action.testMode,
    statusMessage,
    isOpen: statusMessage === '',
    ...errorModel(form, t),
    inputs: INPUTS.map((i) => ({ ...i, label: t[i.name], value: one(form.values[i.name]), error: error(i.name) })),
    country: {
      error: error('country'),
      options: countryOptions(language).map((c) => ({ ...c, selected: c.code === selectedCountry })),
    },
    pick:
      action.routing.mode === 'pick'
        ? {
            error: error('targets'),
            hint: text('letters:page.targetsHint', {
              min: action.routing.min,
              max: Math.min(action.routing.max, action.routing.maxTargets),
            }),
            options: page.pickable.map((p) => ({ id: p.id, label: recipientLabel(p), checked: picked.has(p.id) })),
          }
        : null,
    editable:
      page.defaultLetter !== null
        ? {
            value: form.values.letter !== undefined ? one(form.values.letter) : page.defaultLetter,
            error: error('letter'),
            maxlength: MAX_EDITED_TEXT_CHARS,
          }
        : null,
    paragraph: { value: one(form.values.paragraph), error: error('paragraph') },
    consentText: page.consentText,
    consentChecked: one(form.values.consent) === 'on',
    startedAt: page.startedAt,
    source: page.source,
  };
  return render(ctx, action.title, views.action, model);
}

/** The letters as they will go, with the form's values carried in hidden fields to "send" and "change". */
export function renderPreviewPage(
  ctx: PublicLetterAction,
  letters: ComposedLetter[],
  hidden: { name: string; value: string }[],
): string {
  const language = ctx.action.language;
  const t = stringsOf(language);
  const text = lettersText.in(language);
  const model = {
    t,
    action: ctx.action,
    byLine: text('letters:page.by', { organisation: ctx.organisationName }),
    testMode: ctx.action.testMode,
    ...errorModel({ values: {}, errors: {} }, t),
    intro: text('letters:page.previewIntro', { count: letters.length }),
    letters: letters.map((l) => ({
      to: text('letters:page.to', { name: recipientLabel(l.target) }),
      subject: text('letters:page.subject', { subject: l.subject }),
      paragraphs: letterParagraphs(l.body),
    })),
    hidden,
    sendLabel: text('letters:page.send', { count: letters.length }),
  };
  return render(ctx, `${t.previewHeading} – ${ctx.action.title}`, views.preview, model);
}

export type LetterMessageKind = 'thanks' | 'confirm' | 'confirmed' | 'link-invalid' | 'action-closed';

export function renderLetterMessagePage(
  ctx: PublicLetterAction,
  kind: LetterMessageKind,
  oneClick?: OneClickAction,
): string {
  const language = ctx.action.language;
  const t = stringsOf(language);
  const text = lettersText.in(language);
  const [heading, body] = {
    thanks: ['thanksTitle', 'thanksBody'],
    confirm: ['confirmTitle', 'confirmBody'],
    confirmed: ['confirmedTitle', 'confirmedBody'],
    'link-invalid': ['linkInvalidTitle', 'linkInvalidBody'],
    'action-closed': ['closed', 'closedConfirm'],
  }[kind].map((k) => text(`letters:page.${k}`));
  const model = {
    t,
    action: ctx.action,
    byLine: text('letters:page.by', { organisation: ctx.organisationName }),
    heading,
    body,
    oneClick: oneClick ?? null,
    showBackLink: kind !== 'confirm',
  };
  return render(ctx, `${heading} – ${ctx.action.title}`, views.message, model);
}

export function renderLetterNotFoundPage(language = 'en'): string {
  const text = lettersText.in(language);
  const title = text('letters:page.notFoundTitle');
  return layout(
    { lang: language, dir: textDirection(language), title },
    { partials: { content: () => views.notFound({ title, body: text('letters:page.notFoundBody') }) } },
  );
}
