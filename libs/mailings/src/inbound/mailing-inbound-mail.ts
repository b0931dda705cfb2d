import type { OnModuleInit } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, sqlRow } from '#rally/core';
import type { AddressedMessage, AddressOwner } from '#rally/inbound';
import { InboundAddressKinds } from '#rally/inbound';
import type { LettersConfig } from '#rally/letters';
import { LETTERS_CONFIG } from '#rally/letters';
import { SuppressionList } from '../suppression/suppression-list.js';
import { UnsubscribeService } from '../unsubscribe/unsubscribe.service.js';
import type { MailingAddressPurpose, MailingAddresses } from './mailing-addresses.js';
import { MAILING_RETURN_PREFIX, MAILING_UNSUBSCRIBE_PREFIX, mailingAddressesOf } from './mailing-addresses.js';

/**
 * Mail that comes back to a mailing, through inbound (registered as two address kinds, so inbound never imports
 * mailings). At the return path: a hard bounce (5.1.x and the other permanent codes the classifier calls hard) marks
 * the recipient bounced and suppresses the address, once however often the report arrives; a soft bounce, a policy
 * block or a delay changes nothing (the next mailing simply tries again: one full mailbox says little, and a supporter
 * has no other address to move to); automatic answers and anything else are ignored. At the unsubscribe address:
 * whatever it says, the recipient is unsubscribed exactly as by the one-click POST (a delivery report there is no
 * supporter's wish and is ignored).
 */
@Injectable()
export class MailingInboundMail implements OnModuleInit {
  private readonly logger = new Logger('MailingInbound');
  private readonly addresses: MailingAddresses;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly kinds: InboundAddressKinds,
    private readonly suppression: SuppressionList,
    private readonly unsubscribes: UnsubscribeService,
    @InjectConfig() config: RallyConfig,
    @InjectConfig(LETTERS_CONFIG) letters: LettersConfig,
  ) {
    this.addresses = mailingAddressesOf(config, letters);
  }

  onModuleInit(): void {
    this.kinds.register({
      prefix: MAILING_RETURN_PREFIX,
      resolve: (token, manager) => this.owner('return', token, manager),
      receive: (message, manager) => this.returned(message, manager),
    });
    this.kinds.register({
      prefix: MAILING_UNSUBSCRIBE_PREFIX,
      resolve: (token, manager) => this.owner('unsubscribe', token, manager),
      receive: (message, manager) => this.unsubscribe(message, manager),
    });
  }

  private async owner(
    purpose: MailingAddressPurpose,
    token: string,
    manager: EntityManager = this.db.manager,
  ): Promise<AddressOwner | null> {
    const recipientId = this.addresses.verify(purpose, token);
    if (!recipientId) return null;
    const row = await sqlRow<{ organization_id: string }>(
      manager,
      `SELECT organization_id FROM mailing_recipients WHERE id = $1`,
      [recipientId],
    );
    return row ? { organisationId: row.organization_id, ref: recipientId } : null;
  }

  private async returned(message: AddressedMessage, manager: EntityManager): Promise<string> {
    if (message.kind !== 'bounce') return 'ignored';
    // VERP names the one message and its one recipient: the report's own recipient line may name a forward.
    if (!message.recipients.some((r) => r.bounceClass === 'hard')) return 'not-hard';
    const recipient = await sqlRow<{ run_id: string; email: string }>(
      manager,
      `UPDATE mailing_recipients SET status = 'bounced'
        WHERE id = $1 AND organization_id = $2 AND status IN ('handed', 'bounced')
        RETURNING run_id, email`,
      [message.ref, message.organisationId],
    );
    if (!recipient) return 'not-handed';
    const added = await this.suppression.suppress(
      { organisationId: message.organisationId },
      recipient.email,
      'hard-bounce',
      recipient.run_id,
      manager,
    );
    this.logger.log({
      msg: 'mailing recipient hard-bounced',
      recipientId: message.ref,
      runId: recipient.run_id,
      added,
    });
    return added ? 'suppressed' : 'suppressed-already';
  }

  private async unsubscribe(message: AddressedMessage, manager: EntityManager): Promise<string> {
    if (message.kind === 'bounce') return 'ignored';
    const link = await this.unsubscribes.link(message.ref, manager);
    if (!link || link.organisationId !== message.organisationId) return 'gone';
    return (await this.unsubscribes.unsubscribe(link, manager)) ? 'unsubscribed' : 'unsubscribed-already';
  }
}
