import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, JobHandler, sqlRows } from '#rally/core';
import type { MailRequest } from '#rally/mail';
import { MailService } from '#rally/mail';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';
import { PetitionJob } from '../petitions.jobs.js';
import { SIGNATURE_ALREADY_MAIL, SIGNATURE_CONFIRM_MAIL } from '../mail/petition-mail.templates.js';
import { MAX_RESIGN_NOTICES } from '../signing/signature-writer.js';

const BATCH = 500;
/** The confirmation and two reminders. */
const MAX_CONFIRMATION_MAILS = 3;

interface DueRow {
  id: string;
  organization_id: string;
  email: string;
  first_name: string;
  language: string;
  status: 'pending' | 'confirmed';
  confirm_token: string | null;
  mails_sent: number;
  resign_count: number;
  resign_notified: number;
  slug: string;
  title: string;
  petition_status: string;
}

interface Decision {
  mail?: MailRequest<object>;
  mailsSent: number;
  resignNotified: number;
  /** Seconds from now until the next mail is owed, or null when nothing more is owed. */
  nextInSeconds: number | null;
}

/**
 * Stages every signer mail owed (confirmation, reminders, "already signed"), so the sign request itself only inserts
 * a row. Rows are claimed with SKIP LOCKED and updated in the transaction that writes the outbox rows, and every mail
 * has an idempotency key: a crash or a second worker never sends one twice.
 */
@Injectable()
export class SignatureMailJob {
  private readonly logger = new Logger('SignatureMail');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    @InjectConfig() private readonly config: RallyConfig,
    @InjectConfig(PETITIONS_CONFIG) private readonly petitions: PetitionsConfig,
  ) {}

  @JobHandler(PetitionJob.SignatureMail, { everyMs: (config) => config.section(PETITIONS_CONFIG).signatureMailPollMs })
  async handle(): Promise<{ staged: number }> {
    let staged = 0;
    // Drain in batches so a burst is mailed in one tick, not one batch per tick.
    for (let round = 0; round < 20; round++) {
      const { rows, outboxIds } = await this.stageBatch();
      staged += outboxIds.length;
      await this.mail.dispatch(outboxIds);
      if (rows < BATCH) break;
    }
    if (staged) this.logger.debug?.({ msg: 'signature mails staged', staged });
    return { staged };
  }

  private async stageBatch(): Promise<{ rows: number; outboxIds: string[] }> {
    return this.db.transaction(async (manager) => {
      const due = await sqlRows<DueRow>(
        manager,
        `SELECT s.id, s.organization_id, s.email, s.first_name, s.language, s.status, s.confirm_token, s.mails_sent, s.resign_count, s.resign_notified,
                p.slug, p.title, p.status AS petition_status
         FROM signatures s JOIN petitions p ON p.id = s.petition_id
         WHERE s.next_mail_at <= now() ORDER BY s.next_mail_at LIMIT $1 FOR UPDATE OF s SKIP LOCKED`,
        [BATCH],
      );
      if (due.length === 0) return { rows: 0, outboxIds: [] };
      const decisions = due.map((row) => ({ row, decision: this.decide(row) }));
      const byOrg = new Map<string, MailRequest<object>[]>();
      for (const { row, decision } of decisions) {
        if (!decision.mail) continue;
        const list = byOrg.get(row.organization_id) ?? [];
        list.push(decision.mail);
        byOrg.set(row.organization_id, list);
      }
      const outboxIds: string[] = [];
      for (const [organisationId, requests] of byOrg)
        outboxIds.push(...(await this.mail.stage({ organisationId }, requests, manager)));
      await manager.query(
        `UPDATE signatures s SET mails_sent = d.mails_sent, resign_notified = d.resign_notified,
                next_mail_at = CASE WHEN d.next_in IS NULL THEN NULL ELSE now() + make_interval(secs => d.next_in) END
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS d(id, mails_sent, resign_notified, next_in)
         WHERE s.id = d.id`,
        [
          decisions.map((d) => d.row.id),
          decisions.map((d) => d.decision.mailsSent),
          decisions.map((d) => d.decision.resignNotified),
          decisions.map((d) => d.decision.nextInSeconds),
        ],
      );
      return { rows: due.length, outboxIds };
    });
  }

  /** What this signer is owed now, from the row alone (so a re-run decides the same). */
  decide(row: DueRow): Decision {
    const base = this.config.http.publicUrl;
    const reminderIn = this.petitions.reminderSeconds;
    const done = { mailsSent: row.mails_sent, resignNotified: row.resign_count, nextInSeconds: null };
    const petitionUrl = `${base}/p/${row.slug}`;
    const signedAgain = row.resign_count > row.resign_notified && row.resign_count <= MAX_RESIGN_NOTICES;

    if (row.status === 'confirmed') {
      if (!signedAgain) return done;
      return {
        ...done,
        mail: {
          to: row.email,
          template: SIGNATURE_ALREADY_MAIL,
          language: row.language,
          idempotencyKey: `signature-already:${row.id}:${row.resign_count}`,
          data: { firstName: row.first_name, petitionTitle: row.title, petitionUrl },
        },
      };
    }
    // A petition that is no longer open cannot count this signature: stop writing to the person.
    if (row.petition_status !== 'open' || !row.confirm_token) return done;
    const confirmUrl = `${petitionUrl}/confirm/${row.id}/${row.confirm_token}`;
    const confirmMail = (key: string, reminder: boolean): MailRequest<object> => ({
      to: row.email,
      template: SIGNATURE_CONFIRM_MAIL,
      language: row.language,
      idempotencyKey: `signature-confirm:${row.id}:${key}`,
      data: { firstName: row.first_name, petitionTitle: row.title, confirmUrl, reminder },
    });
    if (row.mails_sent === 0)
      return {
        mail: confirmMail('0', false),
        mailsSent: 1,
        resignNotified: row.resign_count,
        nextInSeconds: reminderIn,
      };
    const next = row.mails_sent < MAX_CONFIRMATION_MAILS ? reminderIn : null;
    // Signed again while still pending: the page said "check your email", so send the link again now.
    if (signedAgain)
      return {
        mail: confirmMail(`again-${row.resign_count}`, false),
        mailsSent: row.mails_sent,
        resignNotified: row.resign_count,
        nextInSeconds: next,
      };
    if (row.mails_sent < MAX_CONFIRMATION_MAILS) {
      const sent = row.mails_sent + 1;
      return {
        mail: confirmMail(String(row.mails_sent), true),
        mailsSent: sent,
        resignNotified: row.resign_count,
        nextInSeconds: sent < MAX_CONFIRMATION_MAILS ? reminderIn : null,
      };
    }
    return done;
  }
}
