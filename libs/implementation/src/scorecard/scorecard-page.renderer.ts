import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Language } from '#rally/core';
import { LANGUAGES, PUBLIC_PAGE_CSS, textDirection } from '#rally/core';
import { STUDY_FOCUS_AREAS, VERIFICATION_LEVELS } from '#rally/recommendations';
import { implementationText } from '../implementation.i18n.js';
import { IMPLEMENTATION_STATUSES } from '../implementation-state.js';
import type { PublicScorecard, PublicScorecardItem } from './public-scorecards.js';

const hbs = Handlebars.create();
const read = (name: string): string => readFileSync(new URL(`./views/${name}`, import.meta.url), 'utf8');
// Compiled once at module load, strict: a field missing from a view model throws instead of rendering blank.
const layout = hbs.compile(read('layout.hbs'), { strict: true });
const views = {
  scorecard: hbs.compile(read('scorecard.hbs'), { strict: true }),
  notFound: hbs.compile(read('not-found.hbs'), { strict: true }),
};

/** The public pages' shared stylesheet and the scorecard's own rules, served as one file. */
export const SCORECARD_CSS = `${PUBLIC_PAGE_CSS}\n${read('scorecard.css')}`;

/** Where the scorecard of an organisation and country lives; the embed, JSON and CSV hang off it. */
export const scorecardPath = (orgSlug: string, country: string): string =>
  `/scorecard/${encodeURIComponent(orgSlug)}/${country}`;

// An evidence link is checked as http(s) when saved; checked again here, as a page is the last place to stop one.
const WEB_LINK = /^https?:\/\//i;
// Overarching recommendations (no focus area) first, then the Study's areas in its order.
const AREAS = [null, ...STUDY_FOCUS_AREAS] as const;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function longDay(language: Language, day: string): string {
  let format = dayFormats.get(language);
  if (!format)
    dayFormats.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(new Date(`${day}T00:00:00Z`));
}

export const countryName = (language: Language, country: string): string =>
  new Intl.DisplayNames([language], { type: 'region' }).of(country) ?? country;

