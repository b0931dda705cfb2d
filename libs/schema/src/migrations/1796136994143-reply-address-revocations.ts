import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplyAddressRevocations1796136994143 implements MigrationInterface {
  name = 'ReplyAddressRevocations1796136994143';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reply_address_revocations" ("letter_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "reason" text NOT NULL DEFAULT '', "revoked_by_user_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7c41cd54cef201342a6f4f93160" PRIMARY KEY ("letter_id"))`);
    await queryRunner.query(`CREATE INDEX "reply_address_revocations_org_idx" ON "reply_address_revocations"  ("organization_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reply_address_revocations_org_idx"`);
    await queryRunner.query(`DROP TABLE "reply_address_revocations"`);
  }
}
