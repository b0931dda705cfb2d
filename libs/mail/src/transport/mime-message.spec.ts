import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from './mail-transport.js';
import { composeMessage } from './mime-message.js';

const DATE = new Date('2026-03-29T01:30:00Z');

const byNodemailer = (message: OutgoingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    new MailComposer({ ...message, returnPath: undefined, date: DATE } as never)
      .compile()
      .build((error, raw) => (error ? reject(error) : resolve(raw))),
  );

/** What a reader sees of a message: the fields mail clients show, parsed back by mailparser. */
const seen = (mail: ParsedMail): Record<string, unknown> => ({
  from: mail.from?.value,
  to: (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value ?? []),
  replyTo: mail.replyTo?.value,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  date: mail.date?.toISOString(),
  listUnsubscribePost: mail.headers.get('list-unsubscribe-post'),
});

const FRENCH =
  'Madame la Ministre,\n\nNous vous écrivons au sujet des enfants privés de liberté. « Aucun enfant ne devrait ' +
  'grandir derrière des barreaux » : l’Étude mondiale des Nations Unies le dit, et nous vous demandons d’agir.\n\n' +
  'Avec mes salutations respectueuses,\nZoë Ł.\n';

const letter: OutgoingMessage = {
  from: '"Zoë Ł. via Enfance d\'abord" <lettres@enfance.example>',
  to: 'ministre@justice.gouv.example',
  replyTo: 'reply+Q2xhaXJl@reply.enfance.example',
  subject: 'Enfants privés de liberté : appliquez les recommandations de l’Étude mondiale, madame la Ministre',
  text: FRENCH,
  html: `<p>${FRENCH.replace(/\n\n/g, '</p><p>')}</p>`,
  headers: { 'Message-ID': '<letter-8f1c@rally.enfance.example>' },
  returnPath: 'bounce+Q2xhaXJl@reply.enfance.example',
};

describe('composeMessage', () => {
  it.each<[string, OutgoingMessage]>([
    ['a French letter with a non-ASCII display name and a long subject', letter],
    [
      'an English mailing with the one-click unsubscribe headers',
      {
        from: 'Child Rights Now <news@crn.example>',
        to: 'amina@example.org',
        subject: 'The debate is on Thursday',
        text: 'Dear Amina,\n\n12,408 people have signed.\n.\nA line that is only a dot, and one that starts\nFrom here.\n',
        html: '<p>Dear Amina,</p><p>12,408 people have signed.</p>',
        headers: {
          'List-Unsubscribe':
            '<https://rally.crn.example/u/0f6c2d1e-token>, <mailto:unsubscribe+0f6c@reply.crn.example>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      },
    ],
    [
      'an Arabic subject and name (base64 words), an IDN domain and a quoted name',
      {
        from: '"Ann \\"the\\" O\\\\Brien via Rights, Now" <letters@crn.example>',
        to: 'وزير <minister@وزارة.example>',
        subject: 'الأطفال المحرومون من الحرية: ننتظر ردكم على توصيات الدراسة العالمية للأمم المتحدة',
        text: 'سيدي الوزير،\n\n' + 'نكتب إليكم بشأن الأطفال المحرومين من الحرية. '.repeat(20),
        html: '<p dir="rtl">سيدي الوزير</p>',
      },
    ],
    [
      'ASCII text in lines longer than SMTP keeps whole',
      {
        from: 'rally@example.org',
        to: 'a@example.org',
        subject: 'x'.repeat(120),
        text: 'word '.repeat(400) + '\n' + 'y'.repeat(1200),
        html: '<p>' + 'z'.repeat(2000) + '</p>',
      },
    ],
  ])('writes what nodemailer would for %s', async (_name, message) => {
    const ours = composeMessage(message, DATE);
    const [parsed, reference] = await Promise.all([simpleParser(ours.raw), simpleParser(await byNodemailer(message))]);
    const fields = seen(parsed);
    expect(fields).toEqual({ ...seen(reference), messageId: ours.messageId });
    expect(fields.text).toBe(message.text.replace(/\r\n/g, '\n'));
    expect(parsed.headers.get('list-unsubscribe')).toEqual(reference.headers.get('list-unsubscribe'));
  });

  it('writes lines SMTP carries as they are: CRLF only, none over 78 characters, all of it ASCII', () => {
    for (const message of [letter, { ...letter, text: 'ok\n', html: '' }]) {
      const raw = composeMessage(message, DATE).raw.toString('utf8');
      expect(raw).not.toMatch(/[^\r]\n|\r[^\n]/);
      expect(raw.split('\r\n').filter((line) => line.length > 78)).toEqual([]);
      expect(raw).not.toMatch(/[^\x00-\x7f]/);
    }
  });

  it('keeps the Message-ID it is given, else makes one on the From domain, and names the envelope', () => {
    const ours = composeMessage(letter, DATE);
    expect(ours.messageId).toBe('<letter-8f1c@rally.enfance.example>');
    expect(ours.envelope).toEqual({
      from: 'bounce+Q2xhaXJl@reply.enfance.example',
      to: ['ministre@justice.gouv.example'],
    });
    const plain = composeMessage({ ...letter, headers: undefined, returnPath: undefined }, DATE);
    expect(plain.messageId).toMatch(/^<[0-9a-f-]{36}@enfance\.example>$/);
    expect(plain.envelope.from).toBe('lettres@enfance.example');
    expect(plain.raw.toString().match(/^Message-ID:/gim)).toHaveLength(1);
  });

  it('puts an IDN domain in its A-label form in the header and the envelope', () => {
    const ours = composeMessage({ ...letter, to: 'minister@ministère.example' }, DATE);
    expect(ours.envelope.to).toEqual(['minister@xn--ministre-60a.example']);
    expect(ours.raw.toString()).toContain('\r\nTo: minister@xn--ministre-60a.example\r\n');
  });

  it('never lets a value start a header of its own', async () => {
    const ours = composeMessage(
      {
        ...letter,
        subject: 'Hello\r\nBcc: everyone@example.org',
        from: '"Amina\r\nBcc: x@example.org via CRN" <letters@crn.example>',
        headers: { 'X-Campaign': 'one\nBcc: two@example.org', 'Bad Name:': 'dropped', 'Content-Type': 'text/evil' },
      },
      DATE,
    );
    const parsed = await simpleParser(ours.raw);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.subject).toBe('Hello Bcc: everyone@example.org');
    expect(parsed.headers.get('x-campaign')).toBe('one Bcc: two@example.org');
    expect(ours.raw.toString()).not.toContain('Bad Name');
    expect(ours.raw.toString().match(/^Content-Type:/gim)).toHaveLength(3);
    expect(parsed.html).toContain('Madame la Ministre');
  });

  it('refuses a message with no From or no To address', () => {
    expect(() => composeMessage({ ...letter, from: '' }, DATE)).toThrow('no From');
    expect(() => composeMessage({ ...letter, to: 'Nobody' }, DATE)).toThrow('no To');
  });
});
