import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import { PETITIONS_CONFIG } from '../petitions.config.js';
import { PetitionJob } from '../petitions.jobs.js';
import { PetitionNotifier } from '../petition-notifier.js';

/** Closes open petitions whose close date has passed and tells their staff. The status check makes re-runs no-ops. */
@Injectable()
export class PetitionCloseJob {
  private readonly logger = new Logger('PetitionClose');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifier: PetitionNotifier,
    private readonly mail: MailService,
  ) {}

  @JobHandler(PetitionJob.CloseDue, { everyMs: (config) => config.section(PETITIONS_CONFIG).closeCheckSeconds * 1000 })
  async handle(): Promise<{ closed: number }> {
    const { closed, outboxIds } = await this.db.transaction(async (manager) => {
      const rows = await sqlRows<{
        id: string;
        organization_id: string;
        title: string;
        goal: number;
        language: string;
        closed_at: Date;
      }>(
        manager,
        `UPDATE petitions SET status = 'closed', closed_at = now(), updated_at = now()
         WHERE status = 'open' AND closes_at IS NOT NULL AND closes_at <= now()
         RETURNING id, organization_id, title, goal, language, closed_at`,
      );
      const ids: string[] = [];
      for (const p of rows) {
        const petition = {
          id: p.id,
          organisationId: p.organization_id,
          title: p.title,
          goal: p.goal,
          language: p.language,
          closedAt: p.closed_at,
        };
        ids.push(...(await this.notifier.announceClosed(petition, manager)));
      }
      return { closed: rows.length, outboxIds: ids };
    });
    await this.mail.dispatch(outboxIds);
    if (closed) this.logger.log({ msg: 'petitions closed at their close date', count: closed });
    return { closed };
  }
}
