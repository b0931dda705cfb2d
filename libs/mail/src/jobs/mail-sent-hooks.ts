import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A message the relay took, as its outbox row was marked sent. */
export interface MailSent {
  outboxId: string;
  organisationId: string | null;
  idempotencyKey: string;
}

/** Called once per mark statement with every row of it the prefix matches (a batch, never one call per message). */
export type MailSentHandler = (sent: MailSent[], at: Date, manager: EntityManager) => Promise<void>;

/**
 * What a feature does when mail it queued was taken by the relay, chosen by the idempotency key's prefix (`letter:`
 * starts the scoreboard's clock). Handlers run in the transaction of the mark statement, so a feature's record of
 * delivery never drifts from the outbox; they get the whole group SentMarks gathered, so a handler costs statements
 * per group, not per message. A group no handler wants is marked by a single statement, as before.
 */
@Injectable()
export class MailSentHooks {
  private readonly handlers = new Map<string, MailSentHandler>();

  register(keyPrefix: string, handler: MailSentHandler): void {
    if (this.handlers.has(keyPrefix)) throw new Error(`A mail sent handler for ${keyPrefix} is registered already`);
    this.handlers.set(keyPrefix, handler);
  }

  /** Whether any of these keys has a handler: groups nobody listens to are marked in one plain statement. */
  wants(keys: (string | undefined)[]): boolean {
    if (this.handlers.size === 0) return false;
    const prefixes = [...this.handlers.keys()];
    return keys.some((k) => k === undefined || prefixes.some((p) => k.startsWith(p)));
  }

  async run(sent: MailSent[], at: Date, manager: EntityManager): Promise<void> {
    for (const [prefix, handler] of this.handlers) {
      const mine = sent.filter((s) => s.idempotencyKey.startsWith(prefix));
      if (mine.length > 0) await handler(mine, at, manager);
    }
  }
}
