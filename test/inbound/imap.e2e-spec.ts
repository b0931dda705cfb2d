import type { ImapFlow } from 'imapflow';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlOne, sqlRows } from '#rally/core';
import type { ImapPollOutcome } from '#rally/inbound';
import { ImapPoller, ImapScheduleJob, INBOUND_CONFIG, InboundJob } from '#rally/inbound';
import { ManualClock } from '#rally-testing/core';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import type { TestDovecot } from '../support/dovecot.js';
import { describeWithDovecot, startDovecot } from '../support/dovecot.js';
import { waitUntil } from '../support/processes.js';
import { jobRuns, startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi, type StaffApi } from '../support/staff-api.js';
import { addressesOf, aLetterOf, aReply, storedRaw } from './inbound-helpers.js';

/** The mailboxes of the test's dovecot: one per case, so no case sees another's mail. */
const USERS = {
  'replies@ministry.test': 'replies-pass',
  'large@ministry.test': 'large-pass',
  'locked@ministry.test': 'locked-pass',
  'rebuilt@ministry.test': 'rebuilt-pass',
  'routes@ministry.test': 'routes-pass',
  'backlog@ministry.test': 'backlog-pass',
};
type User = keyof typeof USERS;
const MAX_BYTES = 65_536;

interface SourceView {
  id: string;
  kind: string;
  name: string;
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  passwordSet: boolean;
  folder: string;
  processedFolder: string;
  lastPolledAt: string | null;
  lastError: string | null;
}

