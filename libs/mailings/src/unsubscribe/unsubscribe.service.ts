import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, isLanguage, requireSecretKey, sqlRow, sqlRows } from '#rally/core';
import { ORGANISATION_EMAIL_CONSENT } from '#rally/supporters';
import { mailingsText } from '../mailings.i18n.js';
import { SuppressionList } from '../suppression/suppression-list.js';
import { UnsubscribeTokens } from './unsubscribe-tokens.js';

/** What a valid link opens: the recipient row of one run, its organisation and (for supporters) the supporter. */
export interface UnsubscribeLink {
  recipientId: string;
  runId: string;
  organisationId: string;
  organisationName: string;
  supporterId: string | null;
  email: string;
  language: string;
}

export interface PreferencesView {
  language: string | null;
  campaigns: { id: string; name: string; kept: boolean }[];
  suppressed: boolean;
}

/**
 * Unsubscribe and preferences from a mailing's link. Unsubscribing puts the address on the suppression list (which
 * every run honours and erasure keeps) and records the withdrawal as a consent row in the supporter's history, both
 * once: a second POST (mail clients retry, people press twice) changes nothing and answers the same.
 */
@Injectable()
export class UnsubscribeService {
  readonly tokens: UnsubscribeTokens;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly suppression: SuppressionList,
    @InjectConfig() config: RallyConfig,
  ) {
    this.tokens = new UnsubscribeTokens(requireSecretKey(config));
  }

  async resolve(token: string, manager: EntityManager = this.db.manager): Promise<UnsubscribeLink | null> {
    const recipientId = this.tokens.verify(token);
    return recipientId ? this.link(recipientId, manager) : null;
  }

  /** What a verified token (the link's, or the mailto address's) opens; null when the recipient row is gone. */
  async link(recipientId: string, manager: EntityManager = this.db.manager): Promise<UnsubscribeLink | null> {
    const row = await sqlRow<{
      run_id: string;
      organization_id: string;
      name: string;
      supporter_id: string | null;
      email: string;
      language: string;
    }>(
      manager,
      `SELECT r.run_id, r.organization_id, o.name, r.supporter_id, r.email, r.language
         FROM mailing_recipients r JOIN organization o ON o.id = r.organization_id
        WHERE r.id = $1`,
      [recipientId],
    );
    if (!row) return null;
    return {
      recipientId,
      runId: row.run_id,
      organisationId: row.organization_id,
      organisationName: row.name,
      supporterId: row.supporter_id,
      email: row.email,
      language: isLanguage(row.language) ? row.language : 'en',
    };
  }

  /**
   * true when this call unsubscribed the address, false when it already was. In `outer` when given (the mailto
   * unsubscribe, in the transaction that processes the inbound message).
   */
  async unsubscribe(link: UnsubscribeLink, outer?: EntityManager): Promise<boolean> {
    const run = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
      outer ? work(outer) : this.db.transaction(work);
    return run(async (manager) => {
      const scope = { organisationId: link.organisationId };
      const added = await this.suppression.suppress(scope, link.email, 'unsubscribed', link.runId, manager);
      if (added && link.supporterId)
        await manager.query(
          `INSERT INTO supporter_consents (organization_id, supporter_id, purpose, granted, wording, source, given_at)
           SELECT $1, s.id, $3, false, $4, $5, now() FROM supporters s WHERE s.id = $2 AND s.organization_id = $1`,
          [
            link.organisationId,
            link.supporterId,
            ORGANISATION_EMAIL_CONSENT,
            mailingsText.t(link.language, 'mailings:page.unsubscribeHeading', { organisation: link.organisationName }),
            `mailing-run:${link.runId}`,
          ],
        );
      return added;
    });
  }

  /** The campaigns the supporter acted in (signed or wrote), each ticked unless they left it, and their language. */
  async preferences(link: UnsubscribeLink): Promise<PreferencesView> {
    const suppressed = await this.suppression.isSuppressed({ organisationId: link.organisationId }, link.email);
    if (!link.supporterId) return { language: null, campaigns: [], suppressed };
    const pref = await sqlRow<{ language: string | null; muted: string[] }>(
      this.db,
      `SELECT language, muted_campaign_ids AS muted FROM mailing_preferences WHERE supporter_id = $1`,
      [link.supporterId],
    );
    const muted = new Set(pref?.muted ?? []);
    const campaigns = await this.campaignsOf(link);
    return {
      language: pref?.language ?? null,
      campaigns: campaigns.map((c) => ({ ...c, kept: !muted.has(c.id) })),
      suppressed,
    };
  }

  /** Saves the language (null: as their last action) and the campaigns they keep; unticked ones are muted. */
  async savePreferences(link: UnsubscribeLink, language: string | null, kept: string[]): Promise<void> {
    if (!link.supporterId) return;
    const campaigns = await this.campaignsOf(link);
    const muted = campaigns.filter((c) => !kept.includes(c.id)).map((c) => c.id);
    await this.db.query(
      `INSERT INTO mailing_preferences (supporter_id, organization_id, language, muted_campaign_ids)
       SELECT s.id, s.organization_id, $2, $3::uuid[] FROM supporters s WHERE s.id = $1
       ON CONFLICT (supporter_id) DO UPDATE SET language = EXCLUDED.language,
              muted_campaign_ids = EXCLUDED.muted_campaign_ids, updated_at = now()`,
      [link.supporterId, language, muted],
    );
  }

  private campaignsOf(link: UnsubscribeLink): Promise<{ id: string; name: string }[]> {
    return sqlRows<{ id: string; name: string }>(
      this.db,
      `SELECT c.id, c.name FROM campaigns c
        WHERE c.organization_id = $1 AND c.id IN (
          SELECT p.campaign_id FROM signatures g JOIN petitions p ON p.id = g.petition_id WHERE g.supporter_id = $2
          UNION
          SELECT a.campaign_id FROM letter_submissions w JOIN letter_actions a ON a.id = w.action_id
           WHERE w.supporter_id = $2)
        ORDER BY c.name`,
      [link.organisationId, link.supporterId],
    );
  }
}
