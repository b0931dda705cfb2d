import { DataSource } from 'typeorm';
import { normaliseEmail } from '#rally/core';
import { createTestDatabase, type TestDatabase } from '#rally-testing/core';
import { rallyDataSourceOptions } from './rally-schema.js';

// The backfill copies normaliseEmail's rules into SQL; both must agree on every kind of address.
describe('staff email identity backfill', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(await rallyDataSourceOptions(db.url, 2));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('rewrites staff and invitation emails to what normaliseEmail gives, leaving a clash alone', async () => {
    const emails = [
      'Jane.Doe+rally@GMail.com',
      'j.smith@googlemail.com',
      'Amina+x@outlook.com',
      'first.last+news@example.org',
      'ADMIN@Demo.Rally.Localhost',
    ];
    // Back to just before the backfill, whatever migrations came after it.
    const applied = async (): Promise<string[]> =>
      ((await ds.query(`SELECT name FROM schema_migrations`)) as { name: string }[]).map((r) => r.name);
    while ((await applied()).includes('StaffEmailIdentity1795400000000'))
      await ds.undoLastMigration({ transaction: 'each' });
    for (const [i, email] of [...emails, 'janedoe@gmail.com'].entries())
      await ds.query(
        `INSERT INTO staff_user (email, name, password_hash, password_changed_at) VALUES ($1, $2, 'x', now())`,
        [email, `User ${i}`],
      );
    await ds.query(
      `INSERT INTO invitation (organization_id, email, role, token_hash, expires_at) VALUES (gen_random_uuid(), $1, 'admin', 'h', now())`,
      ['Sam.Lee+org@Gmail.com'],
    );
    await ds.runMigrations({ transaction: 'each' });

    const stored = (await ds.query(`SELECT email FROM staff_user ORDER BY name`)) as { email: string }[];
    // User 0 would become janedoe@gmail.com, which User 5 already holds: left as typed.
    expect(stored.map((r) => r.email)).toEqual([
      'Jane.Doe+rally@GMail.com',
      ...emails.slice(1).map(normaliseEmail),
      'janedoe@gmail.com',
    ]);
    // The later email_normalized backfill gives every account its identity form, the one left as typed included.
    const identities = (await ds.query(`SELECT email_normalized FROM staff_user ORDER BY name`)) as {
      email_normalized: string;
    }[];
    expect(identities.map((r) => r.email_normalized)).toEqual([...emails, 'janedoe@gmail.com'].map(normaliseEmail));
    expect(await ds.query(`SELECT email FROM invitation`)).toEqual([
      { email: normaliseEmail('Sam.Lee+org@Gmail.com') },
    ]);
  });
});
