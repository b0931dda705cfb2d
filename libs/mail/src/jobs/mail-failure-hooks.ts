import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A message the relay refused for good: a 5xx, or 4xx answers (or no answer) until the attempts ran out. */
export interface MailFailure {
  outboxId: string;
  organisationId: string | null;
  idempotencyKey: string;
  recipient: string;
  /** true: the relay answered 5xx; false: it kept refusing for now until MAX_SEND_ATTEMPTS. */
  permanent: boolean;
  responseCode: number | null;
  /** The relay's reply ("550 5.1.1 <x@y>: Recipient address rejected"), or the error when there was none. */
  response: string;
  at: Date;
}

export type MailFailureHandler = (failure: MailFailure, manager: EntityManager) => Promise<void>;

/**
 * What a feature does when mail it queued fails for good, chosen by the idempotency key's prefix (`letter:`): a
 * letter's address learns from the relay's refusal as it would from a bounce. Handlers run in the transaction that
 * marks the outbox row failed: a worker dying between the two leaves neither, the lease runs out and the send is
 * tried again. The mail library stays below the features: they register here, it never imports them.
 */
@Injectable()
export class MailFailureHooks {
  private readonly handlers = new Map<string, MailFailureHandler>();

  register(keyPrefix: string, handler: MailFailureHandler): void {
    if (this.handlers.has(keyPrefix)) throw new Error(`A mail failure handler for ${keyPrefix} is registered already`);
    this.handlers.set(keyPrefix, handler);
  }

  async run(failure: MailFailure, manager: EntityManager): Promise<void> {
    for (const [prefix, handler] of this.handlers)
      if (failure.idempotencyKey.startsWith(prefix)) await handler(failure, manager);
  }
}
