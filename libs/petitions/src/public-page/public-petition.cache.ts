import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language } from '#rally/core';
import { SlugCache, sqlRow } from '#rally/core';
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
 * Petitions by slug from process memory (SlugCache): a viral page, its count and its sign form cost no database
 * read per request.
 */
@Injectable()
export class PublicPetitionCache {
  private readonly cache = new SlugCache<PublicPetition>((slug) => this.load(slug), {
    max: MAX_ENTRIES,
    ttlMs: TTL_MS,
  });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationDirectory,
  ) {}

  /** Database reads made, for tests and the benchmark's sanity checks. */
  get loads(): number {
    return this.cache.loads;
  }

  bySlug(slug: string, now = Date.now()): Promise<PublicPetition | null> {
    return this.cache.get(slug, now);
  }

  /** After a staff change in this process, show it at once here (other processes follow within TTL_MS). */
  forget(slug: string): void {
    this.cache.forget(slug);
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
