import type { OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { Clock, InjectConfig, TtlCache } from '#rally/core';
import { OrganisationRelay } from '../entities/organisation-relay.entity.js';
import type { MailConfig } from '../mail.config.js';
import { MAIL_CONFIG } from '../mail.config.js';
import type { MailTransport, OutgoingMessage, SendResult } from '../transport/mail-transport.js';
import { nodemailerRaw } from '../transport/mail-transport.js';
import type { ComposedMessage } from '../transport/mime-message.js';
import { relayTransportOptions } from './relay-connection.js';
import { RelayCredentialSeal } from './relay-seal.js';

/**
 * How long a worker trusts what it read about an organisation's relay. One primary-key read per organisation per
 * 30 s keeps the send path off the database; a saved change reaches every worker within that time.
 */
export const RELAY_LOOKUP_TTL_MS = 30_000;
/** Far above any installation's organisation count; an evicted entry only costs one more read. */
const LOOKUP_CACHE_MAX = 10_000;

/** One organisation's pooled transporter, built for one version (updatedAt) of its relay. */
class RelayPool {
  private inFlight = 0;
  private retired = false;

  constructor(
    readonly version: number,
    private readonly transporter: Transporter,
  ) {}

  /** Counted before the caller's first await, so retire() never closes a pool a send is about to use. */
  acquire(): this {
    this.inFlight++;
    return this;
  }

  async send(composed: ComposedMessage): Promise<SendResult> {
    try {
      const info = await this.transporter.sendMail(nodemailerRaw(composed));
      return { messageId: composed.messageId, response: String(info.response ?? '') };
    } finally {
      if (--this.inFlight === 0 && this.retired) this.transporter.close();
    }
  }

  /** Closed at once when idle, else after its last send: nodemailer fails messages still queued in a closed pool. */
  retire(): void {
    this.retired = true;
    if (this.inFlight === 0) this.transporter.close();
  }
}

/**
 * Organisation relays in a worker process: one pooled transporter per organisation relay, made on first use,
 * replaced when the relay is saved again (its updatedAt changes), closed when it is removed or disabled and on
 * shutdown. Installation mail (no organisation) and capture mode never look anything up.
 */
@Injectable()
export class RelayTransports implements OnApplicationShutdown {
  private readonly logger = new Logger('MailRelay');
  private readonly lookups = new TtlCache<string, { relay: OrganisationRelay | null }>({
    max: LOOKUP_CACHE_MAX,
    ttlMs: RELAY_LOOKUP_TTL_MS,
  });
  private readonly pools = new Map<string, RelayPool>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seal: RelayCredentialSeal,
    private readonly clock: Clock,
    @InjectConfig(MAIL_CONFIG) private readonly config: MailConfig,
  ) {}

  /** Sends through the organisation's enabled relay, else through the installation's transport. */
  async send(
    organisationId: string | null,
    message: OutgoingMessage,
    composed: ComposedMessage,
    installation: MailTransport,
  ): Promise<SendResult> {
    // In capture mode all mail stays on this machine, whatever relays organisations saved.
    const pool = organisationId && !this.config.capture ? await this.poolFor(organisationId) : null;
    return pool ? pool.send(composed) : installation.send(message, composed);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const pool of this.pools.values()) pool.retire();
    this.pools.clear();
  }

  private async poolFor(organisationId: string): Promise<RelayPool | null> {
    const relay = await this.relayOf(organisationId);
    const current = this.pools.get(organisationId);
    if (!relay?.enabled) {
      if (current) this.drop(organisationId, current, 'relay removed or disabled');
      return null;
    }
    const version = relay.updatedAt.getTime();
    if (current?.version === version) return current.acquire();
    if (current) this.drop(organisationId, current, 'relay changed');
    // Throws RelaySealBrokenError when the password does not open: a send failure like a refusing relay.
    const password = relay.passwordSealed ? this.seal.open(relay.passwordSealed, organisationId) : null;
    const transporter = nodemailer.createTransport({
      ...relayTransportOptions({ ...relay, password }),
      pool: true,
      maxConnections: this.config.smtpPoolSize,
      maxMessages: 1000,
    });
    const pool = new RelayPool(version, transporter);
    this.pools.set(organisationId, pool);
    this.logger.log({ msg: 'relay pool opened', organisationId, host: relay.host, port: relay.port });
    return pool.acquire();
  }

  private drop(organisationId: string, pool: RelayPool, reason: string): void {
    this.pools.delete(organisationId);
    pool.retire();
    this.logger.log({ msg: 'relay pool closed', organisationId, reason });
  }

  private async relayOf(organisationId: string): Promise<OrganisationRelay | null> {
    const now = this.clock.now().getTime();
    const cached = this.lookups.get(organisationId, now);
    if (cached) return cached.relay;
    const relay = await this.db.getRepository(OrganisationRelay).findOneBy({ organisationId });
    this.lookups.set(organisationId, { relay }, now);
    return relay;
  }
}
