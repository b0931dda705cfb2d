import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/core';
import { normaliseEmail, sqlOne, sqlRow } from '#rally/core';
import type { SuppressionReason } from '../entities/mail-suppression.entity.js';

/**
 * The hash the suppression list keeps: hex SHA-256 of the normalised address. Unkeyed on purpose: a keyed hash would
 * forget every unsubscribe when SECRET_KEY rotates. audienceSql computes the same in SQL (sha256 of the UTF-8 text).
 */
export function suppressionHash(address: string): string {
  return createHash('sha256').update(normaliseEmail(address), 'utf8').digest('hex');
}

/** suppressionHash in SQL, of an expression holding a normalised address. */
export const suppressionHashSql = (normalisedAddress: string): string =>
  `encode(sha256(convert_to(${normalisedAddress}, 'UTF8')), 'hex')`;

/**
 * The one predicate for "this address may be mailed": no row of the organisation's suppression list (unsubscribed,
 * hard-bounced, added by staff) holds its hash. For any feature's set-based SQL that mails supporters (mailings'
 * audience, scoreboard's "did they reply?"), so the list is read in the same statement, with no round trip.
 */
export const notSuppressedSql = (organisationId: string, normalisedAddress: string): string =>
  notSuppressedHashSql(organisationId, suppressionHashSql(normalisedAddress));

/** The same predicate for SQL that holds the address's hash already (the audience computes it once per row). */
export const notSuppressedHashSql = (organisationId: string, addressHash: string): string =>
  `NOT EXISTS (SELECT 1 FROM mail_suppressions x WHERE x.organization_id = ${organisationId}
                  AND x.address_hash = ${addressHash})`;

/** The addresses an organisation must not mail: unsubscribed, hard-bounced or added by staff. */
@Injectable()
export class SuppressionList {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Idempotent: the first reason stays (an unsubscribe later hard-bouncing is still an unsubscribe). */
  async suppress(
    scope: OrgScope,
    address: string,
    reason: SuppressionReason,
    runId: string | null,
    manager: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const row = await sqlRow<{ inserted: boolean }>(
      manager,
      `INSERT INTO mail_suppressions (organization_id, address_hash, reason, run_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING true AS inserted`,
      [scope.organisationId, suppressionHash(address), reason, runId],
    );
    return !!row;
  }

  async isSuppressed(scope: OrgScope, address: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const row = await sqlRow<{ one: number }>(
      manager,
      `SELECT 1 AS one FROM mail_suppressions WHERE organization_id = $1 AND address_hash = $2`,
      [scope.organisationId, suppressionHash(address)],
    );
    return !!row;
  }

  async remove(scope: OrgScope, address: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const row = await sqlRow<{ removed: boolean }>(
      manager,
      `DELETE FROM mail_suppressions WHERE organization_id = $1 AND address_hash = $2 RETURNING true AS removed`,
      [scope.organisationId, suppressionHash(address)],
    );
    return !!row;
  }

  async count(scope: OrgScope): Promise<number> {
    const { n } = await sqlOne<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM mail_suppressions WHERE organization_id = $1`,
      [scope.organisationId],
    );
    return n;
  }
}
