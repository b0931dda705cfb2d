import { LetterAddresses, letterSender } from './letter-addresses.js';

const KEY = 'a-test-secret-key-that-is-long-enough-0123';
const ID = '0b7c4f2e-9a51-4c3d-8e2f-1a2b3c4d5e6f';

describe('LetterAddresses', () => {
  const addresses = new LetterAddresses(KEY, 'reply.example.org');

  it('gives a reply address whose token verifies back to the letter, case-insensitively', () => {
    const address = addresses.replyTo(ID);
    expect(address).toMatch(/^reply\+1[a-z2-7]{42}@reply\.example\.org$/);
    const local = address.split('@')[0]!;
    expect(local.length).toBeLessThanOrEqual(64);
    const token = local.slice('reply+'.length);
    expect(addresses.verify('reply', token)).toBe(ID);
    expect(addresses.verify('reply', token.toUpperCase())).toBe(ID);
  });

  it('refuses a token for another purpose, another key, a changed letter id or a bad version', () => {
    const token = addresses.replyTo(ID).split('@')[0]!.slice('reply+'.length);
    expect(addresses.verify('bounce', token)).toBeNull();
    expect(new LetterAddresses(`${KEY}x`, 'reply.example.org').verify('reply', token)).toBeNull();
    const tampered = token.slice(0, 5) + (token[5] === 'a' ? 'b' : 'a') + token.slice(6);
    expect(addresses.verify('reply', tampered)).toBeNull();
    expect(addresses.verify('reply', `2${token.slice(1)}`)).toBeNull();
    expect(addresses.verify('reply', 'nonsense')).toBeNull();
  });

  it('rotates keys by version: new tokens take the first key, older versions verify until they are dropped', () => {
    const old = addresses.replyTo(ID).split('@')[0]!.slice('reply+'.length);
    const NEW = 'another-test-secret-key-long-enough-4567';
    const rotated = new LetterAddresses(
      [
        { version: '2', secret: NEW },
        { version: '1', secret: KEY },
      ],
      'reply.example.org',
    );
    const fresh = rotated.replyTo(ID).split('@')[0]!.slice('reply+'.length);
    expect(fresh[0]).toBe('2');
    expect(rotated.verify('reply', fresh)).toBe(ID);
    expect(rotated.verify('reply', old)).toBe(ID);
    const retired = new LetterAddresses([{ version: '2', secret: NEW }], 'reply.example.org');
    expect(retired.verify('reply', old)).toBeNull();
    expect(retired.verify('reply', fresh)).toBe(ID);
    // A version's token never verifies under another version's key.
    expect(rotated.verify('reply', `1${fresh.slice(1)}`)).toBeNull();
  });

  it('gives a stable Message-ID and a bounce address per letter', () => {
    expect(addresses.messageId(ID)).toBe(addresses.messageId(ID));
    expect(addresses.messageId(ID)).toMatch(/^<letter\.1[a-z2-7]{42}@reply\.example\.org>$/);
    const bounce = addresses.bounceAddress(ID).split('@')[0]!.slice('bounce+'.length);
    expect(addresses.verify('bounce', bounce)).toBe(ID);
  });
});

describe('letterSender', () => {
  it('shows the supporter via the organisation, from its address', () => {
    expect(letterSender({ firstName: 'Amina', lastName: 'Kone' }, 'Child Rights Now', 'letters@crn.org')).toBe(
      '"Amina K. via Child Rights Now" <letters@crn.org>',
    );
    expect(letterSender({ firstName: 'Lou', lastName: '' }, 'CRN', 'a@b.org')).toBe('"Lou via CRN" <a@b.org>');
  });

  it('cannot break out of the display name', () => {
    expect(letterSender({ firstName: 'A"\r\nBcc: x@y.z', lastName: '' }, 'CRN', 'a@b.org')).toBe(
      '"A\\" Bcc: x@y.z via CRN" <a@b.org>',
    );
  });
});
