import type { InboundAddressKind } from './inbound-address-kinds.js';
import { InboundAddressKinds } from './inbound-address-kinds.js';

describe('inbound address kinds', () => {
  const kind = (prefix: string, good = 'abc123'): InboundAddressKind => ({
    prefix,
    resolve: (token) => Promise.resolve(token === good ? { organisationId: `org-of-${prefix}`, ref: token } : null),
    receive: () => Promise.resolve('received'),
  });

  it("refuses the letters' own prefixes, malformed ones and a prefix registered twice", () => {
    const kinds = new InboundAddressKinds();
    expect(() => kinds.register(kind('reply'))).toThrow();
    expect(() => kinds.register(kind('bounce'))).toThrow();
    expect(() => kinds.register(kind('Has+Plus'))).toThrow();
    kinds.register(kind('mailing-bounce'));
    expect(() => kinds.register(kind('mailing-bounce'))).toThrow(/registered already/);
  });

  it('finds the first address of a registered kind at the domain whose token resolves, in the organisation', async () => {
    const kinds = new InboundAddressKinds();
    kinds.register(kind('unsubscribe'));
    const domain = 'reply.example.org';
    expect(kinds.parse('Someone <Unsubscribe+ABC123@Reply.Example.org>', domain)?.token).toBe('abc123');
    expect(kinds.parse('unsubscribe+abc123@elsewhere.example.org', domain)).toBeNull();
    expect(kinds.parse('other+abc123@reply.example.org', domain)).toBeNull();
    expect(kinds.parse('unsubscribe+abc_123@reply.example.org', domain)).toBeNull();
    const addresses = ['unsubscribe+wrong1@reply.example.org', 'unsubscribe+abc123@reply.example.org'];
    expect((await kinds.find(addresses, domain, null))?.owner).toEqual({
      organisationId: 'org-of-unsubscribe',
      ref: 'abc123',
    });
    expect(await kinds.find(addresses, domain, 'another-org')).toBeNull();
  });
});
