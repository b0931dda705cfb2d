import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig, StampCheck } from '#rally/core';
import { FormStamp, InjectConfig, randomToken, requireSecretKey, sqlRow, sqlRows } from '#rally/core';
import { isUuid } from '#rally/access';
import type { ConfirmedActionRow } from '#rally/supporters';
import { SupporterService, supporterActionOf } from '#rally/supporters';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';
import { pageText } from '../i18n/page-text.js';
import type { PublicPetition } from '../public-page/public-petition.cache.js';
import type { SignatureInput } from './signature-input.js';
import { SignatureWriter } from './signature-writer.js';

/** What confirming returns of the signature: what its supporter record is made from. */
interface ConfirmedRow extends ConfirmedActionRow {
  organization_id: string;
  confirmed_at: Date;
}

export type ConfirmOutcome = 'confirmed' | 'invalid' | 'petition-closed';

/** From a submitted form to a pending signature, and from a followed link to a confirmed one. */
@Injectable()
export class SigningService {
  private readonly stamps: FormStamp;
  private readonly wordings = new WeakMap<PublicPetition, string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: SignatureWriter,
    private readonly supporters: SupporterService,
    @InjectConfig() private readonly config: RallyConfig,
    @InjectConfig(PETITIONS_CONFIG) private readonly petitions: PetitionsConfig,
  ) {
    this.stamps = new FormStamp(requireSecretKey(config));
  }

  /** The consent sentence shown beside the checkbox; the same function produces what is stored. */
  consentWording(petition: PublicPetition): string {
    // Formatted once per cached petition object (it is replaced when the petition changes), not per signature.
    let wording = this.wordings.get(petition);
    if (wording === undefined)
      this.wordings.set(petition, (wording = pageText(petition.language).consent(petition.organisationName)));
    return wording;
  }

  /**
   * Stores a pending signature (or flags a repeat signer) and resolves once committed. The answer is the same either
   * way; the confirmation or "already signed" mail, staged by a job, tells the person which case they are in.
   */
  async sign(petition: PublicPetition, input: SignatureInput): Promise<void> {
    await this.writer.write({
      id: randomUUID(),
      organisationId: petition.organisationId,
      petitionId: petition.id,
      email: input.email,
      emailNormalized: input.emailNormalized,
      firstName: input.firstName,
      lastName: input.lastName,
      postcode: input.postcode,
      region: input.region,
      country: input.country,
      comment: input.comment,
      publicDisplay: input.publicDisplay,
      consentGiven: input.consentGiven,
      consentWording: this.consentWording(petition),
      language: petition.language,
      source: input.source,
      referrer: input.referrer,
      confirmToken: randomToken(24),
    });
  }

  /** Whether a confirmation link would work now, changing nothing: what its GET page shows. */
  async checkLink(
    petition: PublicPetition,
    signatureId: string,
    token: string,
  ): Promise<'valid' | 'invalid' | 'petition-closed'> {
    if (!isUuid(signatureId) || token.length > 100) return 'invalid';
    const pending = await sqlRow<unknown>(
      this.db,
      `SELECT 1 FROM signatures WHERE id = $1 AND petition_id = $2 AND confirm_token = $3 AND status = 'pending'`,
      [signatureId, petition.id, token],
    );
    if (!pending) return 'invalid';
    return petition.status === 'open' ? 'valid' : 'petition-closed';
  }

  /** Follows a confirmation link once: confirms, records the supporter and their consent in one transaction. */
  async confirm(petition: PublicPetition, signatureId: string, token: string): Promise<ConfirmOutcome> {
    if (!isUuid(signatureId) || token.length > 100) return 'invalid';
    if (petition.status !== 'open') {
      const pending = await sqlRow<unknown>(
        this.db,
        `SELECT 1 FROM signatures WHERE id = $1 AND petition_id = $2 AND confirm_token = $3 AND status = 'pending'`,
        [signatureId, petition.id, token],
      );
      return pending ? 'petition-closed' : 'invalid';
    }
    return this.db.transaction(async (manager) => {
      const s = await sqlRow<ConfirmedRow>(
        manager,
        `UPDATE signatures SET status = 'confirmed', confirmed_at = now(), confirm_token = NULL, next_mail_at = NULL
         WHERE id = $1 AND petition_id = $2 AND confirm_token = $3 AND status = 'pending'
         RETURNING organization_id, email, email_normalized, first_name, last_name, postcode, region, country, language, consent_given, consent_wording, confirmed_at`,
        [signatureId, petition.id, token],
      );
      if (!s) return 'invalid';
      const scope = { organisationId: s.organization_id };
      const supporterId = await this.supporters.recordAction(
        scope,
        supporterActionOf(s, s.confirmed_at, `petition:${petition.id}`),
        manager,
      );
      await manager.query(`UPDATE signatures SET supporter_id = $2 WHERE id = $1`, [signatureId, supporterId]);
      return 'confirmed';
    });
  }

  /** First names and regions of recent confirmed signers who agreed to be shown. Never an email or a last name. */
  async recentPublicSigners(petitionId: string, limit = 10): Promise<{ firstName: string; region: string | null }[]> {
    const rows = await sqlRows<{ first_name: string; region: string | null }>(
      this.db,
      `SELECT first_name, region FROM signatures WHERE petition_id = $1 AND status = 'confirmed' AND public_display ORDER BY confirmed_at DESC LIMIT $2`,
      [petitionId, limit],
    );
    return rows.map((r) => ({ firstName: r.first_name, region: r.region }));
  }

  /** The signed time-to-fill stamp a served form carries. */
  issueStamp(now = Date.now()): string {
    return this.stamps.issue(now);
  }

  checkStamp(stamp: unknown, now = Date.now()): StampCheck {
    return this.stamps.check(stamp, this.petitions.minFillSeconds * 1000, now);
  }
}
