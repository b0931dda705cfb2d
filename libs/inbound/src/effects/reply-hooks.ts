import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InboundAddressKinds } from '../addresses/inbound-address-kinds.js';

/** A person's reply tied to a letter: by processing (the token, headers) or by staff from the triage queue. */
export interface CapturedReply {
  organisationId: string;
  messageId: string;
  letterId: string;
  targetId: string;
  actionId: string;
}

export type CapturedReplyHandler = (reply: CapturedReply, manager: EntityManager) => Promise<void>;

/**
 * What features above inbound do when a human reply is threaded to a letter (responses drafts one to classify).
 * Handlers run in the transaction that threads the message, so a worker dying between the two leaves neither and
 * the message is processed again; they must be idempotent per message (triage may tie a message processing left
 * unthreaded). Inbound never imports the features: they register here, like the mail library's MailFailureHooks.
 */
@Injectable()
export class InboundReplyHooks {
  private readonly handlers = new Map<string, CapturedReplyHandler>();

  register(feature: string, handler: CapturedReplyHandler): void {
    if (this.handlers.has(feature)) throw new Error(`A captured-reply handler for ${feature} is registered already`);
    this.handlers.set(feature, handler);
  }

  async run(reply: CapturedReply, manager: EntityManager): Promise<void> {
    for (const handler of this.handlers.values()) await handler(reply, manager);
  }
}

/**
 * One instance of each per process, shared by inbound (which runs the hooks and routes mail to the address kinds) and
 * the features that register.
 */
@Module({ providers: [InboundReplyHooks, InboundAddressKinds], exports: [InboundReplyHooks, InboundAddressKinds] })
export class InboundHooksModule {}
