import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Petitions1795304028627 implements MigrationInterface {
  name = 'Petitions1795304028627';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "campaigns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_831e3fcd4fc45b4e4c3f57a9ee4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "campaigns_org_idx" ON "campaigns"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "petitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "ask" text NOT NULL, "target_description" text NOT NULL DEFAULT '', "goal" integer NOT NULL, "milestones" integer array NOT NULL DEFAULT '{}', "language" text NOT NULL DEFAULT 'en', "status" text NOT NULL DEFAULT 'draft', "closes_at" TIMESTAMP WITH TIME ZONE, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db291e9a07cb5e6850128379cf1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "petitions_close_due_idx" ON "petitions"  ("closes_at") WHERE status = 'open' AND closes_at IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "petitions_slug_uq" ON "petitions"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "petitions_org_idx" ON "petitions"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "paper_signature_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "petition_id" uuid NOT NULL, "count" integer NOT NULL, "source_note" text NOT NULL, "added_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_811944c79c35804c56ff086ce76" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "paper_signature_batches_petition_idx" ON "paper_signature_batches"  ("petition_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "petition_counts" ("petition_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "online" integer NOT NULL DEFAULT '0', "paper" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a1b81faa11c3e6fd4ac749694a8" PRIMARY KEY ("petition_id"))`);
    await queryRunner.query(`CREATE TABLE "petition_area_counts" ("petition_id" uuid NOT NULL, "kind" text NOT NULL, "code" text NOT NULL, "organization_id" uuid NOT NULL, "count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_308ab11ad01908f4dc39272aeb4" PRIMARY KEY ("petition_id", "kind", "code"))`);
    await queryRunner.query(`CREATE TABLE "petition_milestones_reached" ("petition_id" uuid NOT NULL, "milestone" integer NOT NULL, "organization_id" uuid NOT NULL, "reached_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c6c0787955c9d9fdbf6163591c" PRIMARY KEY ("petition_id", "milestone"))`);
    await queryRunner.query(`CREATE TABLE "signatures" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "petition_id" uuid NOT NULL, "email" text NOT NULL, "email_normalized" text NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL DEFAULT '', "postcode" text, "region" text, "country" text NOT NULL, "comment" text, "public_display" boolean NOT NULL DEFAULT false, "consent_given" boolean NOT NULL DEFAULT false, "consent_wording" text NOT NULL, "language" text NOT NULL, "source" text, "referrer" text, "status" text NOT NULL DEFAULT 'pending', "confirm_token" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "counted" boolean NOT NULL DEFAULT false, "next_mail_at" TIMESTAMP WITH TIME ZONE, "mails_sent" integer NOT NULL DEFAULT '0', "resign_count" integer NOT NULL DEFAULT '0', "resign_notified" integer NOT NULL DEFAULT '0', "supporter_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f56eb3cd344ce7f9ae28ce814eb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "signatures_confirmed_idx" ON "signatures"  ("petition_id", "confirmed_at") WHERE status = 'confirmed'`);
    await queryRunner.query(`CREATE INDEX "signatures_uncounted_idx" ON "signatures"  ("id") WHERE status = 'confirmed' AND NOT counted`);
    await queryRunner.query(`CREATE INDEX "signatures_mail_due_idx" ON "signatures"  ("next_mail_at") WHERE next_mail_at IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "signatures_petition_email_uq" ON "signatures"  ("petition_id", "email_normalized") `);
    await queryRunner.query(`CREATE TABLE "supporters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "email_normalized" text NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL DEFAULT '', "postcode" text, "region" text, "country" text, "language" text NOT NULL DEFAULT 'en', "last_action_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df583237353494c8061a6ed731c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "supporters_org_email_uq" ON "supporters"  ("organization_id", "email_normalized") `);
    await queryRunner.query(`CREATE TABLE "supporter_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "supporter_id" uuid NOT NULL, "purpose" text NOT NULL, "granted" boolean NOT NULL, "wording" text NOT NULL, "source" text NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2959f19b0e5b2a68707350cc531" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "supporter_consents_supporter_idx" ON "supporter_consents"  ("supporter_id", "recorded_at") `);
    await queryRunner.query(`ALTER TABLE "petitions" ADD CONSTRAINT "FK_3e31016267f470fcb7b9f17b359" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "paper_signature_batches" ADD CONSTRAINT "FK_b201e487731d78fe788eae7a79a" FOREIGN KEY ("petition_id") REFERENCES "petitions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatures" ADD CONSTRAINT "FK_31358944ef0c4c1a0084e84d37d" FOREIGN KEY ("petition_id") REFERENCES "petitions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "supporter_consents" ADD CONSTRAINT "FK_e9023ee0cea5631b83c61202bc1" FOREIGN KEY ("supporter_id") REFERENCES "supporters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supporter_consents" DROP CONSTRAINT "FK_e9023ee0cea5631b83c61202bc1"`);
    await queryRunner.query(`ALTER TABLE "signatures" DROP CONSTRAINT "FK_31358944ef0c4c1a0084e84d37d"`);
    await queryRunner.query(`ALTER TABLE "paper_signature_batches" DROP CONSTRAINT "FK_b201e487731d78fe788eae7a79a"`);
    await queryRunner.query(`ALTER TABLE "petitions" DROP CONSTRAINT "FK_3e31016267f470fcb7b9f17b359"`);
    await queryRunner.query(`DROP INDEX "public"."supporter_consents_supporter_idx"`);
    await queryRunner.query(`DROP TABLE "supporter_consents"`);
    await queryRunner.query(`DROP INDEX "public"."supporters_org_email_uq"`);
    await queryRunner.query(`DROP TABLE "supporters"`);
    await queryRunner.query(`DROP INDEX "public"."signatures_petition_email_uq"`);
    await queryRunner.query(`DROP INDEX "public"."signatures_mail_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."signatures_uncounted_idx"`);
    await queryRunner.query(`DROP INDEX "public"."signatures_confirmed_idx"`);
    await queryRunner.query(`DROP TABLE "signatures"`);
    await queryRunner.query(`DROP TABLE "petition_milestones_reached"`);
    await queryRunner.query(`DROP TABLE "petition_area_counts"`);
    await queryRunner.query(`DROP TABLE "petition_counts"`);
    await queryRunner.query(`DROP INDEX "public"."paper_signature_batches_petition_idx"`);
    await queryRunner.query(`DROP TABLE "paper_signature_batches"`);
    await queryRunner.query(`DROP INDEX "public"."petitions_org_idx"`);
    await queryRunner.query(`DROP INDEX "public"."petitions_slug_uq"`);
    await queryRunner.query(`DROP INDEX "public"."petitions_close_due_idx"`);
    await queryRunner.query(`DROP TABLE "petitions"`);
    await queryRunner.query(`DROP INDEX "public"."campaigns_org_idx"`);
    await queryRunner.query(`DROP TABLE "campaigns"`);
  }
}
