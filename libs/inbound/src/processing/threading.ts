import type { LetterTokenPurpose } from '#rally/letters';
import type { ParsedMessage } from './mime-parse.js';
import { headerBlock, headerValues } from './mime-parse.js';

export interface AddressToken {
  purpose: Extract<LetterTokenPurpose, 'reply' | 'bounce'>;
  token: string;
}

/** A bare address from a header or envelope value: "Name <a@b>" -> a@b, lower case. */
export function bareAddress(value: string): string {
  const angle = /<([^<>]*)>/.exec(value);
  return (angle ? angle[1]! : value).trim().toLowerCase();
}

/**
 * The `reply+TOKEN` / `bounce+TOKEN` local parts among addresses at the reply domain, in the order given. Other
 * domains are ignored: a token is only Rally's when it arrived at Rally's reply domain.
 */
export function letterTokens(addresses: readonly string[], replyDomain: string): AddressToken[] {
  const domain = replyDomain.toLowerCase();
  return addresses.flatMap((raw) => {
    const address = bareAddress(raw);
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1) !== domain) return [];
    const m = /^(reply|bounce)\+([a-z0-9]{1,64})$/.exec(address.slice(0, at));
    return m ? [{ purpose: m[1] as AddressToken['purpose'], token: m[2]! }] : [];
  });
}

/** The recipient headers a token may be found in, after the envelope: Delivered-To, X-Original-To, To, Cc. */
export function recipientHeaderAddresses(message: ParsedMessage): string[] {
  return [
    ...headerValues(message, 'delivered-to'),
    ...headerValues(message, 'x-original-to'),
    ...message.to,
    ...message.cc,
  ];
}

/** Message-IDs (with their angle brackets) in an In-Reply-To or References value; at most the last 50. */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...value.matchAll(/<[^<>\s]{1,250}>/g)].map((m) => m[0]).slice(-50);
}

/** In-Reply-To first (the message answered), then References newest first. */
export function referencedMessageIds(message: ParsedMessage): string[] {
  const ids = [...messageIdsIn(message.inReplyTo), ...messageIdsIn(message.references).reverse()];
  return [...new Set(ids)];
}

/** The Message-ID of the message a bounce returns (its message/rfc822 part or text/rfc822-headers part). */
export function returnedMessageId(message: ParsedMessage): string | null {
  for (const part of message.reportParts) {
    if (!/rfc822|headers|global$/.test(part.contentType)) continue;
    const id = headerBlock(part.text).find((h) => h.key === 'message-id')?.value;
    const [first] = messageIdsIn(id);
    if (first) return first;
  }
  return null;
}

/** The recipient addresses of a returned message's headers (bounce+ / reply+ tokens may stand in them). */
export function returnedAddresses(message: ParsedMessage): string[] {
  return message.reportParts.flatMap((part) =>
    headerBlock(part.text)
      .filter((h) => h.key === 'reply-to' || h.key === 'return-path')
      .map((h) => h.value),
  );
}
