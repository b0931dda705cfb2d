import { MailingAddresses, unsubscribeMailto } from './mailing-addresses.js';

describe('mailing addresses', () => {
  const addresses = new MailingAddresses('test-secret-key-0123456789abcdef', 'reply.example.org');
  const tokenOf = (address: string): string => address.split('@')[0]!.split('+')[1]!;

  it('name the recipient row in the return path and the unsubscribe address, within 64 characters', () => {
    const returnPath = addresses.returnPath('9223372036854775807');
    expect(returnPath).toMatch(/^mailing-bounce\+9223372036854775807[a-z2-7]{16}@reply\.example\.org$/);
    expect(returnPath.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(addresses.verify('return', tokenOf(returnPath))).toBe('9223372036854775807');
    const unsubscribe = addresses.unsubscribeAddress('42');
    expect(unsubscribe).toMatch(/^unsubscribe\+42[a-z2-7]{16}@reply\.example\.org$/);
    // Mail systems may change the case of a local part.
    expect(addresses.verify('unsubscribe', tokenOf(unsubscribe).toUpperCase())).toBe('42');
  });

  it('verify nothing forged, altered, of the other purpose or of another key', () => {
    const token = tokenOf(addresses.returnPath('42'));
    expect(addresses.verify('unsubscribe', token)).toBeNull();
    expect(addresses.verify('return', token.replace(/^42/, '43'))).toBeNull();
    expect(addresses.verify('return', `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`)).toBeNull();
    expect(addresses.verify('return', token.slice(0, -1))).toBeNull();
    expect(addresses.verify('return', `0${token}`)).toBeNull();
    expect(addresses.verify('return', '42')).toBeNull();
    const other = new MailingAddresses('another-secret-key-0123456789abcd', 'reply.example.org');
    expect(other.verify('return', token)).toBeNull();
  });

  it("point the mailto at Rally's own address, or at the installation's mailbox with the token in the subject", () => {
    expect(unsubscribeMailto(addresses, null, '42', '42-link')).toBe(
      `mailto:${addresses.unsubscribeAddress('42')}?subject=unsubscribe`,
    );
    expect(unsubscribeMailto(addresses, 'stop@example.org', '42', '42-link')).toBe(
      'mailto:stop@example.org?subject=unsubscribe%2042-link',
    );
  });
});
