import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig, StampCheck } from '#rally/core';
import {
  Clock,
  dayIn,
  FormStamp,
  InjectConfig,
  JobQueue,
  randomToken,
  requireSecretKey,
  sqlRow,
  sqlRows,
} from '#rally/core';
import { isUuid } from '#rally/access';
import { MailService } from '#rally/mail';
import type { ConfirmedActionRow } from '#rally/supporters';
import { SupporterService, supporterActionOf } from '#rally/supporters';
import { LetterAddresses, letterAddressesOf } from '../delivery/letter-addresses.js';
import { requestDispatch } from '../delivery/letter-dispatcher.js';
import type { LettersConfig } from '../letters.config.js';
import { LETTERS_CONFIG } from '../letters.config.js';
import { lettersText } from '../letters.i18n.js';
import { LETTER_CONFIRM_MAIL, LETTER_COPY_MAIL } from '../mail/letter-mail.templates.js';
import { LetterRouter } from '../routing/letter-router.js';
import { LetterTemplates } from '../template/letter-templates.js';
import type { ComposedLetter } from './letter-composer.js';
import { composeLetters, letterContext, templateFor } from './letter-composer.js';
import type { LetterInput } from './letter-input.js';
import { LetterPlans } from './letter-plan.js';
import type { PublicLetterAction } from './public-letter-actions.js';

export type Prepared =
  | { kind: 'letters'; letters: ComposedLetter[]; region: string | null; plan: string }
  | { kind: 'invalid'; fields: Record<string, string[]> };

export type ConfirmOutcome = 'confirmed' | 'invalid' | 'action-closed';

/** Confirmation mail and one reminder; a repeat send while still pending may bring the total to this. */
const MAX_CONFIRMATION_MAILS = 3;
/** Personal text shorter than this is too short to call a copy ("Please act now."). */
const SIMILARITY_MIN_CHARS = 60;
/** How far back near-identical letters of other supporters are looked for. */
const SIMILARITY_WINDOW_DAYS = 30;

/** Whether an action takes letters now: open, or a draft its campaigners are testing. */
export function acceptsLetters(action: { status: string; testMode: boolean }): boolean {
  return action.status === 'open' || (action.status === 'draft' && action.testMode);
}

/**
 * The supporter's own words reduced to what a copy keeps: no names, case, digits, punctuation or spacing. Two
 * personalised letters with the same key are the same text with cosmetic changes, held for review rather than
 * refused (a group may honestly share a paragraph). A locked letter with no personal text has no key.
 */
export function similarityKey(
  input: Pick<LetterInput, 'paragraph' | 'letter' | 'firstName' | 'lastName'>,
): string | null {
  let text = `${input.paragraph}\n${input.letter ?? ''}`.toLowerCase();
  for (const name of [input.firstName, input.lastName].filter((n) => n.trim().length > 1))
    text = text.split(name.toLowerCase()).join(' ');
  const core = text.normalize('NFKD').replace(/[^\p{L}]+/gu, '');
  if (core.length < SIMILARITY_MIN_CHARS) return null;
  return createHash('sha256').update(core).digest('base64url');
}

