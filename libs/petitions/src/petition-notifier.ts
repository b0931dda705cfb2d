import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, sqlOne, sqlRow, sqlRows } from '#rally/core';
import type { MailRequest } from '#rally/mail';
import { MailService } from '#rally/mail';
import { OrganisationDirectory } from '#rally/access';
import { PETITION_CLOSED_MAIL, PETITION_MILESTONE_MAIL } from './mail/petition-mail.templates.js';
import { PetitionPermission } from './petitions.permissions.js';
import type { PetitionTotals } from './counts/petition-counts.repository.js';

/**
 * Tells petition staff about milestones (once each: the reached-milestone row is the guard) and closings.
 * Stages outbox rows in the caller's transaction; the caller dispatches the returned ids after commit.
 */
@Injectable()
export class PetitionNotifier {
  constructor(
    private readonly mail: MailService,
    private readonly organisations: OrganisationDirectory,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  async announceMilestones(totals: PetitionTotals[], manager: EntityManager): Promise<string[]> {
    const outboxIds: string[] = [];
    for (const t of totals) {
      const total = t.online + t.paper;
      const reached = await sqlRows<{ milestone: number }>(
        manager,
        `INSERT INTO petition_milestones_reached (petition_id, milestone, organization_id)
         SELECT p.id, m, p.organization_id FROM petitions p, unnest(p.milestones) AS m WHERE p.id = $1 AND m <= $2
         ON CONFLICT DO NOTHING RETURNING milestone`,
        [t.petitionId, total],
      );
      if (reached.length === 0) continue;
      const p = await sqlOne<{ slug: string; title: string; goal: number; language: string }>(
        manager,
        `SELECT slug, title, goal, language FROM petitions WHERE id = $1`,
        [t.petitionId],
      );
      const scope = { organisationId: t.organisationId };
      const staff = await this.organisations.staffEmailsWith(scope, PetitionPermission.Manage, manager);
      const requests: MailRequest<object>[] = [];
      for (const { milestone } of reached) {
        for (const to of staff) {
          requests.push({
            to,
            template: PETITION_MILESTONE_MAIL,
            language: p.language,
            idempotencyKey: `petition-milestone:${t.petitionId}:${milestone}:${to}`,
            data: {
              petitionTitle: p.title,
              petitionUrl: `${this.config.http.publicUrl}/p/${p.slug}`,
              milestone,
              total,
              goal: p.goal,
            },
          });
        }
      }
      outboxIds.push(...(await this.mail.stage(scope, requests, manager)));
    }
    return outboxIds;
  }

  async announceClosed(
    petition: { id: string; organisationId: string; title: string; goal: number; language: string; closedAt: Date },
    manager: EntityManager,
  ): Promise<string[]> {
    const scope = { organisationId: petition.organisationId };
    const c = await sqlRow<{ online: number; paper: number }>(
      manager,
      `SELECT online, paper FROM petition_counts WHERE petition_id = $1`,
      [petition.id],
    );
    const online = c?.online ?? 0;
    const paper = c?.paper ?? 0;
    const staff = await this.organisations.staffEmailsWith(scope, PetitionPermission.Manage, manager);
    return this.mail.stage(
      scope,
      staff.map((to) => ({
        to,
        template: PETITION_CLOSED_MAIL,
        language: petition.language,
        idempotencyKey: `petition-closed:${petition.id}:${petition.closedAt.getTime()}:${to}`,
        data: {
          petitionTitle: petition.title,
          total: online + paper,
          online,
          paper,
          goal: petition.goal,
        },
      })),
      manager,
    );
  }
}
