import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InboundMail1796127316986 implements MigrationInterface {
  name = 'InboundMail1796127316986';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "address_bounces" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "target_email_id" uuid NOT NULL, "bounce_class" text NOT NULL, "status" text, "inbound_message_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a480194f3ed0e6989956c93f764" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "address_bounces_email_idx" ON "address_bounces"  ("target_email_id", "at") `);
    await queryRunner.query(`CREATE TABLE "inbound_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" text NOT NULL, "target_email_id" uuid, "domain" text, "inbound_message_id" uuid, "detail" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d574a9d5c4614fc4526518ee066" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "inbound_alerts_open_idx" ON "inbound_alerts"  ("organization_id", "created_at") WHERE acknowledged_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "sending_pauses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "domain" text NOT NULL, "until" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL DEFAULT '', CONSTRAINT "PK_50fd1c5648776eecb7de9218b5c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "sending_pauses_org_domain_uq" ON "sending_pauses"  ("organization_id", "domain") `);
    await queryRunner.query(`CREATE TABLE "inbound_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "message_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size" integer NOT NULL, "content_id" text, "data" bytea NOT NULL, CONSTRAINT "PK_507416a1148a3a6671fc2c746fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "inbound_attachments_message_idx" ON "inbound_attachments"  ("message_id") `);
    await queryRunner.query(`CREATE TABLE "inbound_messages" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "channel" text NOT NULL, "status" text NOT NULL DEFAULT 'received', "kind" text, "envelope_from" text, "envelope_to" text array NOT NULL DEFAULT '{}', "size" integer NOT NULL, "token_letter_id" uuid, "letter_id" uuid, "target_id" uuid, "action_id" uuid, "threaded_by" text, "message_id_header" text, "dedupe_key" text, "from_address" text, "from_name" text, "subject" text, "sent_at" TIMESTAMP WITH TIME ZONE, "sender_verified" boolean NOT NULL DEFAULT false, "sender_check" text, "body_text" text, "body_html" text, "reply_text" text, "bounce_class" text, "bounce_status" text, "bounce_recipient" text, "needs_review" boolean NOT NULL DEFAULT false, "failure" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4f21d40ad47ab9702cb1ee64590" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "inbound_messages_dedupe_uq" ON "inbound_messages"  ("organization_id", "dedupe_key") WHERE dedupe_key IS NOT NULL AND status = 'processed'`);
    await queryRunner.query(`CREATE INDEX "inbound_messages_triage_idx" ON "inbound_messages"  ("organization_id", "received_at") WHERE status = 'processed' AND letter_id IS NULL AND kind <> 'loop'`);
    await queryRunner.query(`CREATE INDEX "inbound_messages_letter_idx" ON "inbound_messages"  ("letter_id", "received_at") WHERE letter_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "inbound_messages_org_received_idx" ON "inbound_messages"  ("organization_id", "received_at") `);
    await queryRunner.query(`CREATE TABLE "inbound_message_chunks" ("message_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_8a42f92aa22fac6afecbc515a85" PRIMARY KEY ("message_id", "seq"))`);
    await queryRunner.query(`CREATE TABLE "inbound_sources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL DEFAULT '', "secret_sealed" text, "host" text, "port" integer, "secure" boolean NOT NULL DEFAULT true, "username" text, "folder" text NOT NULL DEFAULT 'INBOX', "processed_folder" text NOT NULL DEFAULT 'Rally/Processed', "last_uid" bigint NOT NULL DEFAULT '0', "uid_validity" bigint, "enabled" boolean NOT NULL DEFAULT true, "last_polled_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9cb8b54ad68ad63be149e448a9c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "inbound_sources_org_idx" ON "inbound_sources"  ("organization_id") `);
    await queryRunner.query(`CREATE TABLE "letter_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "letter_id" uuid NOT NULL, "kind" text NOT NULL, "inbound_message_id" uuid, "detail" text NOT NULL DEFAULT '', "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_793bfc20b235a69b57742fd6d62" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "letter_events_org_idx" ON "letter_events"  ("organization_id", "at") `);
    await queryRunner.query(`CREATE INDEX "letter_events_letter_idx" ON "letter_events"  ("letter_id", "at") `);
    await queryRunner.query(`ALTER TABLE "target_emails" ADD "suspended_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "target_emails" ADD "bounces_reset_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "target_emails" DROP COLUMN "bounces_reset_at"`);
    await queryRunner.query(`ALTER TABLE "target_emails" DROP COLUMN "suspended_until"`);
    await queryRunner.query(`DROP INDEX "public"."letter_events_letter_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letter_events_org_idx"`);
    await queryRunner.query(`DROP TABLE "letter_events"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_sources_org_idx"`);
    await queryRunner.query(`DROP TABLE "inbound_sources"`);
    await queryRunner.query(`DROP TABLE "inbound_message_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_messages_org_received_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_messages_letter_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_messages_triage_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_messages_dedupe_uq"`);
    await queryRunner.query(`DROP TABLE "inbound_messages"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_attachments_message_idx"`);
    await queryRunner.query(`DROP TABLE "inbound_attachments"`);
    await queryRunner.query(`DROP INDEX "public"."sending_pauses_org_domain_uq"`);
    await queryRunner.query(`DROP TABLE "sending_pauses"`);
    await queryRunner.query(`DROP INDEX "public"."inbound_alerts_open_idx"`);
    await queryRunner.query(`DROP TABLE "inbound_alerts"`);
    await queryRunner.query(`DROP INDEX "public"."address_bounces_email_idx"`);
    await queryRunner.query(`DROP TABLE "address_bounces"`);
  }
}
