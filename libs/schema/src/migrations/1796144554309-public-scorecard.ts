import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublicScorecard1796144554309 implements MigrationInterface {
  name = 'PublicScorecard1796144554309';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "implementation_settings" ADD "public_scorecard" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "implementation_statuses" ADD "published" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "implementation_statuses" DROP COLUMN "published"`);
    await queryRunner.query(`ALTER TABLE "implementation_settings" DROP COLUMN "public_scorecard"`);
  }
}
