import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext } from '#rally/access';
import { AuditLog } from '#rally/access';
import type { OrgScope } from '#rally/core';
import { NotFoundError, randomToken } from '#rally/core';
import { RelayCredentialSeal } from '#rally/mail';
import type { InboundSourceCreateDto } from '../dto/inbound-source.dto.js';
import type { InboundSourceKind } from '../entities/inbound-source.entity.js';
import { InboundSource } from '../entities/inbound-source.entity.js';

/** 32 random bytes: 256 bits, the HMAC-SHA256 key length. */
const SECRET_BYTES = 32;

/**
 * An organisation's ways in besides Rally's own MX. Secrets are sealed like relay passwords (AES-256-GCM, bound to
 * the organisation) and shown only when made.
 */
@Injectable()
export class InboundSourceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seal: RelayCredentialSeal,
    private readonly audit: AuditLog,
  ) {}

  async list(
    scope: OrgScope,
    query: { kind?: InboundSourceKind; limit: number; offset: number },
  ): Promise<{ items: InboundSource[]; total: number }> {
    const [items, total] = await this.db.getRepository(InboundSource).findAndCount({
      where: { organisationId: scope.organisationId, ...(query.kind ? { kind: query.kind } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  /** Another organisation's source is indistinguishable from a missing one. */
  async get(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<InboundSource> {
    const source = await manager.getRepository(InboundSource).findOneBy({ id, organisationId: scope.organisationId });
    if (!source) throw new NotFoundError('Inbound source');
    return source;
  }

  async create(auth: AuthContext, input: InboundSourceCreateDto): Promise<{ source: InboundSource; secret: string }> {
    const secret = randomToken(SECRET_BYTES);
    return this.db.transaction(async (manager) => {
      const source = await manager.getRepository(InboundSource).save({
        organisationId: auth.organisationId,
        kind: input.kind,
        name: input.name.trim(),
        secretSealed: this.seal.seal(secret, auth.organisationId),
      });
      await this.audit.record(
        auth,
        {
          action: 'inbound-source.create',
          objectType: 'inbound_source',
          objectId: source.id,
          details: { kind: input.kind },
        },
        manager,
      );
      return { source, secret };
    });
  }

  /** The old secret stops working at once: the provider must be given the new one. */
  async rotateSecret(auth: AuthContext, id: string): Promise<{ source: InboundSource; secret: string }> {
    const secret = randomToken(SECRET_BYTES);
    return this.db.transaction(async (manager) => {
      const source = await this.get(auth, id, manager);
      if (source.kind !== 'webhook') throw new NotFoundError('Inbound source');
      source.secretSealed = this.seal.seal(secret, auth.organisationId);
      const saved = await manager.getRepository(InboundSource).save(source);
      await this.audit.record(
        auth,
        { action: 'inbound-source.rotate-secret', objectType: 'inbound_source', objectId: id },
        manager,
      );
      return { source: saved, secret };
    });
  }

  async setEnabled(auth: AuthContext, id: string, enabled: boolean): Promise<InboundSource> {
    return this.db.transaction(async (manager) => {
      const source = await this.get(auth, id, manager);
      source.enabled = enabled;
      const saved = await manager.getRepository(InboundSource).save(source);
      await this.audit.record(
        auth,
        {
          action: enabled ? 'inbound-source.enable' : 'inbound-source.disable',
          objectType: 'inbound_source',
          objectId: id,
        },
        manager,
      );
      return saved;
    });
  }

  /** Messages already received through it stay: they belong to the organisation, not to the way they came in. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const source = await this.get(auth, id, manager);
      await manager.getRepository(InboundSource).delete({ id: source.id, organisationId: auth.organisationId });
      await this.audit.record(
        auth,
        { action: 'inbound-source.delete', objectType: 'inbound_source', objectId: id, details: { kind: source.kind } },
        manager,
      );
    });
  }

  /** For the public webhook route: the enabled webhook source's organisation and secret, else null (404). */
  async webhookSecret(id: string): Promise<{ organisationId: string; secret: string } | null> {
    const source = await this.db.getRepository(InboundSource).findOneBy({ id, kind: 'webhook', enabled: true });
    if (!source?.secretSealed) return null;
    return {
      organisationId: source.organisationId,
      secret: this.seal.open(source.secretSealed, source.organisationId),
    };
  }
}
