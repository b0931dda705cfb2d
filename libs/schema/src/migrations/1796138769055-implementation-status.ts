import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImplementationStatus1796138769055 implements MigrationInterface {
  name = 'ImplementationStatus1796138769055';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "implementation_history" ("seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "organization_id" uuid NOT NULL, "country" text NOT NULL, "recommendation_id" uuid NOT NULL, "event" text NOT NULL, "proposal_id" uuid, "before" jsonb, "after" jsonb NOT NULL, "actor_user_id" uuid, "actor_token_id" uuid, "comment" text NOT NULL DEFAULT '', "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9ea199830a4d52f898085082226" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "implementation_history_key_idx" ON "implementation_history"  ("organization_id", "country", "recommendation_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "implementation_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "country" text NOT NULL, "recommendation_id" uuid NOT NULL, "base_version" integer NOT NULL, "proposed" jsonb NOT NULL, "state" text NOT NULL, "proposed_by_user_id" uuid, "proposed_by_token_id" uuid, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_user_id" uuid, "decided_by_token_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "comment" text NOT NULL DEFAULT '', CONSTRAINT "PK_ba7fffc051edb9dff4b26bfae30" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "implementation_proposals_org_idx" ON "implementation_proposals"  ("organization_id", "state", "proposed_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "implementation_proposals_pending_uq" ON "implementation_proposals"  ("organization_id", "country", "recommendation_id") WHERE state = 'pending'`);
    await queryRunner.query(`CREATE TABLE "implementation_settings" ("organization_id" uuid NOT NULL, "second_reviewer" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3accc44dd07219894bf8f928a1f" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE TABLE "implementation_statuses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "country" text NOT NULL, "recommendation_id" uuid NOT NULL, "status" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "evidence_summary" text NOT NULL DEFAULT '', "evidence_date" date, "last_verified" date, "note" text NOT NULL DEFAULT '', "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by_user_id" uuid, CONSTRAINT "implementation_statuses_key_uq" UNIQUE ("organization_id", "country", "recommendation_id"), CONSTRAINT "PK_f457ba255491bcbe6b92a509595" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "implementation_statuses_board_idx" ON "implementation_statuses"  ("organization_id", "country", "status") `);
    await queryRunner.query(`ALTER TABLE "implementation_statuses" ADD CONSTRAINT "FK_ca4fec36e7a7a3c6be0ad37f1cd" FOREIGN KEY ("recommendation_id") REFERENCES "recommendations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // The history is append-only like the audit log: the database itself refuses to change or remove an event.
    await queryRunner.query(`CREATE FUNCTION implementation_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'implementation_history is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER implementation_history_no_update_delete BEFORE UPDATE OR DELETE ON "implementation_history" FOR EACH ROW EXECUTE FUNCTION implementation_history_append_only()`);
    await queryRunner.query(`CREATE TRIGGER implementation_history_no_truncate BEFORE TRUNCATE ON "implementation_history" FOR EACH STATEMENT EXECUTE FUNCTION implementation_history_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "implementation_history_no_truncate" ON "implementation_history"`);
    await queryRunner.query(`DROP TRIGGER "implementation_history_no_update_delete" ON "implementation_history"`);
    await queryRunner.query(`DROP FUNCTION implementation_history_append_only()`);
    await queryRunner.query(`ALTER TABLE "implementation_statuses" DROP CONSTRAINT "FK_ca4fec36e7a7a3c6be0ad37f1cd"`);
    await queryRunner.query(`DROP INDEX "public"."implementation_statuses_board_idx"`);
    await queryRunner.query(`DROP TABLE "implementation_statuses"`);
    await queryRunner.query(`DROP TABLE "implementation_settings"`);
    await queryRunner.query(`DROP INDEX "public"."implementation_proposals_pending_uq"`);
    await queryRunner.query(`DROP INDEX "public"."implementation_proposals_org_idx"`);
    await queryRunner.query(`DROP TABLE "implementation_proposals"`);
    await queryRunner.query(`DROP INDEX "public"."implementation_history_key_idx"`);
    await queryRunner.query(`DROP TABLE "implementation_history"`);
  }
}
