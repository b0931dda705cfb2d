import { SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

export const ONE_CLICK_LINK = Symbol('ONE_CLICK_LINK');

/**
 * A link mailed to someone that does something when followed: confirm a signature or a letter, unsubscribe, answer
 * "did they reply?". Corporate link scanners open every link in a mail (GET, sometimes HEAD), so the GET must change
 * nothing: it answers a page with one button, a form POSTing the same URL (works without JavaScript), and only the
 * POST acts. The link's own secret is the credential, so the POST needs no session or CSRF token, which is also what
 * RFC 8058 one-click unsubscribe requires.
 *
 * Mark both handlers; `test/architecture/one-click-links.e2e-spec.ts` checks every marked GET has its POST.
 */
export const OneClickLink = (): MethodDecorator => SetMetadata(ONE_CLICK_LINK, true);

/** Headers of both halves: never cached or indexed, and the secret in the URL never leaves in a Referer. */
export function oneClickHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex');
}

/** What the page's one button needs; a feature's page template renders it as `<form method="post" action>`. */
export interface OneClickAction {
  /** The same path as the GET (relative, so it stays on this origin). */
  url: string;
  label: string;
}
