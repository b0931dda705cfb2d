import { isIP } from 'node:net';
import type { RallyConfig } from '#rally/core';
import { MAIL_CONFIG } from '../mail.config.js';

export type MailboxExposure = 'served' | 'relay' | 'not-loopback';

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice(7));
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * Captured mail holds password-reset and invitation links, so the local mailbox is served only when mail is
 * captured (no SMTP_URL) and the api listens on a loopback address: never to a network.
 */
export function mailboxExposure(config: RallyConfig): MailboxExposure {
  if (!config.section(MAIL_CONFIG).capture) return 'relay';
  return isLoopbackHost(config.http.host) ? 'served' : 'not-loopback';
}

/** The start-up line that says where mail goes. */
export function mailStartupLine(config: RallyConfig): string {
  switch (mailboxExposure(config)) {
    case 'relay':
      return `Mail relay:             ${new URL(config.section(MAIL_CONFIG).smtpUrl as string).host}`;
    case 'served':
      return `Local mailbox:          ${config.http.publicUrl}/dev/mailbox   (no SMTP_URL: mail is captured here)`;
    case 'not-loopback':
      return `Local mailbox:          not served: HOST=${config.http.host} is not a loopback address and captured mail holds sign-in links (set SMTP_URL, or HOST=127.0.0.1)`;
  }
}
