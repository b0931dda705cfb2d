import type { ImapFlowError, ImapFlowOptions } from 'imapflow';
import { ImapFlow } from 'imapflow';
import type { InboundSource } from '../entities/inbound-source.entity.js';
import { ImapHostRefusedError, resolveImapHost } from './imap-host.js';

/** Where an IMAP mailbox is and how to log in: an inbound source's IMAP fields. */
export interface ImapMailbox {
  host: string;
  port: number;
  secure: boolean;
  username: string;
}

/** Folder names are written with "/" in Rally; imapflow joins the parts with the server's own delimiter. */
export const folderPath = (folder: string): string[] => folder.split('/').filter((p) => p !== '');

export const imapMailboxOf = (s: InboundSource): ImapMailbox => ({
  host: s.host ?? '',
  port: s.port ?? (s.secure ? 993 : 143),
  secure: s.secure,
  username: s.username ?? '',
});

/** TCP and TLS handshake plus greeting: a mailbox host that says nothing in 15 s is down for this poll. */
export const IMAP_CONNECT_TIMEOUT_MS = 15_000;
/** No byte for 60 s mid-poll: the server or the path is stuck; the next tick tries again. */
export const IMAP_SOCKET_TIMEOUT_MS = 60_000;

/**
 * Connects and logs in. TLS from the start with `secure`; otherwise STARTTLS is required, except on a loopback or
 * private address the installation allows, so a password never crosses the internet in clear. The client's
 * 'error' events are swallowed here (the failing command rejects with the same error): an unhandled one would end
 * the worker. `maxBytes` bounds what one server answer may make Rally hold (a hostile server's literal).
 */
export async function connectImap(
  mailbox: ImapMailbox,
  password: string,
  options: { allowInternal: boolean; maxBytes: number },
): Promise<ImapFlow> {
  const host = await resolveImapHost(mailbox.host, options.allowInternal);
  const settings: ImapFlowOptions = {
    host: host.address,
    servername: host.servername,
    port: mailbox.port,
    secure: mailbox.secure,
    doSTARTTLS: mailbox.secure ? undefined : host.internal ? undefined : true,
    auth: { user: mailbox.username, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: IMAP_CONNECT_TIMEOUT_MS,
    greetingTimeout: IMAP_CONNECT_TIMEOUT_MS,
    socketTimeout: IMAP_SOCKET_TIMEOUT_MS,
    maxLiteralSize: options.maxBytes + 64 * 1024,
    maxResponseSize: options.maxBytes + 128 * 1024,
  };
  const client = new ImapFlow(settings);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}

/** Logs out politely when the server still listens, else just closes: never throws. */
export async function closeImap(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await client.logout();
  } catch {
    // the connection is gone either way
  } finally {
    client.close();
  }
}

/** What went wrong with a mailbox, in words an admin can act on (stored as the source's lastError, shown as is). */
export function describeImapError(error: unknown, mailbox: ImapMailbox): string {
  const where = `${mailbox.host}:${mailbox.port}`;
  if (error instanceof ImapHostRefusedError) return error.message;
  const e = error as Partial<ImapFlowError> & { code?: string; message?: string };
  if (e.authenticationFailed)
    return `The server refused the username or password for ${mailbox.username}${serverSays(e)}`;
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT')
    return `The folder "${e.path ?? ''}" does not exist on ${mailbox.host}${serverSays(e)}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Nothing accepts connections at ${where}: check the host and port (993 with TLS, 143 without)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name ${mailbox.host} is not known`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from Rally's network`;
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
    case 'ETIMEDOUT':
      return `No answer from ${where} within ${IMAP_CONNECT_TIMEOUT_MS / 1000} seconds`;
    case 'ETIMEOUT':
      return `${where} stopped answering for ${IMAP_SOCKET_TIMEOUT_MS / 1000} seconds`;
    case 'ECONNRESET':
    case 'EConnectionClosed':
    case 'NoConnection':
    case 'ClosedAfterConnectText':
    case 'ClosedAfterConnectTLS':
      return `${where} closed the connection${mailbox.secure ? ': is it an IMAP server with TLS (usually port 993)?' : ''}`;
  }
  if (/STARTTLS/i.test(e.message ?? ''))
    return `${where} offers no STARTTLS, so the password would travel in clear: turn on "secure" and use its TLS port (usually 993)`;
  if (e.code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return `${where} does not answer with TLS: turn off "secure" for its STARTTLS port (usually 143), or use its TLS port (usually 993)`;
  if (/^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(e.code ?? ''))
    return `The certificate of ${where} is not trusted (${e.code}): the server must present a valid certificate for ${mailbox.host}`;
  if (e.tlsFailed || /^ERR_SSL/.test(e.code ?? ''))
    return `The TLS connection to ${where} failed (${e.code ?? e.message}): check "secure" and the port (993 with TLS, 143 with STARTTLS)`;
  return `IMAP error from ${where}: ${e.message ?? String(error)}${serverSays(e)}`;
}

const serverSays = (e: Partial<ImapFlowError>): string =>
  e.responseText ? ` (the server said: ${e.responseText.slice(0, 200)})` : '';
