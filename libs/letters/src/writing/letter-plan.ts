import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Who the previewed letters went to and which subject each drew: what "send" must keep. */
export interface LetterPlan {
  targetIds: string[];
  subjectIndexes: number[];
}

/**
 * The preview's choices, carried by the preview form to the send: a random sample or subject drawn again at send
 * would send something other than what the supporter read. Signed and bound to the action and to what routing looked
 * at (email, country, region, postcode), so a forged or moved plan cannot choose targets; a bad one is ignored and
 * routing runs again.
 */
export class LetterPlans {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, '', 'rally:letter-plan', 32));
  }

  sign(plan: LetterPlan, bound: string[]): string {
    const body = Buffer.from(JSON.stringify([plan.targetIds, plan.subjectIndexes])).toString('base64url');
    return `${body}.${this.mac(body, bound)}`;
  }

  open(token: unknown, bound: string[]): LetterPlan | null {
    if (typeof token !== 'string' || token.length > 20_000) return null;
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const given = Buffer.from(mac, 'base64url');
    const expected = Buffer.from(this.mac(body, bound), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const [targetIds, subjectIndexes] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [
        unknown,
        unknown,
      ];
      if (!Array.isArray(targetIds) || !Array.isArray(subjectIndexes) || targetIds.length !== subjectIndexes.length)
        return null;
      if (!targetIds.every((t) => typeof t === 'string') || !subjectIndexes.every((i) => Number.isInteger(i)))
        return null;
      return { targetIds: targetIds as string[], subjectIndexes: subjectIndexes as number[] };
    } catch {
      return null;
    }
  }

  private mac(body: string, bound: string[]): string {
    return createHmac('sha256', this.key)
      .update(JSON.stringify(bound))
      .update('\n')
      .update(body)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
