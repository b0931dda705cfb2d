import { UnauthenticatedError } from '#rally/core';

/** A message over INBOUND_MAX_BYTES: refused (SMTP 552, HTTP 413) and nothing of it kept. */
export class InboundMessageTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Message larger than ${maxBytes} bytes`);
    this.name = 'InboundMessageTooLargeError';
  }
}

/**
 * A webhook request that does not prove it comes from the provider: no or a malformed signature, a timestamp outside
 * the allowed skew, a signature already used, or one that does not match the body. All answer 401; the code says which.
 */
export class InboundWebhookRefusedError extends UnauthenticatedError {
  constructor(reason: 'signature_missing' | 'timestamp_stale' | 'signature_replayed' | 'signature_invalid') {
    super(`webhook_${reason}`, WEBHOOK_REFUSALS[reason]);
  }
}

const WEBHOOK_REFUSALS = {
  signature_missing: 'X-Rally-Timestamp (unix seconds) and X-Rally-Signature (hex HMAC-SHA256) are required',
  timestamp_stale: 'X-Rally-Timestamp is too far from now: sign each request when it is sent',
  signature_replayed: 'This signature was already used: sign each request afresh',
  signature_invalid: 'X-Rally-Signature does not match the body',
};
