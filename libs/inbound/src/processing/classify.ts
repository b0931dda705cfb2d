import type { BounceClass, InboundKind } from '../entities/inbound-message.entity.js';
import type { RecipientReport } from './delivery-report.js';
import { bounceClassOf, parseDeliveryStatus, statusInText } from './delivery-report.js';
import type { ParsedMessage } from './mime-parse.js';
import { headerValue, headerValues } from './mime-parse.js';

export interface Classification {
  kind: InboundKind;
  /** Why, for logs and for the staff view ("Auto-Submitted: auto-replied", "delivery report"). */
  reason: string;
  /** Bounces only: one per recipient the report or text names (failed and delayed ones). */
  recipients: RecipientReport[];
  /** A bounce read from free text rather than a delivery report: a person should look. */
  needsReview: boolean;
}

/** System senders (RFC 3834 §2 and common practice): never a person answering. */
const SYSTEM_LOCAL_PART = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|bounces?|auto-?reply)$/i;
const BOUNCE_LOCAL_PART = /^(mailer-daemon|postmaster)$/i;

/** Bounce subjects of the relays seen in practice (Postfix, Exim, Exchange, Gmail, Sendmail; en, fr, de, es). */
const BOUNCE_SUBJECT =
  /(undeliver(able|ed)|undelivered mail|delivery (status notification|failure|has failed|problem)|returned (mail|to sender)|failure notice|mail delivery (failed|system|subsystem)|non[- ]?delivery|could not be delivered|message not delivered|nicht zustellbar|unzustellbar|non remis|non distribu|échec de (la )?(remise|distribution)|no se (ha )?(podido|puede) entregar|no entregado)/i;
const BOUNCE_BODY =
  /(could not be delivered|couldn't be delivered|delivery (to the following recipients? )?(has )?failed|permanent (error|fatal errors)|user unknown|no such user|mailbox (unavailable|not found|is full)|address rejected|recipient address rejected|message (was|could) not be delivered|konnte nicht zugestellt|n'a pas pu être remis|no se pudo entregar)/i;

/**
 * Out-of-office and automatic-answer subjects in English, French, Spanish and German, as Outlook, Exchange, Gmail,
 * Thunderbird and the big webmails write them ("Automatic reply:", "Réponse automatique :", "Abwesenheitsnotiz:").
 */
const AUTO_SUBJECT = new RegExp(
  [
    // English
    'out of (the )?office',
    'automatic reply',
    'auto(matic)?[- ]?(reply|response|answer)',
    'autoreply',
    'away from (the |my )?office',
    'on (vacation|holiday|leave)',
    'vacation (reply|message|notice)',
    'absence notice',
    // French
    'réponse automatique',
    'reponse automatique',
    "message d'absence",
    'absen(t|te|ce) du bureau',
    "avis d'absence",
    'en congés?',
    // Spanish
    'respuesta automática',
    'respuesta automatica',
    'fuera de (la )?oficina',
    'mensaje de ausencia',
    'aviso de ausencia',
    'estoy (fuera|ausente|de vacaciones)',
    // German
    'abwesenheitsnotiz',
    'automatische antwort',
    'abwesenheits(nachricht|meldung)',
    'nicht im büro',
    'außer haus',
    'ausser haus',
    'im urlaub',
  ].join('|'),
  'i',
);

const localPart = (address: string | null | undefined): string => (address ?? '').split('@')[0] ?? '';

/** A null return path: SMTP `MAIL FROM:<>` (stored as '' or '<>'), or a `Return-Path: <>` header. */
export function hasNullReturnPath(message: ParsedMessage, envelopeFrom: string | null): boolean {
  if (envelopeFrom !== null && envelopeFrom.replace(/[<>\s]/g, '') === '') return true;
  const returnPath = headerValue(message, 'return-path');
  return returnPath !== undefined && returnPath.replace(/[<>\s]/g, '') === '';
}

