import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data backfill: staff_user.email_normalized, the identity mailing suppression hashes are made of (normaliseEmail in
 * core). The rules are copied here as they were at this migration (those of 1795400000000), so later changes to the
 * code cannot change what it did. Every account gets it, the ones 1795400000000 left as typed included.
 */
const IDENTITY = `
  CASE
    WHEN domain IN ('gmail.com', 'googlemail.com') THEN replace(split_part(local, '+', 1), '.', '') || '@gmail.com'
    WHEN domain IN ('outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'fastmail.com',
                    'fastmail.fm', 'proton.me', 'protonmail.com', 'pm.me', 'yandex.ru', 'yandex.com')
      THEN split_part(local, '+', 1) || '@' || domain
    ELSE local || '@' || domain
  END`;

export class StaffEmailNormalizedBackfill1796156754410 implements MigrationInterface {
  name = 'StaffEmailNormalizedBackfill1796156754410';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH p AS (SELECT id, substring(lower(trim(email)) from '^(.*)@') AS local,
                        substring(lower(trim(email)) from '@([^@]*)$') AS domain FROM staff_user)
      UPDATE staff_user u SET email_normalized = CASE WHEN p.local IS NULL THEN lower(trim(u.email)) ELSE ${IDENTITY} END
        FROM p WHERE u.id = p.id AND u.email_normalized IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE staff_user SET email_normalized = NULL`);
  }
}
