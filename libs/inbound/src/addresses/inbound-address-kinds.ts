import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InboundKind } from '../entities/inbound-message.entity.js';
import type { RecipientReport } from '../processing/delivery-report.js';
import { bareAddress } from '../processing/threading.js';

/** The letters' own local parts: inbound threads those itself, so no feature may claim them. */
const LETTER_PREFIXES = new Set(['reply', 'bounce']);
const PREFIX = /^[a-z][a-z0-9-]{1,23}$/;
/** Lower-case letters and digits only: mail systems may change the case of a local part (64 chars at most). */
const LOCAL_PART = /^([a-z][a-z0-9-]{1,23})\+([a-z0-9]{1,56})$/;

/** Whom a verified token names: the organisation (checked against the message's) and the feature's own id. */
export interface AddressOwner {
  organisationId: string;
  ref: string;
}

/** A processed message that came to a feature's address, as the feature's handler gets it. */
export interface AddressedMessage {
  organisationId: string;
  messageId: string;
  /** What the owner's token named (AddressOwner.ref). */
  ref: string;
  /** The classifier's verdict: a delivery report, an automatic answer or a person's mail. */
  kind: Exclude<InboundKind, 'loop'>;
  reason: string;
  /** Bounces: each recipient the report names. */
  recipients: RecipientReport[];
  now: Date;
}

/**
 * One kind of address a feature owns at the reply domain: `<prefix>+<token>@<reply domain>`. `resolve` verifies the
 * token (a MAC, in constant time) and finds what it names, else null whatever was wrong; it runs at RCPT time in the
 * SMTP process (no manager) and again in processing (in its transaction). `receive` acts on the message in the
 * transaction that processes it, and must be idempotent: the same report may arrive twice. It answers one word for
 * the log line (`suppressed`, `ignored`...).
 */
export interface InboundAddressKind {
  prefix: string;
  resolve(token: string, manager?: EntityManager): Promise<AddressOwner | null>;
  receive(message: AddressedMessage, manager: EntityManager): Promise<string>;
}

export interface FoundAddress {
  kind: InboundAddressKind;
  owner: AddressOwner;
}

/**
 * The address kinds features register (mailings: its return path and its mailto unsubscribe), so inbound accepts and
 * routes mail to them without importing the features, like InboundReplyHooks. Letters' `reply+`/`bounce+` addresses
 * stay inbound's own business and are looked at first; a registered kind's mail is handed to its feature and never
 * threaded to a letter or shown in the triage queue.
 */
@Injectable()
export class InboundAddressKinds {
  private readonly kinds = new Map<string, InboundAddressKind>();

  register(kind: InboundAddressKind): void {
    if (!PREFIX.test(kind.prefix) || LETTER_PREFIXES.has(kind.prefix))
      throw new Error(`"${kind.prefix}" cannot be an inbound address prefix`);
    if (this.kinds.has(kind.prefix)) throw new Error(`The inbound address prefix ${kind.prefix} is registered already`);
    this.kinds.set(kind.prefix, kind);
  }

  /** The registered kind and token of an address at the domain ("Name <a@b>" taken too), unverified; else null. */
  parse(address: string, domain: string): { kind: InboundAddressKind; token: string } | null {
    const bare = bareAddress(address);
    const at = bare.lastIndexOf('@');
    if (at < 1 || bare.slice(at + 1) !== domain.toLowerCase()) return null;
    const local = LOCAL_PART.exec(bare.slice(0, at));
    const kind = local ? this.kinds.get(local[1]!) : undefined;
    return kind ? { kind, token: local![2]! } : null;
  }

  /** The first of the addresses whose token verifies and names something (of `organisationId`, when given). */
  async find(
    addresses: readonly string[],
    domain: string,
    organisationId: string | null,
    manager?: EntityManager,
  ): Promise<FoundAddress | null> {
    for (const address of addresses) {
      const parsed = this.parse(address, domain);
      if (!parsed) continue;
      const owner = await parsed.kind.resolve(parsed.token, manager);
      if (owner && (organisationId === null || owner.organisationId === organisationId))
        return { kind: parsed.kind, owner };
    }
    return null;
  }
}
