import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Recommendations1796136055786 implements MigrationInterface {
  name = 'Recommendations1796136055786';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "recommendation_catalogues" ("name" text NOT NULL, "version" text NOT NULL, "content_hash" text NOT NULL, "item_count" integer NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_acda2633a2d09f2033a01bc440a" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "recommendations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid, "source_kind" text NOT NULL, "code" text NOT NULL, "focus_area" text, "title" text NOT NULL, "summary" text NOT NULL DEFAULT '', "source_reference" text NOT NULL DEFAULT '', "source_label" text, "verification" text, "evidence" jsonb NOT NULL DEFAULT '[]', "withdrawn" boolean NOT NULL DEFAULT false, "catalogue_version" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "recommendations_source_ck" CHECK ((source_kind = 'study') = (organization_id IS NULL) AND (source_kind = 'study') = (verification IS NOT NULL)), CONSTRAINT "PK_23a8d2db26db8cabb6ae9d6cd87" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "recommendations_org_code_uq" ON "recommendations"  ("organization_id", "code") WHERE organization_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "recommendations_study_code_uq" ON "recommendations"  ("code") WHERE organization_id IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."recommendations_study_code_uq"`);
    await queryRunner.query(`DROP INDEX "public"."recommendations_org_code_uq"`);
    await queryRunner.query(`DROP TABLE "recommendations"`);
    await queryRunner.query(`DROP TABLE "recommendation_catalogues"`);
  }
}
