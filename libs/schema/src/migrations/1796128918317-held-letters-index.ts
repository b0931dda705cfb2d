import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HeldLettersIndex1796128918317 implements MigrationInterface {
  name = 'HeldLettersIndex1796128918317';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "letters_held_target_idx" ON "letters"  ("target_id") WHERE status = 'held'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."letters_held_target_idx"`);
  }
}
