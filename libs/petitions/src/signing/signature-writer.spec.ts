import type { DataSource } from 'typeorm';
import { parseConfig, ServiceBusyError } from '#rally/core';
import { PETITIONS_CONFIG } from '../petitions.config.js';
import type { NewSignatureRow } from './signature-writer.js';
import { MAX_WAITING, SignatureWriter } from './signature-writer.js';

/** A stand-in for the database that holds each INSERT open until the test settles it (unit level: no PostgreSQL here). */
class HeldDatabase {
  readonly statements: { emails: string[]; settle: (error?: Error) => void }[] = [];

  query(_sql: string, [json]: [string]): Promise<void> {
    return new Promise((resolve, reject) => {
      const emails = (JSON.parse(json) as { email_normalized: string }[]).map((r) => r.email_normalized);
      this.statements.push({ emails, settle: (error) => (error ? reject(error) : resolve()) });
    });
  }

  /** Fails the n-th statement as PostgreSQL does when statement_timeout cancels it. */
  cancel(n: number): void {
    this.statements[n].settle(
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    );
  }

  /** Settles the n-th statement: fails it when it holds `failFor`, succeeds otherwise. */
  settle(n: number, failFor?: string): void {
    const s = this.statements[n];
    s.settle(failFor && s.emails.includes(failFor) ? new Error(`bad row ${failFor}`) : undefined);
  }
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
const row = (email: string): NewSignatureRow => ({
  id: '00000000-0000-4000-8000-000000000000',
  organisationId: 'o',
  petitionId: 'p',
  email,
  emailNormalized: email,
  firstName: 'Ana',
  lastName: '',
  postcode: null,
  region: null,
  country: 'FR',
  comment: null,
  publicDisplay: false,
  consentGiven: true,
  consentWording: 'w',
  language: 'en',
  source: null,
  referrer: null,
  confirmToken: 't',
});

/** Tracks whether a write has settled, and how. */
function track(p: Promise<void>): { state: () => string } {
  let state = 'pending';
  p.then(
    () => (state = 'written'),
    (e: Error) => (state = e instanceof ServiceBusyError ? 'busy' : `failed: ${e.message}`),
  );
  return { state: () => state };
}

function writer(concurrency: number): { db: HeldDatabase; writer: SignatureWriter } {
  const db = new HeldDatabase();
  const config = parseConfig({ SIGN_WRITE_CONCURRENCY: String(concurrency) }, [PETITIONS_CONFIG]).section(
    PETITIONS_CONFIG,
  );
  return { db, writer: new SignatureWriter(db as unknown as DataSource, config) };
}

describe('SignatureWriter', () => {
  it('writes a lone signature at once, and acknowledges it only once its statement has committed', async () => {
    const { db, writer: w } = writer(2);
    const a = track(w.write(row('a@x.org')));
    await turn();
    expect(db.statements.map((s) => s.emails)).toEqual([['a@x.org']]);
    expect(a.state()).toBe('pending');
    db.settle(0);
    await turn();
    expect(a.state()).toBe('written');
  });

  it('keeps at most SIGN_WRITE_CONCURRENCY batches in flight; what arrives meanwhile goes out as the next batch', async () => {
    const { db, writer: w } = writer(1);
    const first = track(w.write(row('a@x.org')));
    await turn();
    const later = ['b@x.org', 'c@x.org', 'd@x.org'].map((e) => track(w.write(row(e))));
    await turn();
    expect(db.statements).toHaveLength(1);
    db.settle(0);
    await turn();
    await turn();
    expect(db.statements.map((s) => s.emails)).toEqual([['a@x.org'], ['b@x.org', 'c@x.org', 'd@x.org']]);
    expect([first.state(), ...later.map((l) => l.state())]).toEqual(['written', 'pending', 'pending', 'pending']);
    db.settle(1);
    await turn();
    expect(later.map((l) => l.state())).toEqual(['written', 'written', 'written']);
  });

  it('writes one row for the same person twice in a batch, and answers both', async () => {
    const { db, writer: w } = writer(1);
    const both = [track(w.write(row('a@x.org'))), track(w.write(row('a@x.org')))];
    await turn();
    expect(db.statements.map((s) => s.emails)).toEqual([['a@x.org']]);
    db.settle(0);
    await turn();
    expect(both.map((b) => b.state())).toEqual(['written', 'written']);
  });

  it('refuses only the bad row of a failed batch: the others are retried alone and written', async () => {
    const { db, writer: w } = writer(1);
    const writes = ['a@x.org', 'bad@x.org', 'c@x.org'].map((e) => track(w.write(row(e))));
    await turn();
    db.settle(0, 'bad@x.org');
    await turn();
    expect(db.statements.slice(1).map((s) => s.emails)).toEqual([['a@x.org'], ['bad@x.org'], ['c@x.org']]);
    for (let i = 1; i <= 3; i++) db.settle(i, 'bad@x.org');
    await turn();
    expect(writes.map((x) => x.state())).toEqual(['written', 'failed: bad row bad@x.org', 'written']);
  });

  it('answers busy (not a failure) when the database cancels a batch that ran too long, without retrying row by row', async () => {
    const { db, writer: w } = writer(1);
    const writes = ['a@x.org', 'b@x.org'].map((e) => track(w.write(row(e))));
    await turn();
    db.cancel(0);
    await turn();
    expect(writes.map((x) => x.state())).toEqual(['busy', 'busy']);
    expect(db.statements).toHaveLength(1);
  });

  it('turns new signatures away as busy once MAX_WAITING are waiting, without losing the ones accepted', async () => {
    const { db, writer: w } = writer(1);
    const first = track(w.write(row('first@x.org')));
    await turn();
    const waiting = Array.from({ length: MAX_WAITING }, (_, i) => track(w.write(row(`w${i}@x.org`))));
    const refused = track(w.write(row('late@x.org')));
    await turn();
    expect(refused.state()).toBe('busy');
    // Settle each batch as it is written: 1 + MAX_WAITING rows in batches of at most 1,000.
    for (let settled = 0; settled < db.statements.length; settled++) {
      db.settle(settled);
      await turn();
      await turn();
    }
    expect(db.statements.length).toBe(1 + MAX_WAITING / 1_000);
    expect(first.state()).toBe('written');
    expect(waiting.every((x) => x.state() === 'written')).toBe(true);
  });

  it('on shutdown writes what was accepted before it without waiting for later arrivals, then writes those once the server is closed', async () => {
    const { db, writer: w } = writer(1);
    const a = track(w.write(row('a@x.org')));
    await turn();
    const b = track(w.write(row('b@x.org')));
    let beforeDone = false;
    const before = w.beforeApplicationShutdown().then(() => (beforeDone = true));
    db.settle(0);
    await turn();
    await turn();
    const c = track(w.write(row('c@x.org'))); // arrives while the server is still open
    expect(db.statements.map((s) => s.emails)).toEqual([['a@x.org'], ['b@x.org']]);
    db.settle(1);
    await before;
    expect([a.state(), b.state(), beforeDone]).toEqual(['written', 'written', true]);
    const after = w.onApplicationShutdown();
    await turn();
    await turn();
    expect(db.statements.map((s) => s.emails).at(-1)).toEqual(['c@x.org']);
    db.settle(db.statements.length - 1);
    await after;
    expect(c.state()).toBe('written');
  });
});
