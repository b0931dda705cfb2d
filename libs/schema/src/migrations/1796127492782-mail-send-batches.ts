import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailSendBatches1796127492782 implements MigrationInterface {
  name = 'MailSendBatches1796127492782';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "job_id" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "job_id"`);
  }
}
