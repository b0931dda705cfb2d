import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LettersSentStamp1796156321982 implements MigrationInterface {
  name = 'LettersSentStamp1796156321982';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "letters_unstamped_idx" ON "letters"  ("outbox_id") WHERE sent_at IS NULL AND status = 'handed'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."letters_unstamped_idx"`);
  }
}
