import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EscalationRules1796146238782 implements MigrationInterface {
  name = 'EscalationRules1796146238782';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "escalation_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "name" text NOT NULL, "days" integer NOT NULL, "target_ids" uuid array, "action" text NOT NULL, "owner_id" uuid, "follow_up_title" text, "follow_up_due_days" integer NOT NULL DEFAULT '7', "letter_action_id" uuid, "enabled" boolean NOT NULL DEFAULT true, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "escalation_rules_open_action_ck" CHECK (action <> 'open-action' OR letter_action_id IS NOT NULL), CONSTRAINT "escalation_rules_follow_up_ck" CHECK (action <> 'follow-up' OR (owner_id IS NOT NULL AND follow_up_title IS NOT NULL)), CONSTRAINT "PK_d4674a40130565f540dd2d59884" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "escalation_rules_org_campaign_idx" ON "escalation_rules"  ("organization_id", "campaign_id") `);
    await queryRunner.query(`CREATE TABLE "escalation_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "target_id" uuid NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" text NOT NULL, "detail" text NOT NULL DEFAULT '', "follow_up_id" uuid, CONSTRAINT "PK_971e358d451887839040800eb8c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "escalation_runs_org_idx" ON "escalation_runs"  ("organization_id", "ran_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "escalation_runs_rule_target_uq" ON "escalation_runs"  ("rule_id", "target_id") `);
    await queryRunner.query(`ALTER TABLE "escalation_rules" ADD CONSTRAINT "FK_65a8b1cddb14ea7c963b2e51150" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "escalation_runs" ADD CONSTRAINT "FK_e67a2b0ff033712f17c07cafc42" FOREIGN KEY ("rule_id") REFERENCES "escalation_rules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "escalation_runs" DROP CONSTRAINT "FK_e67a2b0ff033712f17c07cafc42"`);
    await queryRunner.query(`ALTER TABLE "escalation_rules" DROP CONSTRAINT "FK_65a8b1cddb14ea7c963b2e51150"`);
    await queryRunner.query(`DROP INDEX "public"."escalation_runs_rule_target_uq"`);
    await queryRunner.query(`DROP INDEX "public"."escalation_runs_org_idx"`);
    await queryRunner.query(`DROP TABLE "escalation_runs"`);
    await queryRunner.query(`DROP INDEX "public"."escalation_rules_org_campaign_idx"`);
    await queryRunner.query(`DROP TABLE "escalation_rules"`);
  }
}
