import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, SlugCache } from '#rally/core';
import type { MailConfig } from '#rally/mail';
import { MAIL_CONFIG } from '#rally/mail';
import { OrganisationDirectory } from '#rally/access';
import { Campaign } from '#rally/campaigns';
import { LetterAction } from '../entities/letter-action.entity.js';
import { LetterTemplate } from '../entities/letter-template.entity.js';
import type { LetterActionContext } from './letter-composer.js';

/** A letter action as its public page and the writing path see it. */
export interface PublicLetterAction extends LetterActionContext {
  organisationCountry: string | null;
  /** The organisation's zone: the calendar day responsibility routing looks at. */
  timeZone: string;
}

/** A staff change reaches every api process within this time. */
const TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

/** Mail address inside a From header such as `Rally <no-reply@rally.localhost>`. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** Letter actions by slug from process memory, with what their letters need (SlugCache). */
@Injectable()
export class PublicLetterActions {
  private readonly cache = new SlugCache<PublicLetterAction>((slug) => this.load(slug), {
    max: MAX_ENTRIES,
    ttlMs: TTL_MS,
  });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationDirectory,
    @InjectConfig(MAIL_CONFIG) private readonly mail: MailConfig,
  ) {}

  bySlug(slug: string): Promise<PublicLetterAction | null> {
    return this.cache.get(slug);
  }

  forget(slug: string): void {
    this.cache.forget(slug);
  }

  private async load(slug: string): Promise<PublicLetterAction | null> {
    if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
    const action = await this.db.getRepository(LetterAction).findOneBy({ slug });
    if (!action) return null;
    const scope = { organisationId: action.organisationId };
    const [templates, campaign, org] = await Promise.all([
      this.db.getRepository(LetterTemplate).findBy({ actionId: action.id }),
      this.db.getRepository(Campaign).findOneBy({ id: action.campaignId, organisationId: action.organisationId }),
      this.organisations.summary(scope),
    ]);
    return {
      action,
      templates,
      campaignName: campaign?.name ?? '',
      organisationName: org.name,
      sendingAddress: org.sendingAddress ?? addressOf(this.mail.from),
      organisationCountry: org.country,
      timeZone: org.timeZone,
    };
  }
}
