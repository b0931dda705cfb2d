import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext } from '#rally/access';
import { AuditLog } from '#rally/access';
import type { OrgScope } from '#rally/core';
import { InjectConfig, InvalidInputError, JobQueue, NotFoundError, randomToken } from '#rally/core';
import { RelayCredentialSeal } from '#rally/mail';
import type {
  InboundImapSourceCreateDto,
  InboundImapTestResponse,
  InboundSourceCreateDto,
  InboundSourceUpdateDto,
} from '../dto/inbound-source.dto.js';
import { WEBHOOK_UPDATABLE } from '../dto/inbound-source.dto.js';
import type { InboundSourceKind } from '../entities/inbound-source.entity.js';
import { InboundSource } from '../entities/inbound-source.entity.js';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundJob } from '../inbound.jobs.js';
import { closeImap, connectImap, describeImapError, folderPath, imapMailboxOf } from '../imap/imap-connection.js';

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
    private readonly jobs: JobQueue,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
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

  /** An IMAP mailbox Rally polls; the password is sealed at once and never returned. */
  async createImap(auth: AuthContext, input: InboundImapSourceCreateDto): Promise<InboundSource> {
    const secure = input.secure ?? true;
    const fields = {
      name: input.name.trim(),
      host: input.host.trim().toLowerCase(),
      port: input.port ?? (secure ? 993 : 143),
      secure,
      username: input.username,
      folder: input.folder ?? 'INBOX',
      processedFolder: input.processedFolder ?? 'Rally/Processed',
      enabled: input.enabled ?? true,
    };
    checkFolders(fields.folder, fields.processedFolder);
    return this.db.transaction(async (manager) => {
      const source = await manager.getRepository(InboundSource).save({
        organisationId: auth.organisationId,
        kind: 'imap' as const,
        ...fields,
        secretSealed: this.seal.seal(input.password, auth.organisationId),
      });
      await this.audit.record(
        auth,
        {
          action: 'inbound-source.create',
          objectType: 'inbound_source',
          objectId: source.id,
          details: { kind: 'imap' },
        },
        manager,
      );
      return source;
    });
  }

  /**
   * New settings for a source. A changed mailbox (host, user, password, folder) is polled at the next tick: the
   * failure count that backed it off is cleared, and a new folder or server starts from its current messages.
   */
  async update(auth: AuthContext, id: string, input: InboundSourceUpdateDto): Promise<InboundSource> {
    return this.db.transaction(async (manager) => {
      const source = await this.get(auth, id, manager);
      if (source.kind === 'webhook') {
        const refused = Object.keys(input).filter(
          (k) => !WEBHOOK_UPDATABLE.includes(k as keyof InboundSourceUpdateDto),
        );
        if (refused.length > 0)
          throw new InvalidInputError(Object.fromEntries(refused.map((k) => [k, [`${k} is only for IMAP mailboxes`]])));
      }
      const before = { host: source.host, port: source.port, username: source.username, folder: source.folder };
      if (input.name != null) source.name = input.name.trim();
      if (input.enabled != null) source.enabled = input.enabled;
      if (input.host != null) source.host = input.host.trim().toLowerCase();
      if (input.secure != null) source.secure = input.secure;
      if (input.port != null) source.port = input.port;
      else if (input.secure != null) source.port = input.secure ? 993 : 143;
      if (input.username != null) source.username = input.username;
      if (input.folder != null) source.folder = input.folder;
      if (input.processedFolder != null) source.processedFolder = input.processedFolder;
      if (input.password != null) source.secretSealed = this.seal.seal(input.password, auth.organisationId);
      if (source.kind === 'imap') {
        checkFolders(source.folder, source.processedFolder);
        const after = { host: source.host, port: source.port, username: source.username, folder: source.folder };
        // UIDs belong to one folder of one server: another one starts from its current messages.
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          source.lastUid = '0';
          source.uidValidity = null;
        }
        source.pollFailures = 0;
      }
      const saved = await manager.getRepository(InboundSource).save(source);
      await this.audit.record(
        auth,
        {
          action: 'inbound-source.update',
          objectType: 'inbound_source',
          objectId: id,
          // Which fields changed, never their values (the password least of all).
          details: { fields: Object.keys(input).sort() },
        },
        manager,
      );
      return saved;
    });
  }

  /** Connects, logs in and opens the folder as the poller would, reading nothing: ok, or why not in plain words. */
  async testConnection(scope: OrgScope, id: string): Promise<InboundImapTestResponse> {
    const source = await this.imapSource(scope, id);
    const mailbox = imapMailboxOf(source);
    if (!source.secretSealed) return { ok: false, error: 'No password is stored for this mailbox', messages: null };
    try {
      const client = await connectImap(mailbox, this.seal.open(source.secretSealed, source.organisationId), {
        allowInternal: this.config.imap.privateHosts,
        maxBytes: this.config.maxBytes,
      });
      try {
        const status = await client.status(folderPath(source.folder), { messages: true });
        if (!status) return { ok: false, error: `The folder "${source.folder}" cannot be opened`, messages: null };
        return { ok: true, error: null, messages: status.messages ?? null };
      } finally {
        await closeImap(client);
      }
    } catch (error) {
      return { ok: false, error: describeImapError(error, mailbox), messages: null };
    }
  }

  /** Queues a poll now, whatever the backoff says (staff fixed the password, or want the reply in at once). */
  async pollNow(auth: AuthContext, id: string): Promise<void> {
    const source = await this.imapSource(auth, id);
    await this.jobs.enqueue(InboundJob.ImapPoll, { sourceId: source.id });
    await this.audit.record(auth, { action: 'inbound-source.poll', objectType: 'inbound_source', objectId: id });
  }

  private async imapSource(scope: OrgScope, id: string): Promise<InboundSource> {
    const source = await this.get(scope, id);
    if (source.kind !== 'imap') throw new NotFoundError('Inbound source');
    return source;
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

/** The processed folder must differ from the folder read: moving there must take the message out of the way. */
function checkFolders(folder: string, processedFolder: string): void {
  if (folder.toUpperCase() === processedFolder.toUpperCase())
    throw new InvalidInputError({ processedFolder: ['processedFolder must be another folder than folder'] });
}
