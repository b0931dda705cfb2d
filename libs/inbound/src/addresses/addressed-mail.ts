import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InjectConfig } from '#rally/core';
import type { LettersConfig } from '#rally/letters';
import { LETTERS_CONFIG } from '#rally/letters';
import type { Classification } from '../processing/classify.js';
import { summaryClass } from '../processing/classify.js';
import type { ParsedMessage } from '../processing/mime-parse.js';
import { recipientHeaderAddresses } from '../processing/threading.js';
import type { InboundAddressKind } from './inbound-address-kinds.js';
import { InboundAddressKinds } from './inbound-address-kinds.js';

interface EnvelopeRow {
  envelope_to: string[];
  token_letter_id: string | null;
}

/**
 * Processing's side of InboundAddressKinds: mail tied to no letter that came to a feature's address goes to the
 * feature, and is then not kept. A supporter's bounce report or unsubscribe mail carries their address and words,
 * which would outlive the supporter's erasure here (the suppression list keeps hashes for that reason), and it is
 * nobody's reply, so never in the triage queue. What it changed is the record (the recipient bounced, the
 * suppression, the consent withdrawn); the log line says it came.
 */
@Injectable()
export class AddressedMail {
  private readonly logger = new Logger('InboundProcess');
  private readonly domain: string;

  constructor(
    private readonly kinds: InboundAddressKinds,
    @InjectConfig(LETTERS_CONFIG) letters: LettersConfig,
  ) {
    this.domain = letters.replyDomain;
  }

  /**
   * The envelope recipient, else Delivered-To / X-Original-To / To / Cc (a webhook or an IMAP mailbox has no
   * envelope): the first feature address whose token verifies now, of this organisation only, takes the message.
   * Null when none does (it goes on as before: the triage queue).
   */
  async take(
    messageId: string,
    organisationId: string,
    row: EnvelopeRow,
    parsed: ParsedMessage,
    classification: Classification,
    now: Date,
    manager: EntityManager,
  ): Promise<'addressed' | null> {
    const found = await this.kinds.find(
      [...row.envelope_to, ...recipientHeaderAddresses(parsed)],
      this.domain,
      organisationId,
      manager,
    );
    if (!found) {
      // Accepted at RCPT for a feature whose row is gone since: not kept either (it is still nobody's reply).
      const gone = this.envelopeKind(row);
      return gone ? this.drop(messageId, gone.prefix, 'gone', classification, manager) : null;
    }
    if (classification.kind === 'loop') return null;
    const outcome = await found.kind.receive(
      {
        organisationId,
        messageId,
        ref: found.owner.ref,
        kind: classification.kind,
        reason: classification.reason,
        recipients: classification.recipients,
        now,
      },
      manager,
    );
    return this.drop(messageId, found.kind.prefix, outcome, classification, manager);
  }

  /**
   * The feature address kind the SMTP envelope named (verified at RCPT), when no letter token came with it. Webhook
   * and IMAP mail has no envelope: only a token that verifies now routes it.
   */
  envelopeKind(row: EnvelopeRow): InboundAddressKind | undefined {
    if (row.token_letter_id) return undefined;
    return row.envelope_to.map((a) => this.kinds.parse(a, this.domain)?.kind).find((k) => k !== undefined);
  }

  async drop(
    messageId: string,
    prefix: string,
    outcome: string,
    classification: Classification | null,
    manager: EntityManager,
  ): Promise<'addressed'> {
    await manager.query(`DELETE FROM inbound_message_chunks WHERE message_id = $1`, [messageId]);
    await manager.query(`DELETE FROM inbound_messages WHERE id = $1`, [messageId]);
    this.logger.log({
      msg: 'inbound message to a feature address',
      messageId,
      address: prefix,
      kind: classification?.kind,
      reason: classification?.reason,
      bounceClass: classification?.kind === 'bounce' ? summaryClass(classification.recipients) : undefined,
      outcome,
    });
    return 'addressed';
  }
}
