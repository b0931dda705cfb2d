import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import type { Language } from '#rally/core';
import { COUNTRY_CODES, DEFAULT_LANGUAGE, isLanguage, SlugCache, sqlRow, sqlRows } from '#rally/core';
import type { EvidenceLink, RecommendationSource, StudyFocusArea, VerificationLevel } from '#rally/recommendations';
import { STUDY_FOCUS_AREAS, studyRecommends } from '#rally/recommendations';
import type { ImplementationStatusValue } from '../implementation-state.js';
import { CATALOGUE_ORDER } from '../implementation-status.service.js';

/** One published status as the public sees it: no note, no author, no responsible ministry, no history. */
export interface PublicScorecardItem {
  code: string;
  title: string;
  focusArea: StudyFocusArea | null;
  sourceKind: RecommendationSource;
  /** The organisation's own recommendations name where they come from ("CRC concluding observations 2024"). */
  sourceLabel: string | null;
  sourceReference: string;
  verification: VerificationLevel | null;
  studyRecommends: boolean;
  status: ImplementationStatusValue;
  evidence: EvidenceLink[];
  evidenceSummary: string;
  evidenceDate: string | null;
  lastVerified: string | null;
}

export interface PublicScorecard {
  organisationId: string;
  organisationName: string;
  organisationSlug: string;
  defaultLanguage: Language;
  country: string;
  /** The catalogue's order: overarching first, then the Study's focus areas, the Study's before the organisation's. */
  items: PublicScorecardItem[];
}

/** A publish, a status change or the switch reaches every api process within this time. */
const TTL_MS = 5_000;
/** Scorecards one process keeps per side (found / not found); far more than are read at once. */
const MAX_ENTRIES = 5_000;
// Loose on purpose (organisation slugs are lower-case letters, digits and dashes): it only spares the database a scan.
const SLUG = /^[a-z0-9-]{1,50}$/;

/**
 * The public scorecard of one organisation and country from process memory: an embedded scorecard on a busy site
 * costs no database read per view. Not public, unknown, or nothing published: remembered apart (SlugCache), so a
 * scan of addresses cannot push the real scorecards out.
 */
@Injectable()
export class PublicScorecards {
  private readonly cache = new SlugCache<PublicScorecard>((key) => this.load(key), {
    max: MAX_ENTRIES,
    ttlMs: TTL_MS,
  });
  /** Organisation id -> slug, learnt when loading, so staff changes (which know the id) can forget entries. */
  private readonly slugs = new Map<string, string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Database reads made, for tests. */
  get loads(): number {
    return this.cache.loads;
  }

  /** Null: no such organisation, its scorecard is off, or it published nothing for the country. */
  get(orgSlug: string, country: string, now = Date.now()): Promise<PublicScorecard | null> {
    if (!SLUG.test(orgSlug) || !COUNTRY_CODES.has(country)) return Promise.resolve(null);
    return this.cache.get(`${orgSlug}/${country}`, now);
  }

  /** After a staff change in this process, show it at once here (other processes follow within TTL_MS). */
  forget(scope: OrgScope, countries: Iterable<string> = COUNTRY_CODES): void {
    const slug = this.slugs.get(scope.organisationId);
    if (!slug) return;
    for (const country of countries) this.cache.forget(`${slug}/${country}`);
  }

  private async load(key: string): Promise<PublicScorecard | null> {
    const [slug, country] = key.split('/');
    const org = await sqlRow<{ id: string; name: string; default_language: string; public: boolean }>(
      this.db,
      `SELECT o.id, o.name, o.default_language, coalesce(s.public_scorecard, false) AS public
       FROM organization o LEFT JOIN implementation_settings s ON s.organization_id = o.id WHERE o.slug = $1`,
      [slug],
    );
    if (!org) return null;
    this.slugs.set(org.id, slug);
    if (!org.public) return null;
    const rows = await sqlRows<Row>(
      this.db,
      `SELECT r.code, r.title, r.focus_area, r.source_kind, r.source_label, r.source_reference, r.verification,
              r.withdrawn, s.status, s.evidence, s.evidence_summary, s.evidence_date::text AS evidence_date,
              s.last_verified::text AS last_verified
       FROM implementation_statuses s JOIN recommendations r ON r.id = s.recommendation_id
       WHERE s.organization_id = $1 AND s.country = $2 AND s.published AND NOT r.withdrawn
         AND (r.organization_id IS NULL OR r.organization_id = $1)
       ORDER BY ${CATALOGUE_ORDER.replace('$AREAS', '$3')}`,
      [org.id, country, STUDY_FOCUS_AREAS],
    );
    if (rows.length === 0) return null;
    return {
      organisationId: org.id,
      organisationName: org.name,
      organisationSlug: slug,
      defaultLanguage: isLanguage(org.default_language) ? org.default_language : DEFAULT_LANGUAGE,
      country,
      items: rows.map(toItem),
    };
  }
}

interface Row {
  code: string;
  title: string;
  focus_area: StudyFocusArea | null;
  source_kind: RecommendationSource;
  source_label: string | null;
  source_reference: string;
  verification: VerificationLevel | null;
  withdrawn: boolean;
  status: ImplementationStatusValue;
  evidence: EvidenceLink[];
  evidence_summary: string;
  evidence_date: string | null;
  last_verified: string | null;
}

const toItem = (r: Row): PublicScorecardItem => ({
  code: r.code,
  title: r.title,
  focusArea: r.focus_area,
  sourceKind: r.source_kind,
  sourceLabel: r.source_kind === 'organisation' ? r.source_label : null,
  sourceReference: r.source_reference,
  verification: r.verification,
  studyRecommends: studyRecommends({ sourceKind: r.source_kind, verification: r.verification, withdrawn: r.withdrawn }),
  status: r.status,
  evidence: r.evidence.map((e) => ({ url: e.url, supports: e.supports })),
  evidenceSummary: r.evidence_summary,
  evidenceDate: r.evidence_date,
  lastVerified: r.last_verified,
});
