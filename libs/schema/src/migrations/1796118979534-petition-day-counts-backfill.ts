import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Data backfill: the day counts of signatures confirmed before the table existed (the reconcile job keeps them after). */
export class PetitionDayCountsBackfill1796118979534 implements MigrationInterface {
  name = 'PetitionDayCountsBackfill1796118979534';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO petition_day_counts (petition_id, day, organization_id, count)
      SELECT s.petition_id, (s.confirmed_at AT TIME ZONE o.time_zone)::date, s.organization_id, count(*)
      FROM signatures s JOIN organization o ON o.id = s.organization_id
      WHERE s.status = 'confirmed' AND s.counted
      GROUP BY 1, 2, 3
      ON CONFLICT (petition_id, day) DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM petition_day_counts`);
  }
}
