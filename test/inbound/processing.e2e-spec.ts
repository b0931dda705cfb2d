import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { JobQueue } from '#rally/core';
import { InboundJob, InboundProcessor, InboundReconcileJob } from '#rally/inbound';
import { LETTERS_CONFIG, LetterAddresses } from '#rally/letters';
import type { Target } from '#rally/targets';
import { ManualClock, TEST_SECRET_KEY } from '#rally-testing/core';
import { aLetterAction } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import { dsn, plainReply } from '../../libs/inbound/src/testing/inbound-messages.js';
import { jobRuns, startRally, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';

const DAY = 24 * 3_600_000;
const unique = (): string => randomBytes(4).toString('hex');

/**
 * Processing of stored inbound mail against the real database: messages are stored the way the receiver stores them
 * (the row, then the raw message in chunks), then processed by the worker's processor or through the queue.
 */
describe('inbound processing: classify, thread, store and act', () => {
  const clock = new ManualClock('2027-03-01T09:00:00Z');
  let rally: RallyHarness;
  let staff: StaffHandle;
  let other: StaffHandle;
  let db: DataSource;
  let addresses: LetterAddresses;
  let processor: InboundProcessor;
  let actionId: string;

  beforeAll(async () => {
    rally = await startRally({ clock, env: { INBOUND_OWN_DOMAINS: 'rally-own.example', LETTER_DISPATCH_MS: '200' } });
    staff = await createOrgWithMember(rally, { role: Role.Admin });
    other = await createOrgWithMember(rally, { role: Role.Admin });
    db = dataSourceOf(rally);
    addresses = new LetterAddresses(TEST_SECRET_KEY, rally.config.section(LETTERS_CONFIG).replyDomain);
    processor = rally.worker!.get(InboundProcessor);
    actionId = (await aLetterAction(rally, staff)).id;
  });
  afterAll(() => rally.close());

  /** A letter handed to the outbox (as the dispatcher leaves it), to the target's address at `emailIndex`. */
  async function aLetter(
    target: Target,
    options: { emailIndex?: number; status?: string; notBefore?: Date; org?: StaffHandle; action?: string } = {},
  ): Promise<{ id: string; replyTo: string; bounce: string; messageId: string; address: string }> {
    const org = (options.org ?? staff).organisation.id;
    const email = target.emails![options.emailIndex ?? 0]!;
    const id = randomUUID();
    const submissionId = randomUUID();
    const writer = `writer-${unique()}@example.org`;
    await db.query(
      `INSERT INTO letter_submissions (id, organization_id, action_id, email, email_normalized, first_name, country,
         consent_wording, language, status, flagged, confirmed_at)
       VALUES ($1, $2, $3, $4, $4, 'Amina', 'FR', 'consent', 'en', 'confirmed', false, now())`,
      [submissionId, org, options.action ?? actionId, writer],
    );
    const letter = {
      id,
      replyTo: addresses.replyTo(id),
      bounce: addresses.bounceAddress(id),
      messageId: addresses.messageId(id),
    };
    await db.query(
      `INSERT INTO letters (id, organization_id, action_id, submission_id, target_id, target_email_id, recipient,
         address_normalized, supporter_email_normalized, sender, reply_to, message_id, language, subject, body, status,
         not_before, handed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'Amina K. via Child Rights Now <campaigns@example.org>', $10, $11,
         'en', 'Children do not belong in detention', 'Dear Minister', $12, $13, $14)`,
      [
        id,
        org,
        options.action ?? actionId,
        submissionId,
        target.id,
        email.id,
        email.address,
        email.addressNormalized,
        writer,
        letter.replyTo,
        letter.messageId,
        options.status ?? 'handed',
        options.notBefore ?? clock.now(),
        (options.status ?? 'handed') === 'handed' ? clock.now() : null,
      ],
    );
    return { ...letter, address: email.addressNormalized };
  }

  /** What the receiver writes: the row, then the raw message in chunks (small ones here, so order matters). */
  async function store(
    raw: string | Buffer,
    envelope: { to: string[]; from?: string | null; tokenLetterId?: string | null; org?: StaffHandle },
  ): Promise<string> {
    const id = randomUUID();
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
    await db.query(
      `INSERT INTO inbound_messages (id, organization_id, channel, envelope_from, envelope_to, size, token_letter_id, received_at)
       VALUES ($1, $2, 'smtp', $3, $4, $5, $6, $7)`,
      [
        id,
        (envelope.org ?? staff).organisation.id,
        envelope.from === undefined ? 'minister@justice.example.gov' : envelope.from,
        envelope.to,
        bytes.length,
        envelope.tokenLetterId ?? null,
        clock.now(),
      ],
    );
    for (let seq = 0; seq * 700 < bytes.length; seq += 1)
      await db.query(`INSERT INTO inbound_message_chunks (message_id, seq, data) VALUES ($1, $2, $3)`, [
        id,
        seq,
        bytes.subarray(seq * 700, (seq + 1) * 700),
      ]);
    return id;
  }

  const message = async (id: string) =>
    (
      (await db.query(
        `SELECT status, kind, letter_id, threaded_by, sender_verified, sender_check, reply_text, body_text, body_html,
                bounce_class, bounce_status, bounce_recipient, needs_review, failure FROM inbound_messages WHERE id = $1`,
        [id],
      )) as Record<string, unknown>[]
    )[0]!;
  const events = async (letterId: string) =>
    (
      (await db.query(`SELECT kind FROM letter_events WHERE letter_id = $1 ORDER BY at, kind`, [letterId])) as {
        kind: string;
      }[]
    ).map((e) => e.kind);
  const emailState = async (address: string) =>
    (
      (await db.query(
        `SELECT state, state_reason, suspended_until, bounces_reset_at FROM target_emails WHERE organization_id = $1 AND address_normalized = $2`,
        [staff.organisation.id, address],
      )) as {
        state: string;
        state_reason: string | null;
        suspended_until: Date | null;
        bounces_reset_at: Date | null;
      }[]
    )[0]!;
  const alerts = async (kind: string) =>
    (await db.query(
      `SELECT target_email_id, domain, detail FROM inbound_alerts WHERE organization_id = $1 AND kind = $2`,
      [staff.organisation.id, kind],
    )) as { target_email_id: string | null; domain: string | null; detail: string }[];

  it('threads a valid reply by its token, strips the quote, checks the sender and records a reply event', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const raw = plainReply(
      `Dear Ms Kone,\n\nThe minister has read your letter.\n\nOn Mon, 1 Mar 2027 at 10:00, Amina K. <campaigns@example.org> wrote:\n> Dear Minister,\n> please act.`,
      {
        from: `Minister <${target.emails![0]!.address}>`,
        to: letter.replyTo,
        messageId: `<r-${unique()}@justice.example.gov>`,
      },
    );
    const id = await store(raw, { to: [letter.replyTo], tokenLetterId: letter.id });
    expect(await processor.process(id)).toBe('processed');
    expect(await message(id)).toMatchObject({
      status: 'processed',
      kind: 'reply',
      letter_id: letter.id,
      threaded_by: 'token',
      sender_verified: true,
      sender_check: 'target-address',
      reply_text: 'Dear Ms Kone,\n\nThe minister has read your letter.',
    });
    expect(await events(letter.id)).toEqual(['reply']);
    expect((await emailState(letter.address)).bounces_reset_at).toEqual(clock.now());
    // The same job again (a retried or duplicated queue entry) finds it done.
    expect(await processor.process(id)).toBe('skipped');
    expect(await events(letter.id)).toEqual(['reply']);
  });

  it('threads by In-Reply-To alone, sends unmatched mail to triage, and never threads to another organisation', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const byHeader = await store(
      plainReply('Received, thank you.', {
        from: 'advisor@justice.example.gov',
        extra: [`In-Reply-To: ${letter.messageId}`],
        messageId: `<${unique()}@x>`,
      }),
      { to: ['catchall@reply.other.example'] },
    );
    expect(await processor.process(byHeader)).toBe('processed');
    expect(await message(byHeader)).toMatchObject({
      letter_id: letter.id,
      threaded_by: 'in-reply-to',
      sender_check: 'target-domain',
    });

    const unmatched = await store(
      plainReply('Who are you?', { from: 'someone@elsewhere.example', messageId: `<${unique()}@x>` }),
      {
        to: ['catchall@reply.other.example'],
      },
    );
    await processor.process(unmatched);
    expect(await message(unmatched)).toMatchObject({
      status: 'processed',
      kind: 'reply',
      letter_id: null,
      sender_check: 'unverified',
    });

    // Another organisation's message naming this letter's Message-ID and token stays in its own triage.
    const foreign = await store(
      plainReply('Hello', {
        to: letter.replyTo,
        extra: [`In-Reply-To: ${letter.messageId}`],
        messageId: `<${unique()}@x>`,
      }),
      { to: ['x@reply.other.example'], org: other },
    );
    await processor.process(foreign);
    expect(await message(foreign)).toMatchObject({ letter_id: null });
  });

  it('tells automatic answers from people: Auto-Submitted, out-of-office subjects, and human replies to bounce+', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const auto = await store(
      plainReply('I am away until Monday.', { extra: ['Auto-Submitted: auto-replied'], messageId: `<${unique()}@x>` }),
      {
        to: [letter.bounce],
        from: '',
      },
    );
    const notAuto = await store(
      plainReply('The minister thanks you.', { extra: ['Auto-Submitted: no'], messageId: `<${unique()}@x>` }),
      {
        to: [letter.replyTo],
      },
    );
    const ooo = await store(
      plainReply('Absent until 10 March.', {
        subject: 'Réponse automatique : Les enfants',
        messageId: `<${unique()}@x>`,
      }),
      {
        to: [letter.replyTo],
      },
    );
    const humanToBounce = await store(
      plainReply('Please write to my colleague instead.', { messageId: `<${unique()}@x>` }),
      {
        to: [letter.bounce],
      },
    );
    for (const id of [auto, notAuto, ooo, humanToBounce]) await processor.process(id);
    expect(await message(auto)).toMatchObject({ kind: 'auto-reply', letter_id: letter.id });
    expect(await message(notAuto)).toMatchObject({ kind: 'reply' });
    expect(await message(ooo)).toMatchObject({ kind: 'auto-reply' });
    expect(await message(humanToBounce)).toMatchObject({ kind: 'reply', threaded_by: 'token' });
    expect((await events(letter.id)).sort()).toEqual(['auto-acknowledged', 'auto-acknowledged', 'reply', 'reply']);
  });

  it('a 5.1.1 report sent to reply+ bounces the letter and its address, alerts, and the queued letters are re-routed or held', async () => {
    const twoAddresses = await aTarget(rally, staff, {
      emails: [`first-${unique()}@justice.example.gov`, `second-${unique()}@justice.example.gov`],
    });
    const oneAddress = await aTarget(rally, staff);
    const bounced = await aLetter(twoAddresses);
    const soon = new Date(clock.now().getTime() + 3_600_000);
    const rerouted = await aLetter(twoAddresses, { status: 'queued', notBefore: soon });
    const single = await aLetter(oneAddress);
    const held = await aLetter(oneAddress, { status: 'queued', notBefore: soon });

    const first = await store(
      dsn([{ recipient: bounced.address, action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }], {
        to: bounced.replyTo,
        messageId: `<${unique()}@mx>`,
      }),
      {
        to: [bounced.replyTo],
        from: '',
      },
    );
    const second = await store(
      dsn([{ recipient: single.address, action: 'failed', status: '5.1.1' }], { messageId: `<${unique()}@mx>` }),
      {
        to: [single.bounce],
        from: '',
      },
    );
    await processor.process(first);
    await processor.process(second);
    expect(await message(first)).toMatchObject({
      kind: 'bounce',
      bounce_class: 'hard',
      bounce_status: '5.1.1',
      bounce_recipient: bounced.address,
    });
    expect(await emailState(bounced.address)).toMatchObject({ state: 'bounced', state_reason: 'hard bounce 5.1.1' });
    expect(await events(bounced.id)).toEqual(['bounced-hard']);
    const [letterRow] = (await db.query(`SELECT status, status_reason FROM letters WHERE id = $1`, [bounced.id])) as {
      status: string;
    }[];
    expect(letterRow).toEqual({ status: 'bounced', status_reason: 'hard bounce 5.1.1' });
    expect((await alerts('address-bounced')).map((a) => a.target_email_id)).toEqual(
      expect.arrayContaining([twoAddresses.emails![0]!.id, oneAddress.emails![0]!.id]),
    );
    const statusOf = async (id: string) =>
      (
        (await db.query(`SELECT status, recipient FROM letters WHERE id = $1`, [id])) as {
          status: string;
          recipient: string;
        }[]
      )[0]!;
    // Inbound mail changes no queued letter: the dispatcher decides when they are due.
    expect((await statusOf(rerouted.id)).status).toBe('queued');
    expect((await statusOf(held.id)).status).toBe('queued');
    clock.advance(3_600_000);
    await waitUntil(
      async () => (await statusOf(rerouted.id)).status === 'handed' && (await statusOf(held.id)).status === 'held',
      10_000,
    );
    expect((await statusOf(rerouted.id)).recipient).toBe(twoAddresses.emails![1]!.address);
  });

  it('4.2.2 and 5.2.2 are soft, delayed is ignored, 5.7.1 keeps the address and alerts', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const cases = [
      { status: '4.2.2', action: 'failed', klass: 'soft', event: ['bounced-soft'] },
      { status: '5.2.2', action: 'failed', klass: 'soft', event: ['bounced-soft'] },
      { status: '4.4.1', action: 'delayed', klass: 'delayed', event: [] },
      { status: '5.7.1', action: 'failed', klass: 'policy', event: ['policy-block'] },
    ];
    for (const c of cases) {
      const before = await events(letter.id);
      const id = await store(
        dsn([{ recipient: letter.address, action: c.action, status: c.status }], { messageId: `<${unique()}@mx>` }),
        {
          to: [letter.bounce],
          from: '',
        },
      );
      await processor.process(id);
      expect(await message(id)).toMatchObject({ kind: 'bounce', bounce_class: c.klass, bounce_status: c.status });
      expect((await events(letter.id)).slice(before.length)).toEqual(c.event);
      expect((await emailState(letter.address)).state).toBe('active');
    }
    const [{ n }] = (await db.query(
      `SELECT count(*)::int AS n FROM address_bounces WHERE target_email_id = $1 AND bounce_class = 'soft'`,
      [target.emails![0]!.id],
    )) as { n: number }[];
    expect(n).toBe(2);
    expect((await alerts('policy-block')).map((a) => a.target_email_id)).toContain(target.emails![0]!.id);
  });

  const letterRow = async (id: string) =>
    (
      (await db.query(`SELECT status, status_reason, attempt, not_before, outbox_id FROM letters WHERE id = $1`, [
        id,
      ])) as { status: string; status_reason: string | null; attempt: number; not_before: Date; outbox_id: string }[]
    )[0]!;
  const outboxOf = async (letterId: string) =>
    (await db.query(
      `SELECT idempotency_key, return_path, status, job_id FROM mail_outbox WHERE idempotency_key LIKE $1 ORDER BY created_at`,
      [`letter:${letterId}%`],
    )) as { idempotency_key: string; return_path: string; status: string; job_id: string }[];

  it('a soft-bounced letter is sent again 6 hours and then 24 hours later, each time on its own outbox row, then given up', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target, { status: 'queued' });
    const softBounce = async () => {
      const id = await store(
        dsn([{ recipient: letter.address, action: 'failed', status: '4.2.2' }], { messageId: `<${unique()}@mx>` }),
        { to: [letter.bounce], from: '' },
      );
      await processor.process(id);
    };
    const sentTo = () => rally.smtp!.messages.filter((m) => m.to === letter.address);
    await waitUntil(async () => sentTo().length === 1, 10_000);
    // VERP: the envelope sender is the letter's own bounce address, so whatever bounces names its letter.
    expect(sentTo()[0]!.from).toBe(letter.bounce);

    await softBounce();
    expect(await letterRow(letter.id)).toMatchObject({
      status: 'queued',
      attempt: 2,
      not_before: new Date(clock.now().getTime() + 6 * 3_600_000),
    });
    clock.advance(6 * 3_600_000);
    await waitUntil(async () => sentTo().length === 2, 10_000);
    await softBounce();
    expect(await letterRow(letter.id)).toMatchObject({
      status: 'queued',
      attempt: 3,
      not_before: new Date(clock.now().getTime() + DAY),
    });
    clock.advance(DAY);
    await waitUntil(async () => sentTo().length === 3, 10_000);
    await waitUntil(async () => (await letterRow(letter.id)).status === 'handed', 10_000);
    await softBounce();
    expect(await letterRow(letter.id)).toMatchObject({
      status: 'bounced',
      status_reason: 'soft bounce 4.2.2 after 3 sendings',
      attempt: 3,
    });
    const rows = await outboxOf(letter.id);
    expect(rows.map((r) => r.idempotency_key)).toEqual([
      `letter:${letter.id}`,
      `letter:${letter.id}:2`,
      `letter:${letter.id}:3`,
    ]);
    expect(new Set(rows.map((r) => r.return_path))).toEqual(new Set([letter.bounce]));
    // Each row names the send batch it went in, for the reconciler to look it up.
    for (const r of rows) expect(r.job_id).toMatch(/^batch-[0-9a-f-]{36}$/);
    expect(await events(letter.id)).toEqual(['bounced-soft', 'bounced-soft', 'bounced-soft']);
    // The third soft bounce within seven days suspended the address as well.
    expect((await emailState(letter.address)).state).toBe('suspended');
  });

  it('a relay refusing a letter at send time acts like a bounce: 550 bounces the address, 554 5.7.1 is a policy block', async () => {
    const gone = await aTarget(rally, staff);
    const blocked = await aTarget(rally, staff);
    const goneAddress = gone.emails![0]!.addressNormalized;
    const blockedAddress = blocked.emails![0]!.addressNormalized;
    rally.smtp!.rejectRecipients((to) => to === goneAddress, 550, 'Requested action not taken: mailbox unavailable');
    const refused = await aLetter(gone, { status: 'queued' });
    await waitUntil(async () => (await letterRow(refused.id)).status === 'bounced', 15_000);
    expect(await letterRow(refused.id)).toMatchObject({ status_reason: 'hard bounce' });
    expect((await outboxOf(refused.id)).map((r) => r.status)).toEqual(['failed']);
    expect(await emailState(goneAddress)).toMatchObject({ state: 'bounced' });
    expect(await events(refused.id)).toEqual(['bounced-hard']);
    expect((await alerts('address-bounced')).find((a) => a.target_email_id === gone.emails![0]!.id)?.detail).toMatch(
      /relay: 550/,
    );

    rally.smtp!.rejectRecipients((to) => to === blockedAddress, 554, '5.7.1 Message refused by policy');
    const policy = await aLetter(blocked, { status: 'queued' });
    await waitUntil(async () => (await outboxOf(policy.id))[0]?.status === 'failed', 15_000);
    expect(await events(policy.id)).toEqual(['policy-block']);
    expect((await emailState(blockedAddress)).state).toBe('active');
    expect((await alerts('policy-block')).map((a) => a.target_email_id)).toContain(blocked.emails![0]!.id);
    rally.smtp!.rejectRecipients(() => false, 550);
  });

  it("a report for several recipients acts on each of the target's addresses and on nothing else", async () => {
    const target = await aTarget(rally, staff, {
      emails: [`a-${unique()}@justice.example.gov`, `b-${unique()}@justice.example.gov`],
    });
    const stranger = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const [a, b] = target.emails!.map((e) => e.addressNormalized);
    const id = await store(
      dsn(
        [
          { recipient: a!, action: 'failed', status: '5.1.1' },
          { recipient: b!, action: 'failed', status: '4.2.2' },
          { recipient: stranger.emails![0]!.addressNormalized, action: 'failed', status: '5.1.1' },
        ],
        { messageId: `<${unique()}@mx>` },
      ),
      { to: [letter.bounce], from: '' },
    );
    await processor.process(id);
    expect((await emailState(a!)).state).toBe('bounced');
    expect((await emailState(b!)).state).toBe('active');
    expect((await emailState(stranger.emails![0]!.addressNormalized)).state).toBe('active');
    expect(await message(id)).toMatchObject({ bounce_class: 'hard', bounce_recipient: a });
  });

  it('threads a report that returns only the headers by the returned Message-ID', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const id = await store(
      dsn([{ recipient: letter.address, action: 'failed', status: '5.1.1' }], {
        headersOnly: true,
        returnedMessageId: letter.messageId,
        to: 'postmaster@reply.other.example',
        messageId: `<${unique()}@mx>`,
      }),
      { to: ['postmaster@reply.other.example'], from: '' },
    );
    await processor.process(id);
    expect(await message(id)).toMatchObject({
      kind: 'bounce',
      letter_id: letter.id,
      threaded_by: 'in-reply-to',
      bounce_class: 'hard',
    });
    expect((await emailState(letter.address)).state).toBe('bounced');
  });

  it('three soft bounces within seven days suspend the address for three days; a reply resets the count', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const softBounce = async () => {
      const id = await store(
        dsn([{ recipient: letter.address, action: 'failed', status: '4.2.2' }], { messageId: `<${unique()}@mx>` }),
        {
          to: [letter.bounce],
          from: '',
        },
      );
      await processor.process(id);
    };
    await softBounce();
    await softBounce();
    // A reply from the address: the two bounces before it no longer count.
    const reply = await store(plainReply('Thank you.', { from: letter.address, messageId: `<${unique()}@x>` }), {
      to: [letter.replyTo],
    });
    clock.advance(1_000);
    await processor.process(reply);
    clock.advance(DAY);
    await softBounce();
    await softBounce();
    expect((await emailState(letter.address)).state).toBe('active');
    clock.advance(DAY);
    await softBounce();
    expect(await emailState(letter.address)).toMatchObject({
      state: 'suspended',
      suspended_until: new Date(clock.now().getTime() + 3 * DAY),
    });
  });

  it('five addresses of one domain hard-bouncing within a day pause sending there once', async () => {
    const pausedDomain = `ministry-${unique()}.example.gov`;
    for (let i = 0; i < 6; i += 1) {
      const target = await aTarget(rally, staff, { emails: [`m${i}@${pausedDomain}`] });
      const letter = await aLetter(target);
      const id = await store(
        dsn([{ recipient: letter.address, action: 'failed', status: '5.1.1' }], { messageId: `<${unique()}@mx>` }),
        {
          to: [letter.bounce],
          from: '',
        },
      );
      await processor.process(id);
      const pauses = (await db.query(`SELECT until FROM sending_pauses WHERE organization_id = $1 AND domain = $2`, [
        staff.organisation.id,
        pausedDomain,
      ])) as { until: Date }[];
      expect(pauses).toHaveLength(i >= 4 ? 1 : 0);
    }
    expect((await alerts('domain-paused')).filter((a) => a.domain === pausedDomain)).toHaveLength(1);
  });

  it('the same message delivered twice makes one record; mail from an own domain is a dropped loop', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const raw = plainReply('We will come back to you.', { messageId: `<twice-${unique()}@justice.example.gov>` });
    const first = await store(`Received: from mx1\r\n${raw}`, { to: [letter.replyTo] });
    const second = await store(`Received: from mx2\r\n${raw}`, { to: [letter.replyTo] });
    expect(await processor.process(first)).toBe('processed');
    expect(await processor.process(second)).toBe('duplicate');
    expect(await events(letter.id)).toEqual(['reply']);

    const loop = await store(
      plainReply('Copy', { from: 'campaigns@rally-own.example', messageId: `<${unique()}@x>` }),
      {
        to: [letter.replyTo],
        from: 'bounce@rally-own.example',
      },
    );
    expect(await processor.process(loop)).toBe('loop');
    expect(await message(loop)).toMatchObject({ status: 'processed', kind: 'loop', letter_id: null });
    expect(await events(letter.id)).toEqual(['reply']);
  });

  it('stores sanitised HTML with cid: images served by Rally and attachments under cleaned names', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const raw = [
      `From: ${target.emails![0]!.address}`,
      `To: ${letter.replyTo}`,
      'Subject: Re: letter',
      `Message-ID: <${unique()}@x>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mix"',
      '',
      '--mix',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p onclick="steal()">Our answer <img src="cid:seal@ministry"><img src="https://tracker.example/p.gif" alt="t"></p><script>alert(1)</script>',
      '--rel',
      'Content-Type: image/png',
      'Content-ID: <seal@ministry>',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('png-bytes').toString('base64'),
      '--rel--',
      '--mix',
      'Content-Type: application/pdf; name="../../answer\u202Efdp.exe"',
      'Content-Disposition: attachment; filename="../../answer\u202Efdp.exe"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4').toString('base64'),
      '--mix--',
      '',
    ].join('\r\n');
    const id = await store(raw, { to: [letter.replyTo] });
    await processor.process(id);
    const stored = await message(id);
    const files = (await db.query(
      `SELECT id, file_name, content_type, content_id FROM inbound_attachments WHERE message_id = $1 ORDER BY file_name`,
      [id],
    )) as { id: string; file_name: string; content_type: string; content_id: string | null }[];
    expect(files.map((f) => f.file_name)).toEqual(['answerfdp.exe', 'attachment-1.png']);
    const seal = files.find((f) => f.content_id === 'seal@ministry')!;
    expect(stored.body_html).toBe(
      `<p>Our answer <img src="/api/orgs/${staff.organisation.slug}/inbound/messages/${id}/attachments/${seal.id}" /><img alt="t" /></p>`,
    );
    expect(stored.reply_text).toBe('Our answer');
  });

  it('queues again a message stored but never processed (its job lost), once a reconcile period has passed', async () => {
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const raw = plainReply('We will answer soon.', {
      to: letter.replyTo,
      messageId: `<${unique()}@justice.example.gov>`,
    });
    const id = await store(raw, { to: [letter.replyTo], tokenLetterId: letter.id });
    const reconcile = rally.worker!.get(InboundReconcileJob);
    expect(await reconcile.handle()).toEqual({ requeued: 0 }); // just received: its own job may still come
    clock.advance(2 * 60_000);
    expect((await reconcile.handle()).requeued).toBeGreaterThanOrEqual(1);
    await waitUntil(async () => (await message(id)).status === 'processed', 15_000);
    expect((await message(id)).letter_id).toBe(letter.id);
  });

  it('deep MIME nesting and malformed MIME are kept as failed through the queue, and the worker goes on', async () => {
    let deep = 'From: a@example.gov\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n';
    for (let i = 0; i < 60; i += 1) deep += `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`;
    const ids = [
      await store(deep, { to: ['x@reply.other.example'] }),
      await store('\0\0\xff garbage with no headers', { to: ['x@y'] }),
    ];
    const target = await aTarget(rally, staff);
    const letter = await aLetter(target);
    const fine = await store(plainReply('Thanks', { messageId: `<${unique()}@x>` }), { to: [letter.replyTo] });
    const ran = jobRuns(rally, InboundJob.Process, 3);
    const queue = rally.worker!.get(JobQueue);
    for (const messageId of [...ids, fine]) await queue.enqueue(InboundJob.Process, { messageId });
    await ran;
    expect(await message(ids[0]!)).toMatchObject({ status: 'failed', failure: expect.stringContaining('nesting') });
    expect(await message(ids[1]!)).toMatchObject({ status: 'failed' });
    expect(await message(fine)).toMatchObject({ status: 'processed', kind: 'reply', letter_id: letter.id });
  });
});
