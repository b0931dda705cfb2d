import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, requireSecretKey } from '#rally/core';
import type { ReplyCheckAnswer } from './entities/reply-check.entity.js';

const TOKEN_BYTES = 18;

/**
 * The secret of a question's links: a MAC of its id with a key derived from SECRET_KEY, so nothing secret is stored
 * and the reminder can carry the same links as the first mail. 144 bits: guessing one is not a plan.
 */
@Injectable()
export class ReplyCheckLinks {
  private readonly key: Buffer;
  private readonly publicUrl: string;

  constructor(@InjectConfig() config: RallyConfig) {
    this.key = Buffer.from(hkdfSync('sha256', requireSecretKey(config), '', 'rally reply-check links', 32));
    this.publicUrl = config.http.publicUrl;
  }

  token(checkId: string): string {
    return createHmac('sha256', this.key).update(checkId).digest().subarray(0, TOKEN_BYTES).toString('base64url');
  }

  verify(checkId: string, token: string): boolean {
    const expected = Buffer.from(this.token(checkId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  answerPath(checkId: string, answer: ReplyCheckAnswer): string {
    return `/reply-check/${checkId}/${this.token(checkId)}/answer/${answer}`;
  }

  optOutPath(checkId: string): string {
    return `/reply-check/${checkId}/${this.token(checkId)}/opt-out`;
  }

  url(path: string): string {
    return `${this.publicUrl}${path}`;
  }
}
