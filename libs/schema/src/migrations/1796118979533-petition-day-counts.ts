import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PetitionDayCounts1796118979533 implements MigrationInterface {
  name = 'PetitionDayCounts1796118979533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "petition_day_counts" ("petition_id" uuid NOT NULL, "day" date NOT NULL, "organization_id" uuid NOT NULL, "count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_3c6fb49c6b61a61571b028edf52" PRIMARY KEY ("petition_id", "day"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "petition_day_counts"`);
  }
}
