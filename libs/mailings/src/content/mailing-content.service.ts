import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog, OrganisationDirectory } from '#rally/access';
import { MailRenderer, MailService } from '#rally/mail';
import type { MailingPreviewDto } from '../dto/mailing-request.dto.js';
import type { MailingPreviewResponse, MailingTestSendResponse } from '../dto/mailing-response.dto.js';
import type { MailingVariant } from '../entities/mailing.entity.js';
import type { MailingMailData } from '../mail/mailing-mail.templates.js';
import { MAILING_MAIL, mailingFooter } from '../mail/mailing-mail.templates.js';
import { MailingTestRecipientError } from '../mailings.exception.js';
import { RunStager } from '../runs/run-stager.js';
import { MailingService } from '../staff/mailing.service.js';
import { checkMailingVariants, renderMailing, sampleValues } from './mailing-template.js';

/**
 * The preview (the mail as a sample supporter would get it, with the campaign's real petition count and latest
 * response) and the test send to the member's own address. Both render exactly what a run renders.
 */
@Injectable()
export class MailingContentService {
  constructor(
    private readonly mailings: MailingService,
    private readonly stager: RunStager,
    private readonly directory: OrganisationDirectory,
    private readonly renderer: MailRenderer,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
  ) {}

  /** Problems come back with 200 while the campaigner types; with none, the rendered parts. */
  async preview(scope: OrgScope, id: string, input: MailingPreviewDto): Promise<MailingPreviewResponse> {
    const mailing = await this.mailings.get(scope, id);
    const variants: MailingVariant[] = input.variants ?? mailing.variants;
    const language = input.language ?? mailing.fallbackLanguage;
    const problems = checkMailingVariants(variants);
    // A problem of a whole field (empty, too long) has no place: line and column 1, as the letters' preview answers.
    if (problems.length)
      return {
        language,
        subject: '',
        text: '',
        html: '',
        problems: problems.map((p) => ({
          field: p.field,
          line: p.line ?? 1,
          column: p.column ?? 1,
          message: p.message,
        })),
      };
    const { data, language: shown } = await this.compose(scope, mailing, variants, language, true);
    const rendered = this.renderer.render(MAILING_MAIL.name, shown, data);
    return { language: shown, subject: rendered.subject, text: rendered.text, html: rendered.html, problems: [] };
  }

  async testSend(auth: AuthContext, id: string, input: MailingPreviewDto): Promise<MailingTestSendResponse> {
    // The mailing first: another organisation's answers 404 before anything about the caller is said.
    const mailing = await this.mailings.get(auth, id);
    const to = await this.directory.memberEmail(auth);
    if (!to) throw new MailingTestRecipientError();
    const variants = input.variants ?? mailing.variants;
    this.mailings.assertVariants(variants, mailing.fallbackLanguage);
    const { data, language } = await this.compose(
      auth,
      mailing,
      variants,
      input.language ?? mailing.fallbackLanguage,
      false,
    );
    await this.mail.send(auth, {
      to,
      template: MAILING_MAIL,
      data: { ...data, subject: `[TEST] ${data.subject}` },
      language,
      idempotencyKey: `mailing-test:${id}:${randomUUID()}`,
    });
    await this.audit.record(auth, { action: 'mailing.test-send', objectType: 'mailing', objectId: id });
    return { sentTo: to };
  }

  private async compose(
    scope: OrgScope,
    mailing: {
      campaignId: string | null;
      petitionId: string | null;
      fallbackLanguage: string;
      audience: { kind: string };
    },
    variants: MailingVariant[],
    language: string,
    withFooter: boolean,
  ): Promise<{ data: MailingMailData; language: string }> {
    const org = await this.directory.summary(scope);
    const run = await this.stager.context(scope, mailing, org.name);
    const sample = sampleValues();
    const words = renderMailing(variants, mailing.fallbackLanguage, language, run, sample.supporter);
    // The preview shows where the links go; a test send carries none (there is no recipient row to unsubscribe).
    const footer = withFooter && mailing.audience.kind !== 'staff';
    return {
      language: words.language,
      data: {
        subject: words.subject,
        text: words.text,
        footer: footer ? mailingFooter(words.language, org.name) : null,
        unsubscribeUrl: footer ? '/u/…' : null,
        preferencesUrl: footer ? '/u/…/preferences' : null,
      },
    };
  }
}
