import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { OneClickAction } from '#rally/core';
import { LANGUAGES, textDirection } from '#rally/core';
import { mailingsText } from '../mailings.i18n.js';
import type { PreferencesView } from './unsubscribe.service.js';

const hbs = Handlebars.create();
const read = (name: string): string => readFileSync(new URL(`./views/${name}`, import.meta.url), 'utf8');
// Compiled once at module load, strict: a field missing from a view model throws instead of rendering blank.
const layout = hbs.compile(read('layout.hbs'), { strict: true });
const views = {
  message: hbs.compile(read('message.hbs'), { strict: true }),
  preferences: hbs.compile(read('preferences.hbs'), { strict: true }),
};

const KEYS = [
  'preferencesLink',
  'languageLabel',
  'languageAsBefore',
  'campaignsLegend',
  'campaignsHint',
  'noCampaigns',
  'save',
  'saved',
  'unsubscribeAllLegend',
  'unsubscribeAllButton',
];
const strings = (language: string): Record<string, string> =>
  Object.fromEntries(KEYS.map((k) => [k, mailingsText.t(language, `mailings:page.${k}`)]));

function page(language: string, title: string, view: Handlebars.TemplateDelegate, model: object): string {
  hbs.registerPartial('content', view);
  return layout({ lang: language, dir: textDirection(language), title, ...model, t: strings(language) });
}

export type UnsubscribeMessage = 'confirm' | 'done' | 'not-found';

export function renderUnsubscribeMessage(
  language: string,
  kind: UnsubscribeMessage,
  values: { organisation: string; email: string },
  oneClick: OneClickAction | null,
  preferencesUrl: string | null,
): string {
  const t = (key: string) => mailingsText.t(language, `mailings:page.${key}`, values);
  const [title, heading, body] =
    kind === 'confirm'
      ? [t('unsubscribeTitle'), t('unsubscribeHeading'), t('unsubscribeBody')]
      : kind === 'done'
        ? [t('unsubscribedTitle'), t('unsubscribedHeading'), t('unsubscribedBody')]
        : [t('notFoundTitle'), t('notFoundHeading'), t('notFoundBody')];
  return page(language, title, views.message, { heading, body, oneClick, preferencesUrl });
}

const languageName = (code: string): string => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;

export function renderPreferencesPage(
  language: string,
  organisation: string,
  view: PreferencesView,
  urls: { action: string; unsubscribe: string },
  saved: boolean,
): string {
  return page(language, mailingsText.t(language, 'mailings:page.preferencesTitle'), views.preferences, {
    heading: mailingsText.t(language, 'mailings:page.preferencesHeading', { organisation }),
    saved,
    suppressedNote: view.suppressed ? mailingsText.t(language, 'mailings:page.unsubscribedNote', { organisation }) : '',
    action: urls.action,
    unsubscribeUrl: urls.unsubscribe,
    language: view.language ?? '',
    languages: LANGUAGES.map((code) => ({ code, name: languageName(code), selected: view.language === code })),
    campaigns: view.campaigns,
  });
}