function itemModel(item: PublicScorecardItem, language: Language, idPrefix: string) {
  const t = implementationText.in(language);
  const attribution =
    item.sourceKind === 'organisation'
      ? t('implementation:scorecard.attribution.own', { source: item.sourceLabel ?? '' })
      : item.studyRecommends
        ? t('implementation:scorecard.attribution.studyRecommends')
        : item.verification === 'partial'
          ? t('implementation:scorecard.attribution.studyFinding')
          : t('implementation:scorecard.attribution.notConfirmed');
  const links = item.evidence.map((e) => ({
    href: WEB_LINK.test(e.url) ? e.url : '',
    text: e.supports || e.url,
  }));
  return {
    id: `${idPrefix}-${item.code.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    code: item.code,
    title: item.title,
    status: item.status,
    attribution,
    verification: item.verification
      ? t('implementation:scorecard.verification', { level: t(`implementation:scorecard.level.${item.verification}`) })
      : '',
    statusLabel: t(`implementation:scorecard.status.${item.status}`),
    lastVerified: item.lastVerified ? { iso: item.lastVerified, text: longDay(language, item.lastVerified) } : null,
    hasEvidence: links.length > 0 || item.evidenceSummary !== '',
    evidenceDated: item.evidenceDate
      ? t('implementation:scorecard.evidenceDated', { date: longDay(language, item.evidenceDate) })
      : '',
    summary: item.evidenceSummary,
    links,
  };
}

/** The Study's recommendations, then the organisation's own, each by focus area in the Study's order. */
function sectionsModel(card: PublicScorecard, language: Language) {
  const t = implementationText.in(language);
  const sources = [
    { id: 'study', kind: 'study', heading: t('implementation:scorecard.studyHeading') },
    {
      id: 'own',
      kind: 'organisation',
      heading: t('implementation:scorecard.ownHeading', { organisation: card.organisationName }),
    },
  ] as const;
  return sources
    .map((source) => ({
      id: source.id,
      heading: source.heading,
      areas: AREAS.map((area) => {
        const areaId = `${source.id}-${area ?? 'overarching'}`;
        return {
          id: areaId,
          heading: t(`implementation:scorecard.focusArea.${area ?? 'overarching'}`),
          items: card.items
            .filter((i) => i.sourceKind === source.kind && i.focusArea === area)
            .map((i) => itemModel(i, language, areaId)),
        };
      }).filter((a) => a.items.length > 0),
    }))
    .filter((s) => s.areas.length > 0);
}

/** Strings the template reads directly, resolved once per language. */
const strings = new Map<Language, Record<string, string>>();
function stringsOf(language: Language): Record<string, string> {
  let s = strings.get(language);
  if (!s) {
    const t = implementationText.in(language);
    s = Object.fromEntries(
      [
        'languages',
        'legendHeading',
        'statusesHeading',
        'sourcesHeading',
        'levelsHeading',
        'attributionHelp',
        'statusTerm',
        'lastVerified',
        'notRecorded',
        'evidence',
        'openData',
        'downloadJson',
        'downloadCsv',
        'fullPage',
      ].map((k) => [k, t(`implementation:scorecard.${k}`)]),
    );
    strings.set(language, s);
  }
  return s;
}

export interface ScorecardPageOptions {
  language: Language;
  embed: boolean;
  publicUrl: string;
}

export function renderScorecardPage(card: PublicScorecard, options: ScorecardPageOptions): string {
  const { language, embed, publicUrl } = options;
  const t = implementationText.in(language);
  const path = scorecardPath(card.organisationSlug, card.country);
  const country = countryName(language, card.country);
  const organisation = card.organisationName;
  const here = embed ? `${path}/embed` : path;
  const heading = t('implementation:scorecard.title', { country });
  const model = {
    t: stringsOf(language),
    embed,
    byLine: t('implementation:scorecard.by', { organisation }),
    heading,
    intro: t('implementation:scorecard.intro', { country, organisation }),
    countText: t('implementation:scorecard.count', { count: card.items.length }),
    languages: LANGUAGES.map((lang) => ({
      lang,
      href: `${here}?lang=${lang}`,
      name: implementationText.t(lang, 'implementation:scorecard.languageName'),
      current: lang === language,
    })),
    sections: sectionsModel(card, language),
    statusLegend: IMPLEMENTATION_STATUSES.filter((s) => s !== 'unknown').map((status) => ({
      status,
      label: t(`implementation:scorecard.status.${status}`),
      help: t(`implementation:scorecard.statusHelp.${status}`),
    })),
    levelLegend: VERIFICATION_LEVELS.map((level) => ({
      label: t(`implementation:scorecard.level.${level}`),
      help: t(`implementation:scorecard.levelHelp.${level}`),
    })),
    jsonUrl: `${path}.json`,
    csvUrl: `${path}.csv`,
    pageUrl: `${publicUrl}${path}?lang=${language}`,
  };
  return layout(
    {
      lang: language,
      dir: textDirection(language),
      title: `${heading} – ${organisation}`,
      embed,
      alternates: LANGUAGES.map((lang) => ({ lang, href: `${publicUrl}${here}?lang=${lang}` })),
    },
    { partials: { content: (c: object) => views.scorecard({ ...model, ...c }) } },
  );
}

export function renderScorecardNotFound(language: Language): string {
  const t = implementationText.in(language);
  return layout(
    {
      lang: language,
      dir: textDirection(language),
      title: t('implementation:scorecard.notFoundTitle'),
      embed: false,
      alternates: [],
    },
    {
      partials: {
        content: () =>
          views.notFound({
            heading: t('implementation:scorecard.notFoundTitle'),
            body: t('implementation:scorecard.notFoundBody'),
          }),
      },
    },
  );
}
