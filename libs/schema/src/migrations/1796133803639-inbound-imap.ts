import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InboundImap1796133803639 implements MigrationInterface {
  name = 'InboundImap1796133803639';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_alerts" ADD "inbound_source_id" uuid`);
    await queryRunner.query(`ALTER TABLE "inbound_sources" ADD "poll_failures" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_sources" DROP COLUMN "poll_failures"`);
    await queryRunner.query(`ALTER TABLE "inbound_alerts" DROP COLUMN "inbound_source_id"`);
  }
}
