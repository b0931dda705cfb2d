import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data backfill: staff emails are now stored in the identity form supporters already use (normaliseEmail in core:
 * lower case, Gmail dots and +tags dropped, +tags dropped at providers that ignore them), so one normaliser serves
 * both. The rules are copied here as they were at this migration, so later changes to the code cannot change what
 * it did. An address whose identity form another account already holds is left as it is (the same mailbox twice).
 */
const IDENTITY = `
  CASE
    WHEN domain IN ('gmail.com', 'googlemail.com') THEN replace(split_part(local, '+', 1), '.', '') || '@gmail.com'
    WHEN domain IN ('outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'fastmail.com',
                    'fastmail.fm', 'proton.me', 'protonmail.com', 'pm.me', 'yandex.ru', 'yandex.com')
      THEN split_part(local, '+', 1) || '@' || domain
    ELSE local || '@' || domain
  END`;

const parts = (table: string): string => `
  SELECT id, email, substring(lower(trim(email)) from '^(.*)@') AS local, substring(lower(trim(email)) from '@([^@]*)$') AS domain FROM ${table}`;

export class StaffEmailIdentity1795400000000 implements MigrationInterface {
  name = 'StaffEmailIdentity1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH p AS (${parts('staff_user')}), n AS (SELECT id, email, ${IDENTITY} AS identity FROM p WHERE local IS NOT NULL)
      UPDATE staff_user u SET email = n.identity FROM n
      WHERE u.id = n.id AND n.identity <> u.email AND NOT EXISTS (SELECT 1 FROM staff_user o WHERE o.email = n.identity)`);
    await queryRunner.query(`
      WITH p AS (${parts('invitation')}), n AS (SELECT id, email, ${IDENTITY} AS identity FROM p WHERE local IS NOT NULL)
      UPDATE invitation i SET email = n.identity FROM n WHERE i.id = n.id AND n.identity <> i.email`);
  }

  /** The forms typed before are not kept, so nothing to restore: the addresses still reach the same mailboxes. */
  public async down(): Promise<void> {}
}
