import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodemailer from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, InvalidInputError, sqlCount, sqlOne } from '#rally/core';
import { OrganisationRelay } from '../entities/organisation-relay.entity.js';
import type { MailConfig } from '../mail.config.js';
import { MAIL_CONFIG } from '../mail.config.js';
import type { RelayEndpoint } from './relay-connection.js';
import { relayTransportOptions } from './relay-connection.js';
import { RelayCredentialSeal } from './relay-seal.js';

/** A connection test gives up after this long: staff wait on the answer, and a dead host must not hold a request. */
export const RELAY_TEST_TIMEOUT_MS = 10_000;

export interface RelaySettings {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  /** Omitted: keep the stored password, allowed only while the host and username stay the same. */
  password?: string;
  enabled: boolean;
}

export type RelayTestSettings = Omit<RelaySettings, 'enabled'>;

export interface RelayTestResult {
  ok: boolean;
  message: string;
}

/**
 * An organisation's own SMTP relay: saved settings (password sealed) and the connection test. Takes the organisation
 * id from a caller that already checked access (organisations); mail sits below access and knows no AuthContext.
 */
@Injectable()
export class OrganisationRelayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seal: RelayCredentialSeal,
    @InjectConfig(MAIL_CONFIG) private readonly config: MailConfig,
  ) {}

  /** Without SMTP_URL every message is captured locally; a saved relay is kept but not used. */
  get captureMode(): boolean {
    return this.config.capture;
  }

  async find(organisationId: string, manager: EntityManager = this.db.manager): Promise<OrganisationRelay | null> {
    return manager.getRepository(OrganisationRelay).findOneBy({ organisationId });
  }

  /** Creates or replaces the relay. Run it in the caller's transaction so the audit entry commits with it. */
  async save(
    organisationId: string,
    settings: RelaySettings,
    manager: EntityManager = this.db.manager,
  ): Promise<{ relay: OrganisationRelay; passwordChanged: boolean }> {
    const stored = await manager
      .getRepository(OrganisationRelay)
      .findOne({ where: { organisationId }, lock: { mode: 'pessimistic_write' } });
    const password = this.passwordFor(settings, stored);
    const passwordSealed =
      password.kind === 'new'
        ? this.seal.seal(password.plain, organisationId)
        : password.kind === 'keep'
          ? password.sealed
          : null;
    const row = await sqlOne<{ updated_at: Date }>(
      manager,
      `INSERT INTO organisation_relays (organization_id, host, port, secure, username, password_sealed, enabled, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (organization_id) DO UPDATE SET host = $2, port = $3, secure = $4, username = $5,
         password_sealed = $6, enabled = $7, updated_at = now()
       RETURNING updated_at`,
      [
        organisationId,
        settings.host,
        settings.port,
        settings.secure,
        settings.username,
        passwordSealed,
        settings.enabled,
      ],
    );
    const relay = Object.assign(new OrganisationRelay(), {
      organisationId,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      username: settings.username,
      passwordSealed,
      enabled: settings.enabled,
      updatedAt: row.updated_at,
    });
    return {
      relay,
      passwordChanged: password.kind === 'new' || (password.kind === 'none' && !!stored?.passwordSealed),
    };
  }

  /** True when there was a relay to remove; the organisation's mail goes back to the installation's relay. */
  async remove(organisationId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    return (
      (await sqlCount(manager, `DELETE FROM organisation_relays WHERE organization_id = $1`, [organisationId])) > 0
    );
  }

  /**
   * Connects, says hello and signs in (nodemailer verify), sending nothing. Tests the given settings, or the saved
   * relay when none are given. Every failure, the server's refusal included, is an answer, never an exception.
   */
  async test(organisationId: string, settings?: RelayTestSettings): Promise<RelayTestResult> {
    let endpoint: RelayEndpoint;
    try {
      const stored = await this.find(organisationId);
      if (settings) {
        const password = this.passwordFor(settings, stored);
        const { host, port, secure, username } = settings;
        endpoint = { host, port, secure, username, password: this.plainPassword(organisationId, password) };
      } else if (stored) {
        const password = stored.passwordSealed ? this.seal.open(stored.passwordSealed, organisationId) : null;
        endpoint = { host: stored.host, port: stored.port, secure: stored.secure, username: stored.username, password };
      } else {
        return {
          ok: false,
          message: 'No relay is saved for this organisation: send host and port to test settings first',
        };
      }
    } catch (error) {
      if (error instanceof InvalidInputError) throw error;
      return { ok: false, message: (error as Error).message };
    }
    return verify(endpoint);
  }

  /** The password rules shared by save and test; 422 naming `password` when one is needed and none can be used. */
  private passwordFor(
    settings: RelayTestSettings,
    stored: OrganisationRelay | null,
  ): { kind: 'none' } | { kind: 'new'; plain: string } | { kind: 'keep'; sealed: string } {
    if (!settings.username) {
      if (settings.password !== undefined) throw new InvalidInputError({ password: ['a password needs a username'] });
      return { kind: 'none' };
    }
    if (settings.password !== undefined) return { kind: 'new', plain: settings.password };
    // The stored password goes only to the server it was saved for: another host would learn it.
    const sameServer =
      stored?.passwordSealed &&
      stored.host.toLowerCase() === settings.host.toLowerCase() &&
      stored.username === settings.username;
    if (sameServer) return { kind: 'keep', sealed: stored.passwordSealed as string };
    throw new InvalidInputError({
      password: [
        stored?.passwordSealed
          ? 'password is required when the host or username changes'
          : 'password is required with a username',
      ],
    });
  }

  private plainPassword(
    organisationId: string,
    password: ReturnType<OrganisationRelayService['passwordFor']>,
  ): string | null {
    if (password.kind === 'new') return password.plain;
    return password.kind === 'keep' ? this.seal.open(password.sealed, organisationId) : null;
  }
}

async function verify(endpoint: RelayEndpoint): Promise<RelayTestResult> {
  const transporter = nodemailer.createTransport(relayTransportOptions(endpoint, RELAY_TEST_TIMEOUT_MS));
  let timer: NodeJS.Timeout | undefined;
  // nodemailer's timeouts cover connect, greeting and idle sockets; a server trickling bytes needs this deadline too.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`No answer from ${endpoint.host}:${endpoint.port} within ${RELAY_TEST_TIMEOUT_MS / 1000} s`)),
      RELAY_TEST_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([transporter.verify(), deadline]);
    const who = endpoint.username ? `, signed in as ${endpoint.username}` : ', without signing in';
    return { ok: true, message: `Connected to ${endpoint.host}:${endpoint.port}${who}` };
  } catch (error) {
    return { ok: false, message: (error as Error).message || String(error) };
  } finally {
    clearTimeout(timer);
    transporter.close();
  }
}
