import { checkSender, parseAuthenticationResults } from './sender-check.js';
import { dsn, plainReply } from '../testing/inbound-messages.js';
import { parseMime } from './mime-parse.js';
import { letterTokens, messageIdsIn, referencedMessageIds, returnedMessageId } from './threading.js';

describe('threading helpers', () => {
  it('finds reply+ and bounce+ tokens at the reply domain only', () => {
    expect(
      letterTokens(
        [
          'Rally <Reply+1ABC@Reply.Example.org>',
          'bounce+1xyz@reply.example.org',
          'reply+1abc@elsewhere.example',
          'other@reply.example.org',
        ],
        'reply.example.org',
      ),
    ).toEqual([
      { purpose: 'reply', token: '1abc' },
      { purpose: 'bounce', token: '1xyz' },
    ]);
  });

  it('reads In-Reply-To first, then References newest first', async () => {
    const m = await parseMime(plainReply('x', { extra: ['In-Reply-To: <b@x>', 'References: <a@x> <b@x>\r\n <c@x>'] }));
    expect(referencedMessageIds(m)).toEqual(['<b@x>', '<c@x>', '<a@x>']);
    expect(messageIdsIn('junk <ok@x> <no spaces@x>')).toEqual(['<ok@x>']);
  });

  it("finds the returned letter's Message-ID in message/rfc822 and in text/rfc822-headers", async () => {
    const rcpt = [{ recipient: 'm@example.gov', action: 'failed', status: '5.1.1' }];
    expect(returnedMessageId(await parseMime(dsn(rcpt, { returnedMessageId: '<letter.a@r>' })))).toBe('<letter.a@r>');
    expect(
      returnedMessageId(await parseMime(dsn(rcpt, { returnedMessageId: '<letter.b@r>', headersOnly: true }))),
    ).toBe('<letter.b@r>');
  });
});

describe('sender check', () => {
  const targets = ['minister@justice.example.gov', 'cabinet@justice.example.gov'];
  const from = async (address: string, extra: string[] = []) => parseMime(plainReply('x', { from: address, extra }));

  it('matches the target address, then its domain', async () => {
    expect(checkSender(await from('Cabinet@Justice.example.gov'), targets, [])).toEqual({
      senderVerified: true,
      senderCheck: 'target-address',
    });
    expect(checkSender(await from('advisor@justice.example.gov'), targets, [])).toEqual({
      senderVerified: true,
      senderCheck: 'target-domain',
    });
    expect(checkSender(await from('friend@gmail.example'), targets, [])).toEqual({
      senderVerified: false,
      senderCheck: 'unverified',
    });
  });

  it('believes DMARC only from the newest Authentication-Results of a trusted relay', async () => {
    const pass =
      'Authentication-Results: mx.rally.example; dkim=pass header.d=interior.example.gov; dmarc=pass (p=reject) header.from=interior.example.gov';
    const forged = 'Authentication-Results: evil.example; dmarc=pass header.from=interior.example.gov';
    expect(checkSender(await from('x@interior.example.gov', [pass]), targets, ['mx.rally.example']).senderCheck).toBe(
      'dmarc',
    );
    expect(checkSender(await from('x@interior.example.gov', [pass]), targets, []).senderCheck).toBe('unverified');
    // A trusted result below an untrusted newer one is text the sender wrote earlier on the way.
    expect(
      checkSender(await from('x@interior.example.gov', [forged, pass]), targets, ['mx.rally.example']).senderCheck,
    ).toBe('unverified');
    const fail = pass.replace('dmarc=pass', 'dmarc=fail');
    expect(checkSender(await from('x@interior.example.gov', [fail]), targets, ['mx.rally.example']).senderCheck).toBe(
      'unverified',
    );
  });

  it('parses RFC 8601 values with comments', () => {
    expect(
      parseAuthenticationResults('mx.example (v=1); spf=pass; dmarc=pass (p=none dis=none) header.from="Example.gov"'),
    ).toEqual({
      authservId: 'mx.example',
      dmarc: { result: 'pass', headerFrom: 'example.gov' },
    });
  });
});
