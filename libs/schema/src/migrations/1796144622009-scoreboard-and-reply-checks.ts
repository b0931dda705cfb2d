import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScoreboardAndReplyChecks1796144622009 implements MigrationInterface {
  name = 'ScoreboardAndReplyChecks1796144622009';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scoreboard_holidays" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "country" text NOT NULL, "day" date NOT NULL, "name" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2dc146e90fd53285a1c0eae8017" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "scoreboard_holidays_day_uq" ON "scoreboard_holidays"  ("organization_id", "country", "day") `);
    await queryRunner.query(`CREATE TABLE "scoreboard_settings" ("organization_id" uuid NOT NULL, "public" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7653d87860c08a00ecab16364cc" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE TABLE "scoreboard_waves" ("action_id" uuid NOT NULL, "target_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "letters" integer NOT NULL DEFAULT '0', "first_ack_on" date, "ack_business_days" integer, "first_substantive_on" date, "substantive_business_days" integer, "responses" integer NOT NULL DEFAULT '0', "reported_yes" integer NOT NULL DEFAULT '0', "reported_acknowledgement" integer NOT NULL DEFAULT '0', "reported_no" integer NOT NULL DEFAULT '0', "reported_not_yet" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abc381e7b7d2de67104f88cf221" PRIMARY KEY ("action_id", "target_id"))`);
    await queryRunner.query(`CREATE INDEX "scoreboard_waves_target_idx" ON "scoreboard_waves"  ("target_id") `);
    await queryRunner.query(`CREATE INDEX "scoreboard_waves_org_idx" ON "scoreboard_waves"  ("organization_id", "campaign_id") `);
    await queryRunner.query(`CREATE TABLE "reply_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "action_id" uuid NOT NULL, "supporter_email_normalized" text NOT NULL, "email" text NOT NULL, "language" text NOT NULL, "first_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminder_sent_at" TIMESTAMP WITH TIME ZONE, "answer" text, "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "reply_checks_answer_ck" CHECK (answer IS NULL OR answer IN ('yes', 'acknowledgement', 'no', 'not-yet')), CONSTRAINT "PK_6d87ca9b5a7f7422a1829ec7ca8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "reply_checks_reminder_idx" ON "reply_checks"  ("first_sent_at") WHERE answer IS NULL AND reminder_sent_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reply_checks_action_supporter_uq" ON "reply_checks"  ("action_id", "supporter_email_normalized") `);
    await queryRunner.query(`CREATE TABLE "reply_check_letters" ("check_id" uuid NOT NULL, "letter_id" uuid NOT NULL, "action_id" uuid NOT NULL, "target_id" uuid NOT NULL, CONSTRAINT "PK_4b5321020c9c99ec3762068fbd4" PRIMARY KEY ("check_id", "letter_id"))`);
    await queryRunner.query(`CREATE INDEX "reply_check_letters_wave_idx" ON "reply_check_letters"  ("action_id", "target_id") `);
    await queryRunner.query(`CREATE TABLE "reply_check_opt_outs" ("organization_id" uuid NOT NULL, "email_normalized" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_51a774851e5cd21b11abd4e08e6" PRIMARY KEY ("organization_id", "email_normalized"))`);
    await queryRunner.query(`ALTER TABLE "letters" ADD "sent_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "letters_sent_idx" ON "letters"  ("sent_at") WHERE sent_at IS NOT NULL AND NOT test_mode`);
    await queryRunner.query(`ALTER TABLE "scoreboard_waves" ADD CONSTRAINT "FK_823d8a12743e8a8e74e364f872e" FOREIGN KEY ("action_id") REFERENCES "letter_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scoreboard_waves" ADD CONSTRAINT "FK_328c191fc951bbf183064dc7f70" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reply_checks" ADD CONSTRAINT "FK_203ea45b7e1e84b22c7565a8ac2" FOREIGN KEY ("action_id") REFERENCES "letter_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reply_check_letters" ADD CONSTRAINT "FK_ead8ee1d7ccc9c94137cd1860ea" FOREIGN KEY ("check_id") REFERENCES "reply_checks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reply_check_letters" ADD CONSTRAINT "FK_51fd63e15169444aaa81882a66d" FOREIGN KEY ("letter_id") REFERENCES "letters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reply_check_letters" DROP CONSTRAINT "FK_51fd63e15169444aaa81882a66d"`);
    await queryRunner.query(`ALTER TABLE "reply_check_letters" DROP CONSTRAINT "FK_ead8ee1d7ccc9c94137cd1860ea"`);
    await queryRunner.query(`ALTER TABLE "reply_checks" DROP CONSTRAINT "FK_203ea45b7e1e84b22c7565a8ac2"`);
    await queryRunner.query(`ALTER TABLE "scoreboard_waves" DROP CONSTRAINT "FK_328c191fc951bbf183064dc7f70"`);
    await queryRunner.query(`ALTER TABLE "scoreboard_waves" DROP CONSTRAINT "FK_823d8a12743e8a8e74e364f872e"`);
    await queryRunner.query(`DROP INDEX "public"."letters_sent_idx"`);
    await queryRunner.query(`ALTER TABLE "letters" DROP COLUMN "sent_at"`);
    await queryRunner.query(`DROP TABLE "reply_check_opt_outs"`);
    await queryRunner.query(`DROP INDEX "public"."reply_check_letters_wave_idx"`);
    await queryRunner.query(`DROP TABLE "reply_check_letters"`);
    await queryRunner.query(`DROP INDEX "public"."reply_checks_action_supporter_uq"`);
    await queryRunner.query(`DROP INDEX "public"."reply_checks_reminder_idx"`);
    await queryRunner.query(`DROP TABLE "reply_checks"`);
    await queryRunner.query(`DROP INDEX "public"."scoreboard_waves_org_idx"`);
    await queryRunner.query(`DROP INDEX "public"."scoreboard_waves_target_idx"`);
    await queryRunner.query(`DROP TABLE "scoreboard_waves"`);
    await queryRunner.query(`DROP TABLE "scoreboard_settings"`);
    await queryRunner.query(`DROP INDEX "public"."scoreboard_holidays_day_uq"`);
    await queryRunner.query(`DROP TABLE "scoreboard_holidays"`);
  }
}
