import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SupporterConsentsLatest1796168413034 implements MigrationInterface {
  name = 'SupporterConsentsLatest1796168413034';

  // The new index first, so consent lookups are never without one while this runs.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "supporter_consents_latest_idx" ON "supporter_consents"  ("supporter_id", "purpose", "given_at", "recorded_at", "granted") `);
    await queryRunner.query(`DROP INDEX "public"."supporter_consents_supporter_idx"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."supporter_consents_latest_idx"`);
    await queryRunner.query(`CREATE INDEX "supporter_consents_supporter_idx" ON "supporter_consents" USING btree ("supporter_id", "recorded_at") `);
  }
}
