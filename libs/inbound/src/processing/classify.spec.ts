import { classify, isOwnDomain } from './classify.js';
import { bounceClassOf, parseDeliveryStatus } from './delivery-report.js';
import { dsn, plainReply } from '../testing/inbound-messages.js';
import { parseMime } from './mime-parse.js';

const classified = async (raw: string, envelopeFrom: string | null = 'minister@justice.example.gov') =>
  classify(await parseMime(raw), envelopeFrom);

describe('bounce classes', () => {
  it.each([
    ['failed', '5.1.1', null, 'hard'],
    ['failed', '5.1.10', null, 'hard'],
    ['failed', '4.2.2', null, 'soft'],
    ['failed', '4.4.7', null, 'soft'],
    ['failed', '5.2.2', null, 'soft'],
    ['failed', '5.2.1', null, 'hard'],
    ['failed', '5.7.1', null, 'policy'],
    ['failed', '5.7.26', null, 'policy'],
    ['delayed', '4.4.1', null, 'delayed'],
    ['failed', '5.0.0', 'smtp; 550 5.1.1 <x@example.gov>: Recipient address rejected: User unknown', 'hard'],
    ['failed', '5.0.0', '552 mailbox full', 'soft'],
    ['failed', null, '550 Requested action not taken: mailbox unavailable', 'hard'],
    ['failed', '5.6.0', null, 'soft'],
  ])('%s %s (%s) is %s', (action, status, diagnostic, expected) => {
    expect(bounceClassOf(action, status, diagnostic)).toBe(expected);
  });

  it('reads every recipient of a report, skipping delivered ones', () => {
    const reports = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.example.gov\n\nFinal-Recipient: rfc822; A@Example.gov\nAction: failed\nStatus: 5.1.1\n' +
        'Diagnostic-Code: smtp; 550 5.1.1 no such\n  user here\n\nFinal-Recipient: rfc822; b@example.gov\nAction: delayed\n' +
        'Status: 4.4.1\n\nFinal-Recipient: rfc822; c@example.gov\nAction: delivered\nStatus: 2.0.0\n',
    );
    expect(reports).toEqual([
      {
        recipient: 'a@example.gov',
        action: 'failed',
        status: '5.1.1',
        diagnostic: '550 5.1.1 no such user here',
        bounceClass: 'hard',
      },
      { recipient: 'b@example.gov', action: 'delayed', status: '4.4.1', diagnostic: null, bounceClass: 'delayed' },
    ]);
  });
});

describe('classification', () => {
  it('a delivery report is a bounce whatever address it came to', async () => {
    const c = await classified(
      dsn([{ recipient: 'm@justice.example.gov', action: 'failed', status: '5.1.1' }], {
        to: 'reply+x@reply.example.org',
      }),
      '',
    );
    expect(c).toMatchObject({ kind: 'bounce', reason: 'delivery report', needsReview: false });
    expect(c.recipients).toEqual([
      expect.objectContaining({ recipient: 'm@justice.example.gov', bounceClass: 'hard' }),
    ]);
  });

  it('X-Failed-Recipients makes a bounce with its code read from the text, flagged for review', async () => {
    const raw = plainReply(
      'This message was created automatically by mail delivery software.\n\n  m@justice.example.gov\n    SMTP error: 550 5.1.1 User unknown',
      {
        from: 'Mail Delivery System <Mailer-Daemon@mx.example.gov>',
        subject: 'Mail delivery failed: returning message to sender',
        extra: ['X-Failed-Recipients: m@justice.example.gov'],
      },
    );
    const c = await classified(raw, '');
    expect(c).toMatchObject({ kind: 'bounce', needsReview: true });
    expect(c.recipients).toEqual([
      expect.objectContaining({ recipient: 'm@justice.example.gov', status: '5.1.1', bounceClass: 'hard' }),
    ]);
  });

  it('bounce text without a report or header is soft and reviewed', async () => {
    const raw = plainReply('Your message to m@justice.example.gov could not be delivered: 550 5.1.1 user unknown.', {
      from: 'postmaster@justice.example.gov',
      subject: 'Undeliverable: Children do not belong in detention',
    });
    const c = await classified(raw, '');
    expect(c).toMatchObject({ kind: 'bounce', reason: 'bounce text', needsReview: true });
    expect(c.recipients).toEqual([expect.objectContaining({ recipient: null, bounceClass: 'soft', status: '5.1.1' })]);
  });

  it.each([
    ['Auto-Submitted: auto-replied'],
    ['Auto-Submitted: auto-generated; owner-email="x@example.gov"'],
    ['X-Autoreply: yes'],
    ['X-Autorespond: Out of office'],
    ['X-Loop: minister@justice.example.gov'],
    ['Precedence: bulk'],
    ['Precedence: auto_reply'],
  ])('%s is an automatic answer', async (header) => {
    expect((await classified(plainReply('I am away.', { extra: [header], subject: 'Re: letter' }))).kind).toBe(
      'auto-reply',
    );
  });

  it('Auto-Submitted: no is a person (a reply)', async () => {
    expect((await classified(plainReply('We will answer.', { extra: ['Auto-Submitted: no'] }))).kind).toBe('reply');
  });

  it.each([
    'Out of Office: Children do not belong in detention',
    'Automatic reply: Children do not belong in detention',
    'Réponse automatique : Les enfants',
    "Message d'absence",
    'Absent du bureau jusqu’au 10 mars',
    'Respuesta automática: Los niños',
    'Fuera de la oficina',
    'Abwesenheitsnotiz: Kinder',
    'Automatische Antwort: Kinder',
  ])('subject "%s" with no header is automatic', async (subject) => {
    const c = await classified(plainReply('Back on Monday.', { subject }));
    expect(c).toMatchObject({ kind: 'auto-reply', reason: 'automatic-answer subject' });
  });

  it('system senders and a null return path are automatic', async () => {
    expect(
      (await classified(plainReply('Thanks', { from: 'noreply@justice.example.gov', subject: 'Re: x' }))).kind,
    ).toBe('auto-reply');
    expect((await classified(plainReply('Thanks', { subject: 'Re: x' }), '')).kind).toBe('auto-reply');
    expect((await classified(plainReply('Thanks', { subject: 'Re: x', extra: ['Return-Path: <>'] }), null)).kind).toBe(
      'auto-reply',
    );
  });

  it('a person replying is a reply, even with a weak X-Auto-Response-Suppress header', async () => {
    const c = await classified(
      plainReply('Dear Amina, the minister will reply.', { extra: ['X-Auto-Response-Suppress: All'] }),
    );
    expect(c.kind).toBe('reply');
  });

  it('own domains and their subdomains are loops', () => {
    expect(isOwnDomain('campaigns@example.org', ['example.org'])).toBe(true);
    expect(isOwnDomain('x@mail.example.org', ['example.org'])).toBe(true);
    expect(isOwnDomain('x@notexample.org', ['example.org'])).toBe(false);
    expect(isOwnDomain(null, ['example.org'])).toBe(false);
  });
});
