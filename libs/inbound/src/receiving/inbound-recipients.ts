import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, sqlRow } from '#rally/core';
import type { LettersConfig } from '#rally/letters';
import { LetterAddresses, LETTERS_CONFIG, letterAddressesOf } from '#rally/letters';
import { InboundAddressKinds } from '../addresses/inbound-address-kinds.js';

export interface InboundRecipient {
  /** `reply`/`bounce` for a letter's addresses, else the prefix of a feature's registered address kind. */
  purpose: string;
  /** The letter a letter address names; null for a feature's address. */
  letterId: string | null;
  organisationId: string;
}

const LOCAL_PART = /^(reply|bounce)\+([a-z0-9]{1,64})$/;

/**
 * Which letter an envelope recipient names: `reply+TOKEN@<reply domain>` or `bounce+TOKEN@...` whose token verifies
 * for that purpose (case-insensitive) and whose letter exists; or which feature's address (InboundAddressKinds) whose
 * token verifies and names something. Anything else is null, whatever was wrong with it, so the SMTP server gives one
 * answer to every bad address and tokens cannot be probed.
 */
@Injectable()
export class InboundRecipients {
  private readonly addresses: LetterAddresses;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() config: RallyConfig,
    @InjectConfig(LETTERS_CONFIG) letters: LettersConfig,
    private readonly kinds: InboundAddressKinds,
  ) {
    this.addresses = letterAddressesOf(config, letters);
  }

  get replyDomain(): string {
    return this.addresses.domain;
  }

  async resolve(address: string): Promise<InboundRecipient | null> {
    const at = address.lastIndexOf('@');
    if (at < 1 || address.slice(at + 1).toLowerCase() !== this.addresses.domain) return null;
    const local = LOCAL_PART.exec(address.slice(0, at).toLowerCase());
    if (!local) {
      const found = await this.kinds.find([address], this.addresses.domain, null);
      return found ? { purpose: found.kind.prefix, letterId: null, organisationId: found.owner.organisationId } : null;
    }
    const purpose = local[1] as 'reply' | 'bounce';
    const letterId = this.addresses.verify(purpose, local[2]);
    if (!letterId) return null;
    const letter = await sqlRow<{ organization_id: string }>(
      this.db,
      // A revoked reply address is refused like a forged token: the sender learns nothing more. Its bounce address
      // still takes the reports of the letter's own sending.
      `SELECT organization_id FROM letters l
        WHERE l.id = $1
          AND ($2 <> 'reply' OR NOT EXISTS (SELECT 1 FROM reply_address_revocations r WHERE r.letter_id = l.id))`,
      [letterId, purpose],
    );
    return letter ? { purpose, letterId, organisationId: letter.organization_id } : null;
  }
}
