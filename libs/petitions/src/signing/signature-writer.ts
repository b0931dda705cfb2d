import type { BeforeApplicationShutdown, OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, QUERY_CANCELED, ServiceBusyError } from '#rally/core';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';

/** One signature as the hot path writes it; everything else about it is filled in later by jobs. */
export interface NewSignatureRow {
  id: string;
  organisationId: string;
  petitionId: string;
  email: string;
  emailNormalized: string;
  firstName: string;
  lastName: string;
  postcode: string | null;
  region: string | null;
  country: string;
  comment: string | null;
  publicDisplay: boolean;
  consentGiven: boolean;
  consentWording: string;
  language: string;
  source: string | null;
  referrer: string | null;
  confirmToken: string;
}

interface Waiting {
  row: NewSignatureRow;
  resolve: () => void;
  reject: (error: Error) => void;
}

const MAX_BATCH = 1_000;
/**
 * Signatures allowed to wait for a batch before new ones are turned away (503 + Retry-After): bounds memory and the
 * wait when PostgreSQL falls behind. Far above what a healthy database leaves waiting (tens at 50 connections).
 */
export const MAX_WAITING = 10 * MAX_BATCH;
/** Single-row retries of a failed batch run this many at a time, leaving the pool to everyone else. */
const RETRY_CONCURRENCY = 4;
/** More duplicate sign attempts than this no longer mail the person (stops using Rally to spam an address). */
export const MAX_RESIGN_NOTICES = 3;

const COLUMNS = `id, organization_id, petition_id, email, email_normalized, first_name, last_name, postcode, region, country,
  comment, public_display, consent_given, consent_wording, language, source, referrer, confirm_token`;

// One statement for any batch size: the batch is one JSON array parameter (V8 serialises it natively, about half
// the CPU of pg's per-element array escaping), read back as signatures rows. A repeat signer's row is not
// duplicated: it is flagged so the mail job tells them.
const INSERT_SQL = `
INSERT INTO signatures (${COLUMNS}, next_mail_at)
SELECT ${COLUMNS}, now() FROM json_populate_recordset(NULL::signatures, $1::json)
ON CONFLICT (petition_id, email_normalized) DO UPDATE SET
  resign_count = signatures.resign_count + 1,
  next_mail_at = CASE WHEN signatures.resign_count < ${MAX_RESIGN_NOTICES} THEN now() ELSE signatures.next_mail_at END`;

/**
 * Group commit for signatures: every request is acknowledged only after the INSERT holding its row committed, and
 * requests that arrive while earlier batches are being written go out together as the next one. Under light load a
 * signature is written at once (no waiting window); under heavy load batches grow by themselves, so PostgreSQL sees
 * one statement and one commit per batch instead of one per request.
 */
@Injectable()
export class SignatureWriter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('SignatureWriter');
  private waiting: Waiting[] = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Signatures accepted and signatures handed to a batch, since boot: shutdown waits for those accepted before it. */
  private accepted = 0;
  private taken = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig(PETITIONS_CONFIG) private readonly config: PetitionsConfig,
  ) {}

  /** Resolves once the row (or the repeat-signer flag on the existing row) is committed. */
  write(row: NewSignatureRow): Promise<void> {
    if (this.waiting.length >= MAX_WAITING) return Promise.reject(new ServiceBusyError(1, 'signatures_backlog'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.accepted += 1;
      this.schedule();
    });
  }

  // setImmediate rather than an immediate write: requests parsed in the same turn of the event loop share a batch.
  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.inFlight.size >= this.config.writeConcurrency) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.inFlight.size < this.config.writeConcurrency) {
      const batch = this.waiting.length <= MAX_BATCH ? this.waiting : this.waiting.splice(0, MAX_BATCH);
      if (batch === this.waiting) this.waiting = [];
      this.taken += batch.length;
      const done: Promise<void> = this.writeBatch(batch).finally(() => {
        this.inFlight.delete(done);
        this.schedule();
      });
      this.inFlight.add(done);
    }
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    // Two requests of one batch for the same person would make ON CONFLICT touch a row twice; the first one speaks for both.
    const unique = new Map<string, Waiting[]>();
    for (const w of batch) {
      const key = `${w.row.petitionId}|${w.row.emailNormalized}`;
      const group = unique.get(key);
      if (group) group.push(w);
      else unique.set(key, [w]);
    }
    // Rows in key order: two batches (two api processes) touching the same signers take their row locks in the same
    // order, so they wait for each other instead of deadlocking.
    const groups = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
    try {
      await this.insert(groups.map((g) => g[0].row));
      for (const g of groups) for (const w of g) w.resolve();
    } catch (error) {
      if (isCanceled(error)) {
        // The statement ran past DATABASE_STATEMENT_TIMEOUT_MS (a row lock held elsewhere, an overloaded database):
        // nothing was written, and retrying each row alone would only wait again. The signers are told to retry.
        this.logger.warn({ msg: 'signature batch canceled by statement timeout', rows: groups.length });
        for (const g of groups) for (const w of g) w.reject(new ServiceBusyError(5, 'signatures_backlog'));
        return;
      }
      if (groups.length === 1) {
        for (const w of groups[0]) w.reject(error as Error);
        return;
      }
      // One bad row must not fail its neighbours: retry each alone so only the culprit is refused.
      this.logger.warn({
        msg: 'signature batch failed, retrying rows one by one',
        rows: groups.length,
        error: (error as Error).message,
      });
      for (let i = 0; i < groups.length; i += RETRY_CONCURRENCY) {
        await Promise.all(
          groups.slice(i, i + RETRY_CONCURRENCY).map((g) =>
            this.insert([g[0].row]).then(
              () => g.forEach((w) => w.resolve()),
              (e: Error) => g.forEach((w) => w.reject(e)),
            ),
          ),
        );
      }
    }
  }

  private async insert(rows: NewSignatureRow[]): Promise<void> {
    const records = rows.map((r) => ({
      id: r.id,
      organization_id: r.organisationId,
      petition_id: r.petitionId,
      email: r.email,
      email_normalized: r.emailNormalized,
      first_name: r.firstName,
      last_name: r.lastName,
      postcode: r.postcode,
      region: r.region,
      country: r.country,
      comment: r.comment,
      public_display: r.publicDisplay,
      consent_given: r.consentGiven,
      consent_wording: r.consentWording,
      language: r.language,
      source: r.source,
      referrer: r.referrer,
      confirm_token: r.confirmToken,
    }));
    await this.db.query(INSERT_SQL, [JSON.stringify(records)]);
  }

  /**
   * Runs while the HTTP server still takes requests: writes every signature accepted so far, but does not chase the
   * ones still arriving (under steady traffic that would never end); those are written once the server has closed.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.drain(this.accepted);
  }

  /** The server is closed now, so nothing new arrives: write the rest before the database pool closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.drain(Number.POSITIVE_INFINITY);
  }

  private async drain(upTo: number): Promise<void> {
    while (this.waiting.length > 0 && this.taken < upTo) {
      this.flush();
      await Promise.allSettled([...this.inFlight]);
    }
    await Promise.allSettled([...this.inFlight]);
  }
}

function isCanceled(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.code === QUERY_CANCELED || e.driverError?.code === QUERY_CANCELED;
}
