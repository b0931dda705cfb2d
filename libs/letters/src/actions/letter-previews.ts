import { Injectable } from '@nestjs/common';
import type { OrgScope } from '#rally/access';
import { OrganisationDirectory } from '#rally/access';
import { CampaignService } from '#rally/campaigns';
import { MailRenderer } from '#rally/mail';
import { TargetService } from '#rally/targets';
import type { LetterPreviewDto, LetterPreviewResponse, MergeFieldResponse } from '../dto/letter-action.dto.js';
import type { LetterAction } from '../entities/letter-action.entity.js';
import { LETTER_MAIL } from '../mail/letter-mail.templates.js';
import type { LetterContextInput } from '../template/merge-fields.js';
import { letterMergeFieldRows, sampleLetterContext, targetMergeValues } from '../template/merge-fields.js';
import { LetterTemplates } from '../template/letter-templates.js';
import { LetterActionService } from './letter-action.service.js';

/** Subject lines may use scalar fields of these groups only (no lists, no blocks). */
const SUBJECT_GROUPS = new Set(['supporter', 'target', 'campaign', 'organisation']);

/**
 * The editor's live preview, rendered on the server by the same engine and mail layout as the letters themselves, so
 * what the campaigner sees is what a ministry receives.
 */
@Injectable()
export class LetterPreviews {
  constructor(
    private readonly actions: LetterActionService,
    private readonly templates: LetterTemplates,
    private readonly targets: TargetService,
    private readonly campaigns: CampaignService,
    private readonly organisations: OrganisationDirectory,
    private readonly mail: MailRenderer,
  ) {}

  mergeFields(): MergeFieldResponse[] {
    return letterMergeFieldRows().map((r) => ({
      path: r.path,
      description: r.description,
      sample: r.sample,
      inSubject: !r.list && SUBJECT_GROUPS.has(r.group),
    }));
  }

  async preview(scope: OrgScope, action: LetterAction, input: LetterPreviewDto): Promise<LetterPreviewResponse> {
    const target = input.targetId ? await this.targets.get(scope, input.targetId) : null;
    const language = input.language ?? target?.language ?? action.language;
    const saved = (await this.actions.templatesOf(scope, [action.id])).find((t) => t.language === language);
    const template = input.template ?? saved;
    const base = { language, targetName: target?.name ?? '', subjectCount: template?.subjects.length ?? 0 };
    if (!template) return { ...base, problems: [], subject: null, text: null, html: null };
    const problems = this.templates.check({
      subjects: template.subjects,
      body: template.body,
      editable: action.editable,
    });
    if (problems.length > 0)
      return {
        ...base,
        problems: problems.map((p) => ({
          field: p.field,
          line: p.line ?? 1,
          column: p.column ?? 1,
          message: p.message,
        })),
        subject: null,
        text: null,
        html: null,
      };
    const [campaign, org] = await Promise.all([
      this.campaigns.get(scope, action.campaignId),
      this.organisations.summary(scope),
    ]);
    const chosen: LetterContextInput = {
      ...(input.supporter ? { supporter: input.supporter } : {}),
      ...(target ? { target: targetMergeValues(target) } : {}),
      campaign: { name: campaign.name },
      organisation: { name: org.name },
      ...(action.recommendationCodes.length
        ? { recommendations: action.recommendationCodes.map((code) => ({ code, title: '', text: '' })) }
        : {}),
    };
    const subjectIndex = Math.min(input.subjectIndex ?? 0, template.subjects.length - 1);
    const { subject, text } = this.templates.render(template, sampleLetterContext(chosen), { subjectIndex });
    const html = this.mail.render(LETTER_MAIL.name, language, { subject, text }).html;
    return { ...base, problems: [], subject, text, html };
  }
}
