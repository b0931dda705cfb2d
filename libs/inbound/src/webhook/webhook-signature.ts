import { createHmac, timingSafeEqual } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { TtlCache } from '#rally/core';
import { InboundWebhookRefusedError } from '../inbound.exception.js';

const SIGNATURE = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;
/**
 * Signatures seen, per api process. 100,000 entries of ~150 bytes bound it near 15 MB; only the provider can make a
 * signature that verifies, so only its own traffic (not a flood of forgeries) can fill it.
 */
const SEEN_MAX = 100_000;

/**
 * A provider webhook proves itself with `X-Rally-Timestamp` (unix seconds) and `X-Rally-Signature`, the hex
 * HMAC-SHA256 under the source's secret of `${timestamp}.` followed by the raw body. A timestamp further than the
 * skew from now is refused, and so is a signature already used within that window.
 *
 * The replay memory is per api process: behind a load balancer a replay that reaches another process within the
 * window is not caught here (a unique constraint would catch it, but the schema has no table for signatures). What
 * that lets through is the same message again, which processing records once (one record per Message-ID and
 * content hash), so the limit costs a duplicate row in `received`, never a second reply on a letter.
 */
export class WebhookReplayGuard {
  private readonly seen: TtlCache<string, true>;

  constructor(private readonly maxSkewSeconds: number) {
    // Twice the skew: a timestamp up to `skew` ahead of now is accepted until `skew` after it.
    this.seen = new TtlCache({ max: SEEN_MAX, ttlMs: 2 * maxSkewSeconds * 1000 });
  }

  /** Checks the headers before the body is read; returns the verifier the body goes through. */
  begin(
    sourceId: string,
    secret: string,
    timestampHeader: unknown,
    signatureHeader: unknown,
    nowMs: number,
  ): WebhookVerifier {
    const timestamp = typeof timestampHeader === 'string' ? timestampHeader.trim() : '';
    const signature = typeof signatureHeader === 'string' ? signatureHeader.trim().toLowerCase() : '';
    if (!TIMESTAMP.test(timestamp) || !SIGNATURE.test(signature))
      throw new InboundWebhookRefusedError('signature_missing');
    if (Math.abs(nowMs / 1000 - Number(timestamp)) > this.maxSkewSeconds)
      throw new InboundWebhookRefusedError('timestamp_stale');
    const key = `${sourceId}:${signature}`;
    if (this.seen.get(key, nowMs)) throw new InboundWebhookRefusedError('signature_replayed');
    return new WebhookVerifier(secret, timestamp, signature, () => {
      // Checked again at the end: two copies of one request in flight at once store only the first to finish.
      if (this.seen.get(key, nowMs)) throw new InboundWebhookRefusedError('signature_replayed');
      this.seen.set(key, true, nowMs);
    });
  }
}

/** Hashes the body as it streams through; `verify()` (before the stored message commits) compares. */
export class WebhookVerifier {
  private readonly hmac;

  constructor(
    secret: string,
    timestamp: string,
    private readonly signature: string,
    private readonly markUsed: () => void,
  ) {
    this.hmac = createHmac('sha256', secret).update(`${timestamp}.`);
  }

  through(body: Readable): Readable {
    const hmac = this.hmac;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hmac.update(chunk);
        done(null, chunk);
      },
    });
    body.on('error', (error) => hashing.destroy(error));
    return body.pipe(hashing);
  }

  verify(): void {
    const expected = this.hmac.digest();
    if (!timingSafeEqual(expected, Buffer.from(this.signature, 'hex')))
      throw new InboundWebhookRefusedError('signature_invalid');
    this.markUsed();
  }
}