/** The reason a message is an automatic answer (RFC 3834 and the usual headers), or null for a person's mail. */
export function autoReplyReason(message: ParsedMessage, envelopeFrom: string | null): string | null {
  const autoSubmitted = headerValue(message, 'auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.split(';')[0]!.trim().toLowerCase() !== 'no')
    return `Auto-Submitted: ${autoSubmitted.slice(0, 60)}`;
  for (const key of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-loop']) {
    const value = headerValue(message, key);
    if (value !== undefined && value.trim().toLowerCase() !== 'no') return `${key} header`;
  }
  const precedence = headerValue(message, 'precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply', 'auto-reply'].includes(precedence))
    return `Precedence: ${precedence}`;
  if (SYSTEM_LOCAL_PART.test(localPart(message.from?.address))) return 'system sender';
  if (hasNullReturnPath(message, envelopeFrom)) return 'null return path';
  if (message.subject && AUTO_SUBJECT.test(message.subject)) return 'automatic-answer subject';
  // X-Auto-Response-Suppress is only a request to others not to answer automatically: a weak signal, not used alone.
  return null;
}

/** The most severe class of a bounce's recipients: what the message as a whole is shown as. */
export function summaryClass(reports: RecipientReport[]): BounceClass {
  const order: BounceClass[] = ['hard', 'policy', 'soft', 'unknown', 'delayed'];
  return order.find((c) => reports.some((r) => r.bounceClass === c)) ?? 'unknown';
}

/** The failed recipients of a bounce that is not an RFC 3464 report: X-Failed-Recipients, or text patterns. */
function textBounce(message: ParsedMessage, envelopeFrom: string | null): Classification | null {
  const failed = headerValues(message, 'x-failed-recipients')
    .flatMap((v) => v.split(','))
    .map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase())
    .filter((a) => a.includes('@'));
  const body = `${message.text ?? ''}`.slice(0, 100_000);
  const systemSender =
    BOUNCE_LOCAL_PART.test(localPart(message.from?.address)) || hasNullReturnPath(message, envelopeFrom);
  const looksBounced = BOUNCE_SUBJECT.test(message.subject ?? '') || BOUNCE_BODY.test(body);
  if (failed.length === 0 && !(systemSender && looksBounced)) return null;
  const found = statusInText(body);
  // Free text is read conservatively: soft unless a relay's own status code says otherwise, and always reviewed.
  const klass: BounceClass = found && failed.length > 0 ? bounceClassOf('failed', found.status, found.line) : 'soft';
  const recipients = (failed.length > 0 ? failed : [null]).map((recipient) => ({
    recipient,
    action: 'failed',
    status: found?.status ?? null,
    diagnostic: found?.line ?? null,
    bounceClass: klass === 'delayed' || klass === 'unknown' ? ('soft' as const) : klass,
  }));
  return {
    kind: 'bounce',
    reason: failed.length > 0 ? 'X-Failed-Recipients' : 'bounce text',
    recipients,
    needsReview: true,
  };
}

/**
 * Classifies whatever address the message came to (auto-replies go to the return path, some relays send bounces to
 * Reply-To): a delivery report, another bounce, an automatic answer, or a person's reply.
 */
export function classify(message: ParsedMessage, envelopeFrom: string | null): Classification {
  const status = message.reportParts.find((p) => p.contentType.endsWith('delivery-status'));
  if (message.contentType === 'multipart/report' && message.reportType === 'delivery-status' && status) {
    const recipients = parseDeliveryStatus(status.text);
    return { kind: 'bounce', reason: 'delivery report', recipients, needsReview: recipients.length === 0 };
  }
  const text = textBounce(message, envelopeFrom);
  if (text) return text;
  const auto = autoReplyReason(message, envelopeFrom);
  if (auto) return { kind: 'auto-reply', reason: auto, recipients: [], needsReview: false };
  return { kind: 'reply', reason: 'person', recipients: [], needsReview: false };
}

/** Mail from Rally's own domains (or their subdomains) is a loop: dropped, never acted on or answered. */
export function isOwnDomain(address: string | null | undefined, ownDomains: readonly string[]): boolean {
  const domain = (address ?? '').split('@')[1]?.trim().toLowerCase().replace(/>$/, '');
  if (!domain) return false;
  return ownDomains.some((own) => domain === own || domain.endsWith(`.${own}`));
}