/** From a submitted letter form to stored letters awaiting confirmation, and from a followed link to queued ones. */
@Injectable()
export class LetterWritingService {
  private readonly stamps: FormStamp;
  private readonly plans: LetterPlans;
  readonly addresses: LetterAddresses;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly router: LetterRouter,
    private readonly templates: LetterTemplates,
    private readonly supporters: SupporterService,
    private readonly mail: MailService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: RallyConfig,
    @InjectConfig(LETTERS_CONFIG) private readonly letters: LettersConfig,
  ) {
    const key = requireSecretKey(config);
    this.stamps = new FormStamp(key, 'letter-form');
    this.plans = new LetterPlans(key);
    this.addresses = letterAddressesOf(config, letters);
  }

  consentWording(ctx: PublicLetterAction): string {
    return lettersText.t(ctx.action.language, 'letters:consent', { organisation: ctx.organisationName });
  }

  issueStamp(): string {
    return this.stamps.issue(this.clock.now().getTime());
  }

  checkStamp(stamp: unknown): StampCheck {
    return this.stamps.check(stamp, this.letters.minFillSeconds * 1000, this.clock.now().getTime());
  }

  /** The editable part as the page shows it before anyone is known (campaign, organisation, recommendations only). */
  defaultLetter(ctx: PublicLetterAction): string | null {
    if (!ctx.action.editable) return null;
    const template = templateFor(ctx, ctx.action.language);
    if (!template) return null;
    return this.templates.editableDefault(
      template,
      letterContext(
        ctx,
        { firstName: '', lastName: '', postcode: null, region: null, country: 'ZZ', paragraph: '' },
        null,
        template.language,
      ),
    );
  }

  /** Routes and writes the letters without storing anything: the preview, and the first half of sending. */
  async prepare(ctx: PublicLetterAction, input: LetterInput, manager?: EntityManager): Promise<Prepared> {
    const scope = { organisationId: ctx.action.organisationId };
    const t = lettersText.in(ctx.action.language);
    const bound = [
      ctx.action.id,
      input.emailNormalized,
      input.country,
      input.region ?? '',
      input.postcode ?? '',
      input.targets.join(','),
    ];
    const plan = this.plans.open(input.plan, bound);
    if (plan) {
      // Sending what the preview showed: the same targets (those still routable) with the same subjects.
      const still = await this.router.planned(scope, plan.targetIds, manager);
      if (still.length > 0) {
        const indexes = still.map((target) => plan.subjectIndexes[plan.targetIds.indexOf(target.id)] ?? -1);
        const letters = composeLetters(ctx, input, still, this.templates, this.addresses, indexes);
        return { kind: 'letters', letters, region: input.region, plan: input.plan! };
      }
    }
    const routed = await this.router.route(
      scope,
      ctx.action.routing,
      { country: input.country, postcode: input.postcode, region: input.region, picks: input.targets },
      dayIn(ctx.timeZone, this.clock.now()),
      manager,
    );
    if (routed.kind === 'nobody')
      return { kind: 'invalid', fields: { [input.region ? 'region' : 'postcode']: [t('letters:errors.nobody')] } };
    if (routed.kind === 'invalid') {
      const key = { 'too-few': 'targetsTooFew', 'too-many': 'targetsTooMany', 'not-listed': 'targetsNotListed' }[
        routed.reason
      ];
      return { kind: 'invalid', fields: { targets: [t(`letters:errors.${key}`)] } };
    }
    const letters = composeLetters(ctx, input, routed.targets, this.templates, this.addresses);
    const signed = this.plans.sign(
      { targetIds: letters.map((l) => l.target.id), subjectIndexes: letters.map((l) => l.subjectIndex) },
      bound,
    );
    return { kind: 'letters', letters, region: routed.region, plan: signed };
  }

  /**
   * Stores the submission and its letters (awaiting confirmation) and stages the confirmation mail, in one
   * transaction. One letter per supporter, target and action: targets already written to are skipped silently, and
   * when none is left a pending earlier send gets its confirmation again instead (the answer is the same either way,
   * so the page reveals nothing about who wrote before).
   */
  async send(ctx: PublicLetterAction, input: LetterInput): Promise<Prepared> {
    const { action } = ctx;
    const now = this.clock.now();
    let outboxIds: string[] = [];
    const result = await this.db.transaction(async (manager): Promise<Prepared> => {
      const prepared = await this.prepare(ctx, input, manager);
      if (prepared.kind === 'invalid') return prepared;
      const submissionId = randomUUID();
      const token = randomToken(24);
      const key = similarityKey(input);
      const flagged =
        key !== null &&
        !action.testMode &&
        !!(await sqlRow<unknown>(
          manager,
          `SELECT 1 FROM letter_submissions WHERE action_id = $1 AND similarity_key = $2 AND email_normalized <> $3
              AND created_at > $4 LIMIT 1`,
          [action.id, key, input.emailNormalized, new Date(now.getTime() - SIMILARITY_WINDOW_DAYS * 86_400_000)],
        ));
      await manager.query(
        `INSERT INTO letter_submissions (id, organization_id, action_id, email, email_normalized, first_name, last_name,
            postcode, region, country, paragraph, edited_body, consent_given, consent_wording, language, source,
            status, confirm_token, next_mail_at, mails_sent, flagged, similarity_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'pending', $17, $18, 1, $19, $20, $21)`,
        [
          submissionId,
          action.organisationId,
          action.id,
          input.email,
          input.emailNormalized,
          input.firstName,
          input.lastName,
          input.postcode,
          prepared.region,
          input.country,
          input.paragraph,
          input.letter,
          input.consentGiven,
          this.consentWording(ctx),
          action.language,
          input.source,
          token,
          new Date(now.getTime() + this.letters.reminderSeconds * 1000),
          flagged,
          key,
          now,
        ],
      );
      const inserted = await this.insertLetters(manager, ctx, submissionId, input, prepared.letters, now);
      if (inserted.length === 0) {
        await manager.query(`DELETE FROM letter_submissions WHERE id = $1`, [submissionId]);
        outboxIds = await this.confirmAgain(manager, ctx, input.emailNormalized);
        return prepared;
      }
      outboxIds = await this.mail.stage(
        { organisationId: action.organisationId },
        [
          {
            to: input.email,
            template: LETTER_CONFIRM_MAIL,
            data: {
              firstName: input.firstName,
              actionTitle: action.title,
              confirmUrl: this.confirmUrl(action.slug, submissionId, token),
              letterCount: inserted.length,
              recipients: inserted.map((l) => recipientLabel(l.target)),
              reminder: false,
            },
            idempotencyKey: `letter-confirm:${submissionId}:1`,
            language: action.language,
          },
        ],
        manager,
      );
      return { ...prepared, letters: inserted };
    });
    await this.mail.dispatch(outboxIds);
    return result;
  }

  confirmUrl(slug: string, submissionId: string, token: string): string {
    return `${this.config.http.publicUrl}/l/${slug}/confirm/${submissionId}/${token}`;
  }

  private async insertLetters(
    manager: EntityManager,
    ctx: PublicLetterAction,
    submissionId: string,
    input: LetterInput,
    letters: ComposedLetter[],
    now: Date,
  ): Promise<ComposedLetter[]> {
    if (letters.length === 0) return [];
    const rows = letters.map((l) => ({
      id: l.id,
      organization_id: ctx.action.organisationId,
      action_id: ctx.action.id,
      submission_id: submissionId,
      target_id: l.target.id,
      target_email_id: l.target.email.id,
      recipient: l.recipient,
      address_normalized: l.addressNormalized,
      supporter_email_normalized: input.emailNormalized,
      sender: l.sender,
      reply_to: l.replyTo,
      message_id: l.messageId,
      language: l.language,
      subject: l.subject,
      body: l.body,
      status: 'awaiting_confirmation',
      test_mode: ctx.action.testMode,
      created_at: now,
      updated_at: now,
    }));
    // The partial unique index skips what this supporter already wrote to a target (test letters may repeat).
    const inserted = await sqlRows<{ id: string }>(
      manager,
      `INSERT INTO letters (id, organization_id, action_id, submission_id, target_id, target_email_id, recipient,
          address_normalized, supporter_email_normalized, sender, reply_to, message_id, language, subject, body, status,
          test_mode, created_at, updated_at)
       SELECT id, organization_id, action_id, submission_id, target_id, target_email_id, recipient, address_normalized,
          supporter_email_normalized, sender, reply_to, message_id, language, subject, body, status, test_mode,
          created_at, updated_at
         FROM json_populate_recordset(NULL::letters, $1)
       ON CONFLICT (action_id, supporter_email_normalized, target_id) WHERE NOT test_mode DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    const ids = new Set(inserted.map((r) => r.id));
    return letters.filter((l) => ids.has(l.id));
  }

  /** Everything was written before: if that earlier send still waits for confirmation, send its link again (capped). */
  private async confirmAgain(
    manager: EntityManager,
    ctx: PublicLetterAction,
    emailNormalized: string,
  ): Promise<string[]> {
    const pending = await sqlRow<{
      id: string;
      email: string;
      first_name: string;
      confirm_token: string;
      mails_sent: number;
      letters: number;
      recipients: string[];
    }>(
      manager,
      `UPDATE letter_submissions s SET mails_sent = s.mails_sent + 1
        WHERE s.id = (SELECT id FROM letter_submissions WHERE action_id = $1 AND email_normalized = $2
                        AND status = 'pending' AND mails_sent < $3 ORDER BY created_at DESC LIMIT 1)
        RETURNING s.id, s.email, s.first_name, s.confirm_token, s.mails_sent,
          (SELECT count(*)::int FROM letters l WHERE l.submission_id = s.id) AS letters,
          (SELECT coalesce(array_agg(t.name ORDER BY t.name), '{}') FROM letters l JOIN targets t ON t.id = l.target_id
            WHERE l.submission_id = s.id) AS recipients`,
      [ctx.action.id, emailNormalized, MAX_CONFIRMATION_MAILS],
    );
    if (!pending) return [];
    return this.mail.stage(
      { organisationId: ctx.action.organisationId },
      [
        {
          to: pending.email,
          template: LETTER_CONFIRM_MAIL,
          data: {
            firstName: pending.first_name,
            actionTitle: ctx.action.title,
            confirmUrl: this.confirmUrl(ctx.action.slug, pending.id, pending.confirm_token),
            letterCount: pending.letters,
            recipients: pending.recipients,
            reminder: true,
          },
          idempotencyKey: `letter-confirm:${pending.id}:${pending.mails_sent}`,
          language: ctx.action.language,
        },
      ],
      manager,
    );
  }

  /** Whether a confirmation link would work now, changing nothing: what its GET page shows. */
  async checkLink(
    ctx: PublicLetterAction,
    submissionId: string,
    token: string,
  ): Promise<'valid' | 'invalid' | 'action-closed'> {
    if (!isUuid(submissionId) || token.length > 100) return 'invalid';
    const pending = await sqlRow<unknown>(
      this.db,
      `SELECT 1 FROM letter_submissions WHERE id = $1 AND action_id = $2 AND confirm_token = $3 AND status = 'pending'`,
      [submissionId, ctx.action.id, token],
    );
    if (!pending) return 'invalid';
    return acceptsLetters(ctx.action) ? 'valid' : 'action-closed';
  }

  /**
   * Follows a confirmation link once, in one transaction: the submission is confirmed, its letters queued (held for
   * review when flagged as a near copy), the supporter and their consent recorded, and their copy staged.
   */
  async confirm(ctx: PublicLetterAction, submissionId: string, token: string): Promise<ConfirmOutcome> {
    // A closed action says so for a link that would otherwise work; an open one goes straight to the guarded UPDATE,
    // which finds nothing for a used or wrong link.
    if (!isUuid(submissionId) || token.length > 100) return 'invalid';
    if (!acceptsLetters(ctx.action))
      return (await this.checkLink(ctx, submissionId, token)) === 'action-closed' ? 'action-closed' : 'invalid';
    const now = this.clock.now();
    let outboxIds: string[] = [];
    const outcome = await this.db.transaction(async (manager): Promise<ConfirmOutcome> => {
      const s = await sqlRow<ConfirmedActionRow & { organization_id: string; flagged: boolean }>(
        manager,
        `UPDATE letter_submissions SET status = 'confirmed', confirmed_at = $4, confirm_token = NULL, next_mail_at = NULL
          WHERE id = $1 AND action_id = $2 AND confirm_token = $3 AND status = 'pending'
          RETURNING organization_id, email, email_normalized, first_name, last_name, postcode, region, country,
                    language, consent_given, consent_wording, flagged`,
        [submissionId, ctx.action.id, token, now],
      );
      if (!s) return 'invalid';
      const letters = await sqlRows<{ subject: string; body: string; name: string; title: string }>(
        manager,
        `UPDATE letters l SET status = CASE WHEN $3 THEN 'held' ELSE 'queued' END,
                status_reason = CASE WHEN $3 THEN 'near-identical to another supporter''s letter: review' END,
                not_before = $2, updated_at = $2
           FROM targets t
          WHERE l.submission_id = $1 AND l.status = 'awaiting_confirmation' AND t.id = l.target_id
          RETURNING l.subject, l.body, t.name, t.title`,
        [submissionId, now, s.flagged],
      );
      const scope = { organisationId: s.organization_id };
      const supporterId = await this.supporters.recordAction(
        scope,
        supporterActionOf(s, now, `letter-action:${ctx.action.id}`),
        manager,
      );
      await manager.query(`UPDATE letter_submissions SET supporter_id = $2 WHERE id = $1`, [submissionId, supporterId]);
      outboxIds = await this.mail.stage(
        scope,
        [
          {
            to: s.email,
            template: LETTER_COPY_MAIL,
            data: {
              firstName: s.first_name,
              actionTitle: ctx.action.title,
              letterCount: letters.length,
              letters: letters.map((l) => ({
                recipient: recipientLabel(l),
                subject: l.subject,
                text: l.body,
              })),
            },
            idempotencyKey: `letter-copy:${submissionId}`,
            language: s.language,
          },
        ],
        manager,
      );
      return 'confirmed';
    });
    await this.mail.dispatch(outboxIds);
    if (outcome === 'confirmed') await requestDispatch(this.jobs, now).catch(() => undefined); // the tick follows anyway
    return outcome;
  }
}

/** "Jane Doe, Minister of Justice" */
export function recipientLabel(target: { name: string; title: string }): string {
  return target.title ? `${target.name}, ${target.title}` : target.name;
}
