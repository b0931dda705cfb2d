import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffEmailNormalized1796156754409 implements MigrationInterface {
  name = 'StaffEmailNormalized1796156754409';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_user" ADD "email_normalized" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_user" DROP COLUMN "email_normalized"`);
  }
}
