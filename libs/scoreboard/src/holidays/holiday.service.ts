import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { NotFoundError, sqlRow, sqlRows } from '#rally/core';
import type { HolidayCreateDto, HolidayResponse, HolidayUpdateDto } from '../dto/scoreboard.dto.js';
import { WaveRollup } from '../rollup/wave-rollup.js';
import { ScoreboardHolidayTakenError } from '../scoreboard.exception.js';

interface HolidayRow {
  id: string;
  country: string;
  day: string;
  name: string;
}

const COLUMNS = `id, country, to_char(day, 'YYYY-MM-DD') AS day, name`;

/**
 * The organisation's holiday table: optional; a day in it is not a business day in its country. Each change
 * recomputes the waves of that country's targets in its transaction, so the medians follow at once.
 */
@Injectable()
export class HolidayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rollup: WaveRollup,
    private readonly audit: AuditLog,
  ) {}

  list(scope: OrgScope, country?: string): Promise<HolidayResponse[]> {
    return sqlRows<HolidayRow>(
      this.db,
      `SELECT ${COLUMNS} FROM scoreboard_holidays
        WHERE organization_id = $1 AND ($2::text IS NULL OR country = $2) ORDER BY day, country`,
      [scope.organisationId, country ?? null],
    );
  }

  async create(auth: AuthContext, input: HolidayCreateDto): Promise<HolidayResponse> {
    return this.db.transaction(async (manager) => {
      const row = await sqlRow<HolidayRow>(
        manager,
        `INSERT INTO scoreboard_holidays (organization_id, country, day, name) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, country, day) DO NOTHING RETURNING ${COLUMNS}`,
        [auth.organisationId, input.country, input.day, (input.name ?? '').trim()],
      );
      if (!row) throw new ScoreboardHolidayTakenError(input.country, input.day);
      await this.changed(auth, 'scoreboard.holiday.create', row, manager);
      return row;
    });
  }

  async update(auth: AuthContext, id: string, input: HolidayUpdateDto): Promise<HolidayResponse> {
    return this.db.transaction(async (manager) => {
      const current = await this.locked(auth, id, manager);
      const day = input.day ?? current.day;
      if (day !== current.day) {
        const taken = await sqlRow(
          manager,
          `SELECT 1 FROM scoreboard_holidays WHERE organization_id = $1 AND country = $2 AND day = $3 AND id <> $4`,
          [auth.organisationId, current.country, day, id],
        );
        if (taken) throw new ScoreboardHolidayTakenError(current.country, day);
      }
      const row = (await sqlRow<HolidayRow>(
        manager,
        `UPDATE scoreboard_holidays SET day = $3, name = $4 WHERE organization_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [auth.organisationId, id, day, input.name === undefined ? current.name : input.name.trim()],
      )) as HolidayRow;
      await this.changed(auth, 'scoreboard.holiday.update', row, manager);
      return row;
    });
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const current = await this.locked(auth, id, manager);
      await manager.query(`DELETE FROM scoreboard_holidays WHERE organization_id = $1 AND id = $2`, [
        auth.organisationId,
        id,
      ]);
      await this.changed(auth, 'scoreboard.holiday.delete', current, manager);
    });
  }

  private async locked(scope: OrgScope, id: string, manager: EntityManager): Promise<HolidayRow> {
    const row = await sqlRow<HolidayRow>(
      manager,
      `SELECT ${COLUMNS} FROM scoreboard_holidays WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      [scope.organisationId, id],
    );
    if (!row) throw new NotFoundError('Holiday');
    return row;
  }

  private async changed(
    auth: AuthContext,
    action: `scoreboard.holiday.${'create' | 'update' | 'delete'}`,
    row: HolidayRow,
    manager: EntityManager,
  ): Promise<void> {
    await this.rollup.countryChanged(auth.organisationId, row.country, manager);
    await this.audit.record(
      auth,
      { action, objectType: 'scoreboard_holiday', objectId: row.id, details: { country: row.country, day: row.day } },
      manager,
    );
  }
}
