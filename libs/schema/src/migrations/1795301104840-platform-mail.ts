import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformMail1795301104840 implements MigrationInterface {
  name = 'PlatformMail1795301104840';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "captured_mail" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sender" text NOT NULL, "recipient" text NOT NULL, "subject" text NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "raw" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3c0c3d83ab87f9026be97a5df14" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "captured_mail_created_idx" ON "captured_mail"  ("created_at") `);
    await queryRunner.query(`CREATE TABLE "mail_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid, "idempotency_key" text NOT NULL, "recipient" text NOT NULL, "reply_to" text, "sender" text, "template" text NOT NULL, "language" text NOT NULL DEFAULT 'en', "data" jsonb NOT NULL, "headers" jsonb, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "locked_until" TIMESTAMP WITH TIME ZONE, "message_id" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_13dc5f898f467c89c384c1dc6d3" UNIQUE ("idempotency_key"), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox"  ("status", "updated_at") WHERE status IN ('pending', 'sending')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mail_outbox_due_idx"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."captured_mail_created_idx"`);
    await queryRunner.query(`DROP TABLE "captured_mail"`);
  }
}
