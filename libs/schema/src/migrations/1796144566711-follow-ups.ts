import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowUps1796144566711 implements MigrationInterface {
  name = 'FollowUps1796144566711';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "follow_up_digests" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "local_day" date NOT NULL, "items" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b5f9eb7fc8504d1169be0405f36" PRIMARY KEY ("organization_id", "user_id", "local_day"))`);
    await queryRunner.query(`CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" text NOT NULL, "note" text NOT NULL DEFAULT '', "due_on" date NOT NULL, "owner_id" uuid NOT NULL, "status" text NOT NULL, "campaign_id" uuid, "created_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "next_reminder_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "follow_ups_reminder_open_ck" CHECK (status = 'open' OR next_reminder_on IS NULL), CONSTRAINT "follow_ups_closed_ck" CHECK ((status = 'open') = (closed_at IS NULL)), CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "follow_ups_next_reminder_idx" ON "follow_ups"  ("next_reminder_on") WHERE next_reminder_on IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "follow_ups_campaign_idx" ON "follow_ups"  ("campaign_id") WHERE campaign_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "follow_ups_org_owner_idx" ON "follow_ups"  ("organization_id", "owner_id", "due_on") `);
    await queryRunner.query(`CREATE INDEX "follow_ups_org_due_idx" ON "follow_ups"  ("organization_id", "due_on", "created_at") `);
    await queryRunner.query(`CREATE TABLE "follow_up_recommendations" ("follow_up_id" uuid NOT NULL, "recommendation_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_d931aaf4e9154ccb3a06ec6e17e" PRIMARY KEY ("follow_up_id", "recommendation_id"))`);
    await queryRunner.query(`CREATE INDEX "follow_up_recommendations_rec_idx" ON "follow_up_recommendations"  ("recommendation_id") `);
    await queryRunner.query(`CREATE TABLE "follow_up_targets" ("follow_up_id" uuid NOT NULL, "target_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_4c181b162446ab5ee7968bb6c6a" PRIMARY KEY ("follow_up_id", "target_id"))`);
    await queryRunner.query(`CREATE INDEX "follow_up_targets_target_idx" ON "follow_up_targets"  ("target_id") `);
    await queryRunner.query(`CREATE TABLE "follow_up_responses" ("follow_up_id" uuid NOT NULL, "response_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_19fe57feeb3ffc92433b0ad3817" PRIMARY KEY ("follow_up_id", "response_id"))`);
    await queryRunner.query(`CREATE INDEX "follow_up_responses_response_idx" ON "follow_up_responses"  ("response_id") `);
    await queryRunner.query(`CREATE TABLE "follow_up_preferences" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "language" text, "digest" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7c1c4e1b048fe6156170e6cc44e" PRIMARY KEY ("organization_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "follow_up_preferences_digest_idx" ON "follow_up_preferences"  ("organization_id") WHERE digest`);
    await queryRunner.query(`CREATE TABLE "follow_up_reminders" ("follow_up_id" uuid NOT NULL, "due_on" date NOT NULL, "step" text NOT NULL, "step_on" date NOT NULL, "organization_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0bc8a98de9345d95d549238e228" PRIMARY KEY ("follow_up_id", "due_on", "step"))`);
    await queryRunner.query(`CREATE TABLE "follow_up_settings" ("organization_id" uuid NOT NULL, "days_before" integer array NOT NULL DEFAULT '{3}', "digest" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_867554e4ab68a8abaa86c36f30e" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`ALTER TABLE "follow_ups" ADD CONSTRAINT "FK_d8eea4e38ec4a05e7522c58e76e" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_recommendations" ADD CONSTRAINT "FK_486547503174d3c697298729678" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_recommendations" ADD CONSTRAINT "FK_672e32055572d8dc6ab4ddbe072" FOREIGN KEY ("recommendation_id") REFERENCES "recommendations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_targets" ADD CONSTRAINT "FK_87ce4284c75decfcedd6ae410da" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_targets" ADD CONSTRAINT "FK_6f738036347ca806a3c79e788bb" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_responses" ADD CONSTRAINT "FK_84fa79c8f90b9fbc6fff0984e36" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_responses" ADD CONSTRAINT "FK_6a253412050159ffefa82c05524" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_reminders" ADD CONSTRAINT "FK_9f58dd16c605589405910f46d8c" FOREIGN KEY ("follow_up_id") REFERENCES "follow_ups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_up_reminders" DROP CONSTRAINT "FK_9f58dd16c605589405910f46d8c"`);
    await queryRunner.query(`ALTER TABLE "follow_up_responses" DROP CONSTRAINT "FK_6a253412050159ffefa82c05524"`);
    await queryRunner.query(`ALTER TABLE "follow_up_responses" DROP CONSTRAINT "FK_84fa79c8f90b9fbc6fff0984e36"`);
    await queryRunner.query(`ALTER TABLE "follow_up_targets" DROP CONSTRAINT "FK_6f738036347ca806a3c79e788bb"`);
    await queryRunner.query(`ALTER TABLE "follow_up_targets" DROP CONSTRAINT "FK_87ce4284c75decfcedd6ae410da"`);
    await queryRunner.query(`ALTER TABLE "follow_up_recommendations" DROP CONSTRAINT "FK_672e32055572d8dc6ab4ddbe072"`);
    await queryRunner.query(`ALTER TABLE "follow_up_recommendations" DROP CONSTRAINT "FK_486547503174d3c697298729678"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_d8eea4e38ec4a05e7522c58e76e"`);
    await queryRunner.query(`DROP TABLE "follow_up_settings"`);
    await queryRunner.query(`DROP TABLE "follow_up_reminders"`);
    await queryRunner.query(`DROP INDEX "public"."follow_up_preferences_digest_idx"`);
    await queryRunner.query(`DROP TABLE "follow_up_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."follow_up_responses_response_idx"`);
    await queryRunner.query(`DROP TABLE "follow_up_responses"`);
    await queryRunner.query(`DROP INDEX "public"."follow_up_targets_target_idx"`);
    await queryRunner.query(`DROP TABLE "follow_up_targets"`);
    await queryRunner.query(`DROP INDEX "public"."follow_up_recommendations_rec_idx"`);
    await queryRunner.query(`DROP TABLE "follow_up_recommendations"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_org_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_org_owner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_campaign_idx"`);
    await queryRunner.query(`DROP INDEX "public"."follow_ups_next_reminder_idx"`);
    await queryRunner.query(`DROP TABLE "follow_ups"`);
    await queryRunner.query(`DROP TABLE "follow_up_digests"`);
  }
}
