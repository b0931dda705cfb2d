import type { BeforeApplicationShutdown, OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { InjectConfig } from '#rally/core';

/** One signature as the hot path writes it; everything else about it is filled in later by jobs. */
export interface NewSignatureRow {
  id: string;
  organizationId: string;
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
/** More duplicate sign attempts than this no longer mail the person (stops using Rally to spam an address). */
export const MAX_RESIGN_NOTICES = 3;

// One statement for any batch size: each column is one array parameter, so the text is constant and never hits
// the 65,535-parameter limit. A repeat signer's row is not duplicated: it is flagged so the mail job tells them.
const INSERT_SQL = `
INSERT INTO signatures (id, organization_id, petition_id, email, email_normalized, first_name, last_name, postcode, region, country,
                        comment, public_display, consent_given, consent_wording, language, source, referrer, confirm_token, next_mail_at)
SELECT u.*, now() FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                              $10::text[], $11::text[], $12::bool[], $13::bool[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) AS u
ON CONFLICT (petition_id, email_normalized) DO UPDATE SET
  resign_count = signatures.resign_count + 1,
  next_mail_at = CASE WHEN signatures.resign_count < ${MAX_RESIGN_NOTICES} THEN now() ELSE signatures.next_mail_at END`;

/**
 * Group commit for signatures: concurrent sign requests wait a few milliseconds, then one multi-row INSERT writes
 * them all and every request is acknowledged only after that statement committed. One durable write per batch
 * instead of one per request, and "acknowledged => committed" still holds.
 */
@Injectable()
export class SignatureWriter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('SignatureWriter');
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  /** Resolves once the row (or the repeat-signer flag on the existing row) is committed. */
  write(row: NewSignatureRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (this.waiting.length >= MAX_BATCH) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.config.petitions.batchWindowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    const done = this.writeBatch(batch).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
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
      if (groups.length === 1) {
        for (const w of groups[0]) w.reject(error as Error);
        return;
      }
      // One bad row must not fail its neighbours: retry each alone so only the culprit is refused.
      this.logger.warn({ msg: 'signature batch failed, retrying rows one by one', rows: groups.length, error: (error as Error).message });
      await Promise.all(
        groups.map((g) =>
          this.insert([g[0].row]).then(
            () => g.forEach((w) => w.resolve()),
            (e: Error) => g.forEach((w) => w.reject(e)),
          ),
        ),
      );
    }
  }

  private async insert(rows: NewSignatureRow[]): Promise<void> {
    const col = <K extends keyof NewSignatureRow>(k: K): NewSignatureRow[K][] => rows.map((r) => r[k]);
    await this.db.query(INSERT_SQL, [
      col('id'), col('organizationId'), col('petitionId'), col('email'), col('emailNormalized'), col('firstName'), col('lastName'),
      col('postcode'), col('region'), col('country'), col('comment'), col('publicDisplay'), col('consentGiven'), col('consentWording'),
      col('language'), col('source'), col('referrer'), col('confirmToken'),
    ]);
  }

  /** Requests already accepted into a batch are written before the database pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
  }
}
