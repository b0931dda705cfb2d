import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { AuthContext, OrgScope, Role } from '#rally/access';
import { NotFoundError } from '#rally/core';
import { AuditLog, hashSecret, newSecret, ApiToken } from '#rally/access';

/** Integration tokens: the secret leaves the server once, at creation; afterwards only its hash exists. */
@Injectable()
export class ApiTokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async create(auth: AuthContext, input: { name: string; role: Role }): Promise<{ token: ApiToken; secret: string }> {
    const secret = newSecret('rally');
    return this.db.transaction(async (tx) => {
      const token = await tx.getRepository(ApiToken).save({
        organisationId: auth.organisationId,
        name: input.name,
        role: input.role,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, 12),
        createdByUserId: auth.actor.kind === 'user' ? auth.actor.userId : null,
        lastUsedAt: null,
        revokedAt: null,
      });
      await this.audit.record(
        auth,
        {
          action: 'api-token.create',
          objectType: 'api-token',
          objectId: token.id,
          details: { name: input.name, role: input.role },
        },
        tx,
      );
      return { token, secret };
    });
  }

  /** Live tokens first, newest first. */
  async list(
    scope: OrgScope,
    window: { limit: number; offset: number },
  ): Promise<{ items: ApiToken[]; total: number }> {
    const [items, total] = await this.db
      .getRepository(ApiToken)
      .createQueryBuilder('t')
      .where('t.organization_id = :org', { org: scope.organisationId })
      .orderBy('t.revoked_at IS NOT NULL', 'ASC')
      .addOrderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Revoking twice is harmless; the token stops working on its next request. */
  async revoke(auth: AuthContext, tokenId: string): Promise<ApiToken> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(ApiToken);
      const token = await repo.findOneBy({ id: tokenId, organisationId: auth.organisationId });
      if (!token) throw new NotFoundError('API token');
      if (!token.revokedAt) {
        await repo.update(
          { id: token.id, organisationId: auth.organisationId, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
        await this.audit.record(auth, { action: 'api-token.revoke', objectType: 'api-token', objectId: token.id }, tx);
      }
      return repo.findOneByOrFail({ id: token.id });
    });
  }
}
