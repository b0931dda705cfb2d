import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ResponseLog1796138948477 implements MigrationInterface {
  name = 'ResponseLog1796138948477';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "target_id" uuid NOT NULL, "campaign_id" uuid, "occurred_on" date NOT NULL, "channel" text NOT NULL, "stance" text, "summary" text NOT NULL DEFAULT '', "status" text NOT NULL, "origin" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "source_message_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "responses_recorded_stance_ck" CHECK (status = 'draft' OR stance IS NOT NULL), CONSTRAINT "PK_be3bdac59bd243dff421ad7bf70" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "responses_source_message_uq" ON "responses"  ("source_message_id") WHERE source_message_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "responses_campaign_idx" ON "responses"  ("campaign_id", "occurred_on") WHERE campaign_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "responses_target_idx" ON "responses"  ("target_id", "occurred_on") `);
    await queryRunner.query(`CREATE INDEX "responses_org_date_idx" ON "responses"  ("organization_id", "occurred_on", "created_at") `);
    await queryRunner.query(`CREATE TABLE "response_recommendations" ("response_id" uuid NOT NULL, "recommendation_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_00bc2b95cc1131acbe34f49f6ea" PRIMARY KEY ("response_id", "recommendation_id"))`);
    await queryRunner.query(`CREATE INDEX "response_recommendations_rec_idx" ON "response_recommendations"  ("recommendation_id") `);
    await queryRunner.query(`CREATE TABLE "response_letters" ("response_id" uuid NOT NULL, "letter_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_e25807bb49bbee6007afb586068" PRIMARY KEY ("response_id", "letter_id"))`);
    await queryRunner.query(`CREATE INDEX "response_letters_letter_idx" ON "response_letters"  ("letter_id") `);
    await queryRunner.query(`CREATE TABLE "response_messages" ("response_id" uuid NOT NULL, "message_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_131e9bf2e2c66b010590446aff1" PRIMARY KEY ("response_id", "message_id"))`);
    await queryRunner.query(`CREATE INDEX "response_messages_message_idx" ON "response_messages"  ("message_id") `);
    await queryRunner.query(`ALTER TABLE "responses" ADD CONSTRAINT "FK_33e1420f5ce31846bb028ba8eef" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "responses" ADD CONSTRAINT "FK_588aa21beeeaeebb77bf1799ee6" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "responses" ADD CONSTRAINT "FK_ebca82f42b52e2c4f2a90ab9a84" FOREIGN KEY ("source_message_id") REFERENCES "inbound_messages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "response_recommendations" ADD CONSTRAINT "FK_94e425a27d4868ccd07b2946a8c" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "response_recommendations" ADD CONSTRAINT "FK_1abe1c283ccd3bca5513c01429a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "response_letters" ADD CONSTRAINT "FK_e6b6ac95eb9f079b887e309fbb4" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "response_letters" ADD CONSTRAINT "FK_0fee1cf9abe94912560eee38001" FOREIGN KEY ("letter_id") REFERENCES "letters"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "response_messages" ADD CONSTRAINT "FK_0b854db829d95dedabbb2ea56dd" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "response_messages" ADD CONSTRAINT "FK_23ecd1d79a2f5646d7ea2ce9774" FOREIGN KEY ("message_id") REFERENCES "inbound_messages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "response_messages" DROP CONSTRAINT "FK_23ecd1d79a2f5646d7ea2ce9774"`);
    await queryRunner.query(`ALTER TABLE "response_messages" DROP CONSTRAINT "FK_0b854db829d95dedabbb2ea56dd"`);
    await queryRunner.query(`ALTER TABLE "response_letters" DROP CONSTRAINT "FK_0fee1cf9abe94912560eee38001"`);
    await queryRunner.query(`ALTER TABLE "response_letters" DROP CONSTRAINT "FK_e6b6ac95eb9f079b887e309fbb4"`);
    await queryRunner.query(`ALTER TABLE "response_recommendations" DROP CONSTRAINT "FK_1abe1c283ccd3bca5513c01429a"`);
    await queryRunner.query(`ALTER TABLE "response_recommendations" DROP CONSTRAINT "FK_94e425a27d4868ccd07b2946a8c"`);
    await queryRunner.query(`ALTER TABLE "responses" DROP CONSTRAINT "FK_ebca82f42b52e2c4f2a90ab9a84"`);
    await queryRunner.query(`ALTER TABLE "responses" DROP CONSTRAINT "FK_588aa21beeeaeebb77bf1799ee6"`);
    await queryRunner.query(`ALTER TABLE "responses" DROP CONSTRAINT "FK_33e1420f5ce31846bb028ba8eef"`);
    await queryRunner.query(`DROP INDEX "public"."response_messages_message_idx"`);
    await queryRunner.query(`DROP TABLE "response_messages"`);
    await queryRunner.query(`DROP INDEX "public"."response_letters_letter_idx"`);
    await queryRunner.query(`DROP TABLE "response_letters"`);
    await queryRunner.query(`DROP INDEX "public"."response_recommendations_rec_idx"`);
    await queryRunner.query(`DROP TABLE "response_recommendations"`);
    await queryRunner.query(`DROP INDEX "public"."responses_org_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."responses_target_idx"`);
    await queryRunner.query(`DROP INDEX "public"."responses_campaign_idx"`);
    await queryRunner.query(`DROP INDEX "public"."responses_source_message_uq"`);
    await queryRunner.query(`DROP TABLE "responses"`);
  }
}
