import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlRow } from '#rally/core';
import type { Role } from '../auth-context.js';

export interface MemberAccess {
  organisationId: string;
  role: Role;
}

export interface TokenAccess extends MemberAccess {
  tokenId: string;
  slug: string;
}

/** The two lookups the guard makes on every staff request, each one indexed query. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The user's role in the organisation with this slug; null when there is no such organisation or no membership. */
  async memberAccess(slug: string, userId: string): Promise<MemberAccess | null> {
    const row = await sqlRow<MemberAccess>(
      this.db,
      `SELECT o.id AS "organisationId", m.role FROM organization o JOIN membership m ON m.organization_id = o.id AND m.user_id = $2 WHERE o.slug = $1`,
      [slug, userId],
    );
    return row ?? null;
  }

  async tokenAccess(tokenHash: string): Promise<TokenAccess | null> {
    const row = await sqlRow<TokenAccess>(
      this.db,
      `SELECT t.id AS "tokenId", t.organization_id AS "organisationId", t.role, o.slug FROM api_token t JOIN organization o ON o.id = t.organization_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Records use at minute precision: an integration calling many times a second must not write on every call. */
  async touchToken(tokenId: string): Promise<void> {
    await this.db.query(
      `UPDATE api_token SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tokenId],
    );
  }
}
