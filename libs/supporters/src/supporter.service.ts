import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { sqlRow, sqlRows } from '#rally/core';

/** The consent every public form asks: may the organisation email this supporter about its campaigns. */
export const ORGANISATION_EMAIL_CONSENT = 'organisation-email';

export interface SupporterActionInput {
  email: string;
  emailNormalized: string;
  firstName: string;
  lastName: string;
  postcode: string | null;
  region: string | null;
  country: string | null;
  language: string;
  actedAt: Date;
  /** The consent asked beside the action, recorded whether granted or not. */
  consent?: { purpose: string; granted: boolean; wording: string; source: string };
}

/** A confirmed signature or letter send as the database returns it: what a supporter record is made from. */
export interface ConfirmedActionRow {
  email: string;
  email_normalized: string;
  first_name: string;
  last_name: string;
  postcode: string | null;
  region: string | null;
  country: string;
  language: string;
  consent_given: boolean;
  consent_wording: string;
}

/** The supporter and the organisation-email consent of a confirmed public action (`source`: `petition:<id>`...). */
export function supporterActionOf(row: ConfirmedActionRow, actedAt: Date, source: string): SupporterActionInput {
  return {
    email: row.email,
    emailNormalized: row.email_normalized,
    firstName: row.first_name,
    lastName: row.last_name,
    postcode: row.postcode,
    region: row.region,
    country: row.country,
    language: row.language,
    actedAt,
    consent: {
      purpose: ORGANISATION_EMAIL_CONSENT,
      granted: row.consent_given,
      wording: row.consent_wording,
      source,
    },
  };
}

/** One supporter per normalised email per organisation: an action creates it or refreshes it with the latest details. */
@Injectable()
export class SupporterService {
  /** Runs inside the caller's transaction so the action and the supporter record commit together. */
  async recordAction(scope: OrgScope, input: SupporterActionInput, manager: EntityManager): Promise<string> {
    const rows = await sqlRows<{ id: string }>(
      manager,
      `INSERT INTO supporters (organization_id, email, email_normalized, first_name, last_name, postcode, region, country, language, last_action_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (organization_id, email_normalized) DO UPDATE SET
         email = EXCLUDED.email, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
         postcode = COALESCE(EXCLUDED.postcode, supporters.postcode), region = COALESCE(EXCLUDED.region, supporters.region),
         country = COALESCE(EXCLUDED.country, supporters.country), language = EXCLUDED.language,
         last_action_at = GREATEST(supporters.last_action_at, EXCLUDED.last_action_at), updated_at = now()
       RETURNING id`,
      [
        scope.organisationId,
        input.email,
        input.emailNormalized,
        input.firstName,
        input.lastName,
        input.postcode,
        input.region,
        input.country,
        input.language,
        input.actedAt,
      ],
    );
    const supporterId = rows[0].id;
    if (input.consent) {
      const c = input.consent;
      await manager.query(
        `INSERT INTO supporter_consents (organization_id, supporter_id, purpose, granted, wording, source, given_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [scope.organisationId, supporterId, c.purpose, c.granted, c.wording, c.source, input.actedAt],
      );
    }
    return supporterId;
  }

  async findByEmail(
    scope: OrgScope,
    emailNormalized: string,
    manager: EntityManager,
  ): Promise<{
    id: string;
    email: string;
    consents: { purpose: string; granted: boolean; wording: string; source: string }[];
  } | null> {
    const row = await sqlRow<{ id: string; email: string }>(
      manager,
      `SELECT id, email FROM supporters WHERE organization_id = $1 AND email_normalized = $2`,
      [scope.organisationId, emailNormalized],
    );
    if (!row) return null;
    const consents = await sqlRows<{ purpose: string; granted: boolean; wording: string; source: string }>(
      manager,
      `SELECT purpose, granted, wording, source FROM supporter_consents WHERE organization_id = $1 AND supporter_id = $2 ORDER BY recorded_at`,
      [scope.organisationId, row.id],
    );
    return { ...row, consents };
  }
}
