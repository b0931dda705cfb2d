import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LettersAndTargets1796126245867 implements MigrationInterface {
  name = 'LettersAndTargets1796126245867';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organisation_relays" ("organization_id" uuid NOT NULL, "host" text NOT NULL, "port" integer NOT NULL, "secure" boolean NOT NULL DEFAULT false, "username" text, "password_sealed" text, "enabled" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_008f81495997f835e90ec317846" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE TABLE "area_lookups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "country" text NOT NULL, "postcode_prefix" text NOT NULL, "region_code" text NOT NULL, "label" text NOT NULL DEFAULT '', CONSTRAINT "PK_cf539c2cd2e027b3d5eca6fc8f1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "area_lookups_org_country_prefix_uq" ON "area_lookups"  ("organization_id", "country", "postcode_prefix") `);
    await queryRunner.query(`CREATE TABLE "target_emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "target_id" uuid NOT NULL, "address" text NOT NULL, "address_normalized" text NOT NULL, "state" text NOT NULL DEFAULT 'active', "state_reason" text, "state_changed_at" TIMESTAMP WITH TIME ZONE, "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_28686f8a089ef0cdc75e6b5afbd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "target_emails_org_address_idx" ON "target_emails"  ("organization_id", "address_normalized") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "target_emails_target_address_uq" ON "target_emails"  ("target_id", "address_normalized") `);
    await queryRunner.query(`CREATE TABLE "targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "title" text NOT NULL DEFAULT '', "body" text NOT NULL DEFAULT '', "salutation" text NOT NULL DEFAULT '', "country" text NOT NULL, "region_codes" text array NOT NULL DEFAULT '{}', "language" text NOT NULL, "time_zone" text, "focus_areas" text array NOT NULL DEFAULT '{}', "tags" text array NOT NULL DEFAULT '{}', "external_id" text, "notes" text NOT NULL DEFAULT '', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87084f49e9de9dd6a3e83906584" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "targets_org_external_uq" ON "targets"  ("organization_id", "external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "targets_org_name_idx" ON "targets"  ("organization_id", "name") `);
    await queryRunner.query(`CREATE TABLE "target_responsibilities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "target_id" uuid NOT NULL, "country" text NOT NULL, "focus_area" text NOT NULL, "recommendation_code" text, "valid_from" date NOT NULL, "valid_until" date, "note" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8d9fb6323ec0320ece08c8d738" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "target_responsibilities_target_idx" ON "target_responsibilities"  ("target_id", "valid_from") `);
    await queryRunner.query(`CREATE INDEX "target_responsibilities_lookup_idx" ON "target_responsibilities"  ("organization_id", "country", "focus_area", "valid_from") `);
    await queryRunner.query(`CREATE TABLE "target_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'uploaded', "file_name" text NOT NULL DEFAULT '', "file_bytes" bigint NOT NULL DEFAULT '0', "columns" text array NOT NULL DEFAULT '{}', "mapping" jsonb NOT NULL DEFAULT '{}', "missing" text NOT NULL DEFAULT 'keep', "rows_total" integer NOT NULL DEFAULT '0', "rows_done" integer NOT NULL DEFAULT '0', "created" integer NOT NULL DEFAULT '0', "updated" integer NOT NULL DEFAULT '0', "unchanged" integer NOT NULL DEFAULT '0', "removed" integer NOT NULL DEFAULT '0', "error_count" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "failure" text, "created_by" uuid, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7be225d457783521a12f8d858b6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "target_imports_org_idx" ON "target_imports"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "target_import_chunks" ("import_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_a06f7f7da7cdef53dff6fd825d7" PRIMARY KEY ("import_id", "seq"))`);
    await queryRunner.query(`CREATE TABLE "letter_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "intro" text NOT NULL DEFAULT '', "language" text NOT NULL DEFAULT 'en', "status" text NOT NULL DEFAULT 'draft', "editable" boolean NOT NULL DEFAULT false, "routing" jsonb NOT NULL, "recommendation_codes" text array NOT NULL DEFAULT '{}', "test_mode" boolean NOT NULL DEFAULT false, "test_recipient" text, "sending_window" jsonb, "hourly_cap" integer, "daily_cap" integer, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8edee6472473e77fb1000ced5d4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "letter_actions_slug_uq" ON "letter_actions"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "letter_actions_org_idx" ON "letter_actions"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "letter_submissions" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "action_id" uuid NOT NULL, "email" text NOT NULL, "email_normalized" text NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL DEFAULT '', "postcode" text, "region" text, "country" text NOT NULL, "paragraph" text NOT NULL DEFAULT '', "edited_body" text, "consent_given" boolean NOT NULL DEFAULT false, "consent_wording" text NOT NULL, "language" text NOT NULL, "source" text, "status" text NOT NULL DEFAULT 'pending', "confirm_token" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "next_mail_at" TIMESTAMP WITH TIME ZONE, "mails_sent" integer NOT NULL DEFAULT '0', "flagged" boolean NOT NULL DEFAULT false, "similarity_key" text, "supporter_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_66459ce930f837fdd3ea27533be" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "letter_submissions_mail_due_idx" ON "letter_submissions"  ("next_mail_at") WHERE next_mail_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "letter_submissions_action_idx" ON "letter_submissions"  ("action_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "letter_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "action_id" uuid NOT NULL, "language" text NOT NULL, "subjects" text array NOT NULL, "body" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d649190668fdfcddc29294ab22f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "letter_templates_action_language_uq" ON "letter_templates"  ("action_id", "language") `);
    await queryRunner.query(`CREATE TABLE "letters" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "action_id" uuid NOT NULL, "submission_id" uuid NOT NULL, "target_id" uuid NOT NULL, "target_email_id" uuid, "recipient" text NOT NULL, "address_normalized" text NOT NULL, "supporter_email_normalized" text NOT NULL, "sender" text NOT NULL, "reply_to" text NOT NULL, "message_id" text NOT NULL, "language" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "status" text NOT NULL, "status_reason" text, "test_mode" boolean NOT NULL DEFAULT false, "not_before" TIMESTAMP WITH TIME ZONE, "handed_at" TIMESTAMP WITH TIME ZONE, "outbox_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf70c41d26aa84cf2651d571889" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "letters_message_id_uq" ON "letters"  ("message_id") `);
    await queryRunner.query(`CREATE INDEX "letters_submission_idx" ON "letters"  ("submission_id") `);
    await queryRunner.query(`CREATE INDEX "letters_target_idx" ON "letters"  ("target_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "letters_action_status_idx" ON "letters"  ("action_id", "status") `);
    await queryRunner.query(`CREATE INDEX "letters_address_handed_idx" ON "letters"  ("organization_id", "address_normalized", "handed_at") WHERE handed_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "letters_due_idx" ON "letters"  ("not_before") WHERE status IN ('queued', 'waiting')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "letters_action_supporter_target_uq" ON "letters"  ("action_id", "supporter_email_normalized", "target_id") WHERE NOT test_mode`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "relay_response" text`);
    await queryRunner.query(`ALTER TABLE "target_emails" ADD CONSTRAINT "FK_4707e7e5cab2d7a2ea2a1e3e6b3" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "target_responsibilities" ADD CONSTRAINT "FK_42c7e0ec1992d36335deca67250" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "letter_actions" ADD CONSTRAINT "FK_2cb5a01fdad2726158ee7e32be9" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "letter_submissions" ADD CONSTRAINT "FK_1fb6d06fa59efe06ad06b6a51de" FOREIGN KEY ("action_id") REFERENCES "letter_actions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "letter_templates" ADD CONSTRAINT "FK_59f7c1f0f734de980363e8f9515" FOREIGN KEY ("action_id") REFERENCES "letter_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "letters" ADD CONSTRAINT "FK_a845998876058bd7d017366ef4a" FOREIGN KEY ("action_id") REFERENCES "letter_actions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "letters" ADD CONSTRAINT "FK_512851654205465af71b1e0c516" FOREIGN KEY ("submission_id") REFERENCES "letter_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "letters" ADD CONSTRAINT "FK_450bfc3a88b42e7803ed8e841c7" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "letters" DROP CONSTRAINT "FK_450bfc3a88b42e7803ed8e841c7"`);
    await queryRunner.query(`ALTER TABLE "letters" DROP CONSTRAINT "FK_512851654205465af71b1e0c516"`);
    await queryRunner.query(`ALTER TABLE "letters" DROP CONSTRAINT "FK_a845998876058bd7d017366ef4a"`);
    await queryRunner.query(`ALTER TABLE "letter_templates" DROP CONSTRAINT "FK_59f7c1f0f734de980363e8f9515"`);
    await queryRunner.query(`ALTER TABLE "letter_submissions" DROP CONSTRAINT "FK_1fb6d06fa59efe06ad06b6a51de"`);
    await queryRunner.query(`ALTER TABLE "letter_actions" DROP CONSTRAINT "FK_2cb5a01fdad2726158ee7e32be9"`);
    await queryRunner.query(`ALTER TABLE "target_responsibilities" DROP CONSTRAINT "FK_42c7e0ec1992d36335deca67250"`);
    await queryRunner.query(`ALTER TABLE "target_emails" DROP CONSTRAINT "FK_4707e7e5cab2d7a2ea2a1e3e6b3"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "relay_response"`);
    await queryRunner.query(`DROP INDEX "public"."letters_action_supporter_target_uq"`);
    await queryRunner.query(`DROP INDEX "public"."letters_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letters_address_handed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letters_action_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letters_target_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letters_submission_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letters_message_id_uq"`);
    await queryRunner.query(`DROP TABLE "letters"`);
    await queryRunner.query(`DROP INDEX "public"."letter_templates_action_language_uq"`);
    await queryRunner.query(`DROP TABLE "letter_templates"`);
    await queryRunner.query(`DROP INDEX "public"."letter_submissions_action_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letter_submissions_mail_due_idx"`);
    await queryRunner.query(`DROP TABLE "letter_submissions"`);
    await queryRunner.query(`DROP INDEX "public"."letter_actions_org_idx"`);
    await queryRunner.query(`DROP INDEX "public"."letter_actions_slug_uq"`);
    await queryRunner.query(`DROP TABLE "letter_actions"`);
    await queryRunner.query(`DROP TABLE "target_import_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."target_imports_org_idx"`);
    await queryRunner.query(`DROP TABLE "target_imports"`);
    await queryRunner.query(`DROP INDEX "public"."target_responsibilities_lookup_idx"`);
    await queryRunner.query(`DROP INDEX "public"."target_responsibilities_target_idx"`);
    await queryRunner.query(`DROP TABLE "target_responsibilities"`);
    await queryRunner.query(`DROP INDEX "public"."targets_org_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."targets_org_external_uq"`);
    await queryRunner.query(`DROP TABLE "targets"`);
    await queryRunner.query(`DROP INDEX "public"."target_emails_target_address_uq"`);
    await queryRunner.query(`DROP INDEX "public"."target_emails_org_address_idx"`);
    await queryRunner.query(`DROP TABLE "target_emails"`);
    await queryRunner.query(`DROP INDEX "public"."area_lookups_org_country_prefix_uq"`);
    await queryRunner.query(`DROP TABLE "area_lookups"`);
    await queryRunner.query(`DROP TABLE "organisation_relays"`);
  }
}
