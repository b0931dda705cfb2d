import { csvCell } from '#rally/core';
import type { PublicScorecard, PublicScorecardItem } from './public-scorecards.js';

/**
 * The scorecard as open data: the same published rows as the page, in codes rather than words (statuses, focus
 * areas, verification levels), so a reuser translates them as they like. JSON and CSV carry the same fields.
 */
export function scorecardJson(card: PublicScorecard, pageUrl: string): string {
  return JSON.stringify({
    organisation: { name: card.organisationName, slug: card.organisationSlug },
    country: card.country,
    url: pageUrl,
    recommendations: card.items.map((i) => ({
      code: i.code,
      title: i.title,
      focusArea: i.focusArea,
      source: i.sourceKind,
      sourceLabel: i.sourceLabel,
      sourceReference: i.sourceReference,
      verification: i.verification,
      studyRecommends: i.studyRecommends,
      status: i.status,
      evidence: i.evidence,
      evidenceSummary: i.evidenceSummary,
      evidenceDate: i.evidenceDate,
      lastVerified: i.lastVerified,
    })),
  });
}

const COLUMNS: [string, (i: PublicScorecardItem, card: PublicScorecard) => string | boolean | null][] = [
  ['organisation', (_, card) => card.organisationName],
  ['country', (_, card) => card.country],
  ['code', (i) => i.code],
  ['title', (i) => i.title],
  ['focus_area', (i) => i.focusArea ?? 'overarching'],
  ['source', (i) => i.sourceKind],
  ['source_label', (i) => i.sourceLabel],
  ['source_reference', (i) => i.sourceReference],
  ['verification', (i) => i.verification],
  ['study_recommends', (i) => i.studyRecommends],
  ['status', (i) => i.status],
  ['evidence_summary', (i) => i.evidenceSummary],
  ['evidence_date', (i) => i.evidenceDate],
  ['last_verified', (i) => i.lastVerified],
  // One line per link inside the cell, in the same order in both columns.
  ['evidence_urls', (i) => i.evidence.map((e) => e.url).join('\n')],
  ['evidence_supports', (i) => i.evidence.map((e) => e.supports).join('\n')],
];

/** RFC 4180 with a header row; every cell through csvCell, so nothing a spreadsheet opens runs as a formula. */
export function scorecardCsv(card: PublicScorecard): string {
  const lines = [
    COLUMNS.map(([name]) => name).join(','),
    ...card.items.map((item) => COLUMNS.map(([, value]) => csvCell(value(item, card))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