describeWithDovecot('the IMAP poller against a real IMAP server (dovecot)', () => {
  const clock = new ManualClock('2027-03-01T09:00:00Z');
  let dovecot: TestDovecot;
  let rally: RallyHarness;
  let db: DataSource;
  let admin: StaffHandle;
  let api: StaffApi;
  const clients: ImapFlow[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot(USERS);
    rally = await startRally({
      clock,
      env: {
        INBOUND_IMAP_PRIVATE_HOSTS: 'true',
        INBOUND_MAX_BYTES: String(MAX_BYTES),
        // The test polls by hand; the schedule is exercised on its own below.
        INBOUND_IMAP_POLL_SECONDS: '86400',
        QUEUE_SCHEDULE_REFRESH_SECONDS: '3600',
      },
    });
    db = dataSourceOf(rally);
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
  });
  afterAll(async () => {
    for (const c of clients) await c.logout().catch(() => undefined);
    await rally?.close();
    await dovecot?.stop();
  });

  /** The organisation's own mail client on a mailbox: how the test puts mail in and looks at folders. */
  const mailClient = async (user: User): Promise<ImapFlow> => {
    const client = await dovecot.client(user, USERS[user]);
    clients.push(client);
    return client;
  };
  const count = async (client: ImapFlow, folder: string): Promise<number> => {
    const status = await client.status(folder, { messages: true });
    return status ? (status.messages ?? 0) : 0;
  };

  const createSource = async (user: User, extra: Record<string, unknown> = {}): Promise<SourceView> => {
    const res = await api<SourceView>('POST', '/inbound-sources/imap', {
      name: `Mailbox ${user}`,
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      username: user,
      password: USERS[user],
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** A poll that ran (not one that found another poll of the same mailbox under way). */
  const poll = async (sourceId: string): Promise<ImapPollOutcome> => {
    let outcome: ImapPollOutcome = { outcome: 'busy' };
    await waitUntil(
      async () => (outcome = await rally.worker!.get(ImapPoller).poll(sourceId)).outcome !== 'busy',
      10_000,
    );
    return outcome;
  };
  const sourceRow = (id: string) =>
    sqlOne<{ last_uid: string; uid_validity: string | null; last_error: string | null; poll_failures: number }>(
      db,
      `SELECT last_uid, uid_validity, last_error, poll_failures, last_polled_at FROM inbound_sources WHERE id = $1`,
      [id],
    );
  const messagesOf = (org: string) =>
    sqlRows<{ id: string; status: string; letter_id: string | null; threaded_by: string | null; channel: string }>(
      db,
      `SELECT id, status, letter_id, threaded_by, channel FROM inbound_messages WHERE organization_id = $1
        ORDER BY received_at, id`,
      [org],
    );
  const alertsOf = (sourceId: string, kind: string) =>
    sqlRows<{ detail: string; inbound_source_id: string }>(
      db,
      `SELECT detail, inbound_source_id FROM inbound_alerts WHERE inbound_source_id = $1 AND kind = $2`,
      [sourceId, kind],
    );
  const processed = (org: string, n: number) =>
    waitUntil(async () => (await messagesOf(org)).filter((m) => m.status !== 'received').length >= n, 20_000);

  describe('a reply in INBOX', () => {
    let source: SourceView;
    let letterId: string;
    let mail: ImapFlow;
    beforeAll(async () => {
      letterId = await aLetterOf(rally, admin);
      mail = await mailClient('replies@ministry.test');
      source = await createSource('replies@ministry.test');
    });

    it('is stored, threaded to its letter, and moved to the processed folder (created for it)', async () => {
      const raw = aReply(addressesOf(rally).replyTo(letterId));
      await mail.append('INBOX', raw);
      const outcome = await poll(source.id);
      expect(outcome).toMatchObject({ outcome: 'polled', stored: 1, tooLarge: 0 });
      await processed(admin.organisation.id, 1);
      const [message] = await messagesOf(admin.organisation.id);
      expect(message).toMatchObject({
        channel: 'imap',
        status: 'processed',
        letter_id: letterId,
        threaded_by: 'recipient-header',
      });
      expect((await storedRaw(db, message!.id)).raw.toString('utf8')).toBe(raw);
      expect(await count(mail, 'INBOX')).toBe(0);
      expect(await count(mail, 'Rally/Processed')).toBe(1);
      const row = await sourceRow(source.id);
      expect(row).toMatchObject({ last_uid: '1', last_error: null, poll_failures: 0 });
      expect(row.uid_validity).toMatch(/^\d+$/);
    });

    it('makes nothing new on a second poll', async () => {
      const before = await messagesOf(admin.organisation.id);
      expect(await poll(source.id)).toMatchObject({ outcome: 'polled', stored: 0 });
      expect(await messagesOf(admin.organisation.id)).toEqual(before);
    });

    it('keeps one record of a message stored but not moved (a crash between the two): the copy is a duplicate', async () => {
      // What a crash after storing leaves: the message still in the folder, above lastUid.
      await mail.mailboxOpen('Rally/Processed');
      await mail.messageCopy('1:*', 'INBOX', { uid: true });
      await mail.mailboxClose();
      expect(await count(mail, 'INBOX')).toBe(1);

      await poll(source.id);
      await processed(admin.organisation.id, 2);
      const statuses = (await messagesOf(admin.organisation.id)).map((m) => m.status).sort();
      expect(statuses).toEqual(['duplicate', 'processed']);
      const replies = await sqlRows(db, `SELECT id FROM letter_events WHERE letter_id = $1 AND kind = 'reply'`, [
        letterId,
      ]);
      expect(replies).toHaveLength(1);
      expect(await count(mail, 'INBOX')).toBe(0);
      expect(await count(mail, 'Rally/Processed')).toBe(2);
    });

    it('polls a mailbox once at a time across workers: while another poll holds it, this one answers busy', async () => {
      const otherWorker = db.createQueryRunner();
      await otherWorker.connect();
      const key = `hashtext('rally:inbound.imap-poll'), hashtext($1)`;
      try {
        await otherWorker.query(`SELECT pg_advisory_lock(${key})`, [source.id]);
        expect(await rally.worker!.get(ImapPoller).poll(source.id)).toEqual({ outcome: 'busy' });
        await otherWorker.query(`SELECT pg_advisory_unlock(${key})`, [source.id]);
      } finally {
        await otherWorker.release();
      }
      expect((await poll(source.id)).outcome).toBe('polled');
    });

    it('polls on "poll now" through the worker queue', async () => {
      await mail.append('INBOX', aReply(addressesOf(rally).replyTo(letterId), { body: 'A second answer.' }));
      const ran = jobRuns(rally, InboundJob.ImapPoll, 1);
      const res = await api('POST', `/inbound-sources/${source.id}/poll`);
      expect([res.status, res.body]).toEqual([202, { queued: true }]);
      await ran;
      expect(await count(mail, 'INBOX')).toBe(0);
      await processed(admin.organisation.id, 3);
    });
  });

  it('leaves a message over INBOUND_MAX_BYTES in the mailbox, stores nothing of it, and alerts once', async () => {
    const mail = await mailClient('large@ministry.test');
    const source = await createSource('large@ministry.test');
    const big = aReply('reply+x@reply.example.org', { body: 'x'.repeat(76).concat('\r\n').repeat(1200) });
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BYTES);
    await mail.append('INBOX', big);
    const before = await sqlOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM inbound_messages`);

    expect(await poll(source.id)).toMatchObject({ outcome: 'polled', stored: 0, tooLarge: 1 });
    expect(await sqlOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM inbound_messages`)).toEqual(before);
    expect(await count(mail, 'INBOX')).toBe(1);
    const alerts = await alertsOf(source.id, 'imap-too-large');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.detail).toMatch(/is 9\d KB, over the 64 KB limit: it was left in the mailbox/);
    expect(alerts[0]!.detail).toContain('cabinet@justice.example.gov');
    expect((await sourceRow(source.id)).last_uid).toBe('1');

    // Coordinators see it with the other alerts, naming the mailbox.
    const listed = await api<{ items: { kind: string; inboundSourceId: string }[] }>('GET', '/inbound/alerts');
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ kind: 'imap-too-large', inboundSourceId: source.id }),
    );

    await poll(source.id);
    expect(await alertsOf(source.id, 'imap-too-large')).toHaveLength(1);
  });

  describe('a refused password', () => {
    let source: SourceView;
    beforeAll(async () => {
      source = await createSource('locked@ministry.test', { password: 'not-the-password' });
    });

    it('sets lastError in plain words and one alert, without stopping the worker', async () => {
      const outcome = await poll(source.id);
      expect(outcome.outcome).toBe('failed');
      const row = await sourceRow(source.id);
      expect(row.last_error).toMatch(/^The server refused the username or password for locked@ministry\.test/);
      expect(row.poll_failures).toBeGreaterThanOrEqual(1);
      await poll(source.id);
      expect(await alertsOf(source.id, 'imap-failure')).toHaveLength(1);

      // The worker still runs jobs: a poll through the queue completes (and fails the same way).
      const ran = jobRuns(rally, InboundJob.ImapPoll, 1);
      await api('POST', `/inbound-sources/${source.id}/poll`);
      await ran;
      const shown = await api<SourceView>('GET', `/inbound-sources/${source.id}`);
      expect(shown.body.lastError).toMatch(/refused the username or password/);
    });

    it('is named by "test connection"; the right password clears the error at the next poll', async () => {
      const test = await api<{ ok: boolean; error: string | null }>(
        'POST',
        `/inbound-sources/${source.id}/test-connection`,
      );
      expect(test.status).toBe(200);
      expect(test.body).toMatchObject({ ok: false, error: expect.stringMatching(/refused the username or password/) });

      const fixed = await api<SourceView>('PATCH', `/inbound-sources/${source.id}`, {
        password: USERS['locked@ministry.test'],
      });
      expect(fixed.status).toBe(200);
      expect((await sourceRow(source.id)).poll_failures).toBe(0);
      expect(await api('POST', `/inbound-sources/${source.id}/test-connection`)).toMatchObject({
        body: { ok: true, error: null, messages: 0 },
      });
      expect(await poll(source.id)).toMatchObject({ outcome: 'polled' });
      expect(await sourceRow(source.id)).toMatchObject({ last_error: null, poll_failures: 0 });
    });

    it('backs off: after a failure the schedule skips the mailbox until twice the interval has passed', async () => {
      const schedule = rally.worker!.get(ImapScheduleJob);
      // The schedule reads the interval at each tick: a minute here (BullMQ's own ticks stay a day apart).
      const imap = rally.config.section(INBOUND_CONFIG).imap;
      imap.pollSeconds = 60;
      // Only this mailbox takes part, failing once more.
      await db.query(`UPDATE inbound_sources SET enabled = (id = $1)`, [source.id]);
      await api('PATCH', `/inbound-sources/${source.id}`, { password: 'wrong-again' });
      await poll(source.id);
      expect((await sourceRow(source.id)).poll_failures).toBe(1);

      expect(await schedule.handle()).toEqual({ queued: 0 });
      clock.advance(60_000); // one interval: a healthy mailbox would be due
      expect(await schedule.handle()).toEqual({ queued: 0 });
      clock.advance(60_000); // two intervals: due again
      const ran = jobRuns(rally, InboundJob.ImapPoll, 1);
      expect(await schedule.handle()).toEqual({ queued: 1 });
      await ran;
      expect((await sourceRow(source.id)).poll_failures).toBe(2);
      clock.advance(3 * 60_000); // a third failure waits 4 minutes: not yet
      expect(await schedule.handle()).toEqual({ queued: 0 });
      imap.pollSeconds = 86_400;
      await db.query(`UPDATE inbound_sources SET enabled = true`);
    });
  });

  it('takes a backlog beyond one batch in follow-up polls queued at once', async () => {
    const mail = await mailClient('backlog@ministry.test');
    for (let i = 1; i <= 5; i++) await mail.append('INBOX', aReply('reply+x@reply.example.org', { body: `n. ${i}` }));
    const source = await createSource('backlog@ministry.test');
    // Two a poll (INBOUND_IMAP_BATCH, 200 by default): 2, 2, then 1 with nothing more.
    const imap = rally.config.section(INBOUND_CONFIG).imap;
    imap.batch = 2;
    try {
      const ran = jobRuns(rally, InboundJob.ImapPoll, 3);
      expect((await api('POST', `/inbound-sources/${source.id}/poll`)).status).toBe(202);
      await ran;
    } finally {
      imap.batch = 200;
    }
    expect(await count(mail, 'INBOX')).toBe(0);
    expect(await count(mail, 'Rally/Processed')).toBe(5);
    expect((await sourceRow(source.id)).last_uid).toBe('5');
  });

  it('starts over from the folder when its UIDVALIDITY changes', async () => {
    const mail = await mailClient('rebuilt@ministry.test');
    await mail.mailboxCreate('Replies');
    const source = await createSource('rebuilt@ministry.test', { folder: 'Replies', processedFolder: 'Done' });
    await mail.append('Replies', aReply('reply+x@reply.example.org', { body: 'first' }));
    await mail.append('Replies', aReply('reply+x@reply.example.org', { body: 'second' }));
    expect(await poll(source.id)).toMatchObject({ stored: 2 });
    const before = await sourceRow(source.id);
    expect(before.last_uid).toBe('2');

    // The folder recreated: new UIDVALIDITY, and its new message has UID 1, below lastUid.
    await mail.mailboxDelete('Replies');
    await mail.mailboxCreate('Replies');
    await mail.append('Replies', aReply('reply+x@reply.example.org', { body: 'third' }));
    expect(await poll(source.id)).toMatchObject({ stored: 1 });
    const after = await sourceRow(source.id);
    expect(after.uid_validity).not.toBe(before.uid_validity);
    expect(after.last_uid).toBe('1');
    expect(await count(mail, 'Replies')).toBe(0);
    expect(await count(mail, 'Done')).toBe(3);
  });

  describe('staff routes of IMAP mailboxes', () => {
    it('creates a mailbox: the password is sealed and never returned', async () => {
      const source = await createSource('routes@ministry.test');
      expect(source).toMatchObject({
        kind: 'imap',
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        username: 'routes@ministry.test',
        passwordSet: true,
        folder: 'INBOX',
        processedFolder: 'Rally/Processed',
        enabled: true,
        lastError: null,
      });
      const list = await api('GET', '/inbound-sources?kind=imap');
      const one = await api('GET', `/inbound-sources/${source.id}`);
      const updated = await api('PATCH', `/inbound-sources/${source.id}`, { name: 'Renamed' });
      expect(JSON.stringify([source, list.body, one.body, updated.body])).not.toContain(USERS['routes@ministry.test']);
      const stored = await sqlOne<{ secret_sealed: string }>(
        db,
        `SELECT secret_sealed FROM inbound_sources WHERE id = $1`,
        [source.id],
      );
      expect(stored.secret_sealed).not.toContain(USERS['routes@ministry.test']);
      const actions = await sqlRows<{ action: string }>(
        db,
        `SELECT action FROM audit_event WHERE object_id = $1 ORDER BY action`,
        [source.id],
      );
      expect(actions.map((a) => a.action)).toEqual(['inbound-source.create', 'inbound-source.update']);
    });

    const valid = { name: 'Mailbox', host: 'imap.example.org', username: 'replies@example.org', password: 'pw' };
    it.each([
      ['no host', { ...valid, host: undefined }, 'host'],
      ['a host with a space', { ...valid, host: 'imap example.org' }, 'host'],
      ['port 0', { ...valid, port: 0 }, 'port'],
      ['port 70000', { ...valid, port: 70_000 }, 'port'],
      ['a port in a string', { ...valid, port: '993' }, 'port'],
      ['secure as a string', { ...valid, secure: 'yes' }, 'secure'],
      ['no username', { ...valid, username: undefined }, 'username'],
      ['no password', { ...valid, password: undefined }, 'password'],
      ['an empty password', { ...valid, password: '' }, 'password'],
      ['a password on two lines', { ...valid, password: 'a\r\nb' }, 'password'],
      ['a folder with a wildcard', { ...valid, folder: 'INBOX/*' }, 'folder'],
      ['an empty folder level', { ...valid, processedFolder: 'Rally//Done' }, 'processedFolder'],
      ['the processed folder the same as the folder', { ...valid, processedFolder: 'inbox' }, 'processedFolder'],
      ['a field it does not know', { ...valid, lastUid: 7 }, 'lastUid'],
    ])('refuses %s with 422 naming the field', async (_what, body, field) => {
      const res = await api('POST', '/inbound-sources/imap', body);
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.fields ?? {})).toEqual([field]);
    });

    it('refuses IMAP fields on a webhook source, and IMAP actions on it with 404', async () => {
      const hook = await api<{ source: { id: string } }>('POST', '/inbound-sources', { kind: 'webhook', name: 'Hook' });
      const id = hook.body.source.id;
      const res = await api('PATCH', `/inbound-sources/${id}`, { host: 'imap.example.org', name: 'Renamed hook' });
      expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, ['host']]);
      expect((await api('PATCH', `/inbound-sources/${id}`, { name: 'Renamed hook' })).status).toBe(200);
      expect((await api('POST', `/inbound-sources/${id}/test-connection`)).status).toBe(404);
      expect((await api('POST', `/inbound-sources/${id}/poll`)).status).toBe(404);
    });

    it("answers 404 for another organisation's mailbox on every route, and 403 to a coordinator", async () => {
      const mine = await createSource('routes@ministry.test', { name: 'Mine' });
      const other = await createOrgWithMember(rally, { role: Role.Admin });
      const theirs = staffApi(rally, other);
      for (const [method, path, body] of [
        ['GET', `/inbound-sources/${mine.id}`, undefined],
        ['PATCH', `/inbound-sources/${mine.id}`, { name: 'Taken' }],
        ['POST', `/inbound-sources/${mine.id}/test-connection`, undefined],
        ['POST', `/inbound-sources/${mine.id}/poll`, undefined],
      ] as const)
        expect([method, path, (await theirs(method, path, body)).status]).toEqual([method, path, 404]);
      expect((await api<SourceView>('GET', `/inbound-sources/${mine.id}`)).body.name).toBe('Mine');

      const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
      expect((await staffApi(rally, coordinator)('POST', '/inbound-sources/imap', valid)).status).toBe(403);
    });
  });
});
