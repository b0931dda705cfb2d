import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, shared, benchmark and reserved ranges: an organisation's mailbox is never there. */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6');

export const isInternalAddress = (address: string): boolean => {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? INTERNAL.check(mapped, 'ipv4') : INTERNAL.check(address, family);
};

/** The host answered no address, or only addresses Rally may not reach; the message is for staff. */
export class ImapHostRefusedError extends Error {}

export interface ResolvedImapHost {
  /** The address to connect to: resolved once here, so a second lookup cannot answer another one (rebinding). */
  address: string;
  /** For TLS: SNI and the certificate's name; undefined when staff gave an address. */
  servername: string | undefined;
  internal: boolean;
}

/**
 * Resolves an IMAP host staff typed. Unless the installation allows private hosts (INBOUND_IMAP_PRIVATE_HOSTS), a
 * host with any internal address is refused: staff of one organisation must not make Rally probe its own network
 * (the test-connection answer would tell open ports from closed ones).
 */
export async function resolveImapHost(host: string, allowInternal: boolean): Promise<ResolvedImapHost> {
  const literal = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(literal)) addresses = [literal];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new ImapHostRefusedError(`The host name ${host} is not known`);
    }
  }
  const internal = addresses.some(isInternalAddress);
  if (internal && !allowInternal)
    throw new ImapHostRefusedError(
      `${host} is a loopback or private address, which this installation does not reach (INBOUND_IMAP_PRIVATE_HOSTS)`,
    );
  return { address: addresses[0]!, servername: isIP(literal) ? undefined : host, internal };
}
