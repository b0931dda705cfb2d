import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language } from '#rally/core';
import { TtlCache, sqlRow } from '#rally/core';
import { OrganisationDirectory } from '#rally/access';
import type { PetitionStatus } from '../entities/petition.entity.js';

/** What a public page may know about a petition. No staff-only fields, nothing about signers. */
export interface PublicPetition {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationCountry: string | null;
  slug: string;
  title: string;
  ask: string;
  targetDescription: string;
  goal: number;
  milestones: number[];
  language: Language;
  status: PetitionStatus;
  closesAt: Date | null;
}

/** A status change reaches every api process within this time. */
const TTL_MS = 2_000;
/** Petitions one process keeps; far more than are ever busy at once. */
const MAX_ENTRIES = 10_000;

/**
 * Public lookups by slug served from process memory for a couple of seconds, so a viral page, its count and its sign
 * form cost no database read per request. Unknown slugs are remembered too, but apart: a scan of random addresses
 * fills only the unknown side and can never push a busy petition out.
 */
@Injectable()
export class PublicPetitionCache {
  private readonly known = new TtlCache<string, Promise<PublicPetition | null>>({ max: MAX_ENTRIES, ttlMs: TTL_MS });
  private readonly unknown = new TtlCache<string, Promise<PublicPetition | null>>({ max: MAX_ENTRIES, ttlMs: TTL_MS });
  /** Lookups in flight: concurrent requests for one slug share one query. */
  private readonly loading = new Map<string, Promise<PublicPetition | null>>();
  /** Database reads made, for tests and the benchmark's sanity checks. */
  loads = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationDirectory,
  ) {}

  bySlug(slug: string, now = Date.now()): Promise<PublicPetition | null> {
    const hit = this.known.get(slug, now) ?? this.unknown.get(slug, now) ?? this.loading.get(slug);
    if (hit) return hit;
    this.loads += 1;
    const value = this.load(slug);
    this.loading.set(slug, value);
    value.then(
      (petition) => {
        this.loading.delete(slug);
        (petition ? this.known : this.unknown).set(slug, value, now);
      },
      () => this.loading.delete(slug),
    );
    return value;
  }

  /** After a staff change in this process, show it at once here (other processes follow within TTL_MS). */
  forget(slug: string): void {
    this.known.delete(slug);
    this.unknown.delete(slug);
  }

  private async load(slug: string): Promise<PublicPetition | null> {
    if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
    const row = await sqlRow<{
      id: string;
      organization_id: string;
      slug: string;
      title: string;
      ask: string;
      target_description: string;
      goal: number;
      milestones: number[];
      language: Language;
      status: PetitionStatus;
      closes_at: Date | null;
    }>(
      this.db,
      `SELECT id, organization_id, slug, title, ask, target_description, goal, milestones, language, status, closes_at FROM petitions WHERE slug = $1`,
      [slug],
    );
    if (!row) return null;
    const org = await this.organisations.summary({ organisationId: row.organization_id });
    return {
      id: row.id,
      organisationId: row.organization_id,
      organisationName: org.name,
      organisationCountry: org.country,
      slug: row.slug,
      title: row.title,
      ask: row.ask,
      targetDescription: row.target_description,
      goal: row.goal,
      milestones: row.milestones,
      language: row.language,
      status: row.status,
      closesAt: row.closes_at,
    };
  }
}
