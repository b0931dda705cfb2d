import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LetterResendsAndReturnPath1796134962841 implements MigrationInterface {
  name = 'LetterResendsAndReturnPath1796134962841';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "return_path" text`);
    await queryRunner.query(`ALTER TABLE "letters" ADD "attempt" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "letters" DROP COLUMN "attempt"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "return_path"`);
  }
}
