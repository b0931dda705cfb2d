import PostalMime from 'postal-mime';
import { installPassThroughJoin, joinChunks, passThroughJoinInstalled } from './pass-through-join.js';
import { parseMime } from './mime-parse.js';

const bytes = (b: ArrayBuffer): number[] => [...new Uint8Array(b)];

describe('pass-through body join', () => {
  it('gives the bytes a Blob of the same parts gives: lines, newlines, multi-byte text, empty lines', async () => {
    const lines = [
      Buffer.from('Dear Amina,', 'latin1'),
      '\n',
      new Uint8Array(0),
      '\n',
      Buffer.from('Ch\xe8re Amina \u2014 merci', 'utf8').subarray(2),
      '\n',
      'Réponse',
      new Uint8Array([0, 255, 13]),
    ];
    expect(bytes(joinChunks(lines))).toEqual(bytes(await new Blob(lines).arrayBuffer()));
    expect(joinChunks([]).byteLength).toBe(0);
  });

  it("is what postal-mime's pass-through decoder runs once parseMime is loaded", async () => {
    // Fails when a postal-mime upgrade moves the decoder: install must then be revisited, not silently skipped.
    expect(passThroughJoinInstalled()).toBe(true);
    const root = (
      new PostalMime() as unknown as { root: { setupContentDecoder(e: string): void; contentDecoder: object } }
    ).root;
    root.setupContentDecoder('8bit');
    const decoder = root.contentDecoder as { update(line: Uint8Array): void; finalize(): Promise<ArrayBuffer> };
    decoder.update(new TextEncoder().encode('first line'));
    decoder.update(new TextEncoder().encode('second — line'));
    expect(Buffer.from(await decoder.finalize()).toString('utf8')).toBe('first line\nsecond — line\n');
    // Installing again wraps nothing twice.
    expect(installPassThroughJoin()).toBe(true);
    expect(passThroughJoinInstalled()).toBe(true);
  });

  it('parses a multipart reply to what postal-mime gave before the join (its Blob, run on the same message)', async () => {
    const raw =
      'From: cabinet@justice.example.gov\r\nSubject: Re: letter\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n' +
      '--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nMerci pour votre lettre.\r\n\r\n> Quoted\r\n' +
      '--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Merci pour votre lettre.</p>\r\n--b--\r\n';
    const m = await parseMime(raw);
    expect(m.text).toBe('Merci pour votre lettre.\n\n> Quoted\n');
    expect(m.html).toBe('<p>Merci pour votre lettre.</p>\n');
  });
});
