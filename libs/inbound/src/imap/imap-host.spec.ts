import { ImapHostRefusedError, isInternalAddress, resolveImapHost } from './imap-host.js';

describe('isInternalAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('counts %s as internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2001:db8::1', '2a00:1450:4007:80c::200e', '::ffff:8.8.8.8'])(
    'counts %s as public',
    (address) => expect(isInternalAddress(address)).toBe(false),
  );
});

describe('resolveImapHost', () => {
  it('refuses a loopback or private address unless the installation allows them', async () => {
    await expect(resolveImapHost('127.0.0.1', false)).rejects.toThrow(ImapHostRefusedError);
    await expect(resolveImapHost('[::1]', false)).rejects.toThrow(/loopback or private address/);
    await expect(resolveImapHost('localhost', false)).rejects.toThrow(/INBOUND_IMAP_PRIVATE_HOSTS/);
    expect(await resolveImapHost('127.0.0.1', true)).toEqual({
      address: '127.0.0.1',
      servername: undefined,
      internal: true,
    });
  });

  it('keeps the name for TLS when staff typed a name, and connects to the address it resolved', async () => {
    const resolved = await resolveImapHost('localhost', true);
    expect(resolved.servername).toBe('localhost');
    expect(isInternalAddress(resolved.address)).toBe(true);
  });
});
