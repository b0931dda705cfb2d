import { MIME_LIMITS, MimeParseError, parseMime } from './mime-parse.js';

describe('parseMime', () => {
  it('decodes declared charsets and encoded words, and removes NUL bytes', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: =?iso-8859-1?Q?Ren=E9e?= <r@example.gov>\r\nSubject: =?utf-8?B?UsOpcG9uc2U=?=\r\n'),
      Buffer.from(
        'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCh\xe8re Amina\0, merci.\r\n',
        'latin1',
      ),
    ]);
    const m = await parseMime(new Uint8Array(raw));
    expect(m.from).toEqual({ address: 'r@example.gov', name: 'Renée' });
    expect(m.subject).toBe('Réponse');
    expect(m.text?.trim()).toBe('Chère Amina, merci.');
  });

  it('refuses deep MIME nesting instead of recursing', async () => {
    let raw = 'From: a@example.gov\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n';
    for (let i = 0; i < MIME_LIMITS.maxNestingDepth + 10; i += 1)
      raw += `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`;
    await expect(parseMime(raw)).rejects.toThrow(MimeParseError);
  });

  it('refuses a message with too many header fields', async () => {
    const raw = `From: a@example.gov\r\n${'X-Junk: 1\r\n'.repeat(MIME_LIMITS.maxHeaderFields + 1)}\r\nhi`;
    await expect(parseMime(raw)).rejects.toThrow(/header fields/);
  });

  it('refuses what has no message header at all', async () => {
    await expect(parseMime('\0\0garbage\r\n\r\n\xff')).rejects.toThrow(MimeParseError);
  });

  it('keeps a report part apart from attachments only in a multipart/report', async () => {
    const raw =
      'From: a@example.gov\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nSee the forwarded letter\r\n' +
      '--m\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nbody\r\n--m--\r\n';
    const m = await parseMime(raw);
    expect(m.reportParts).toEqual([]);
    expect(m.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
  });
});
