import { DataSource } from 'typeorm';
import { InvalidInputError, parseConfig } from '#rally/core';
import { RALLY_CONFIG_SECTIONS, rallyDataSourceOptions } from '#rally/schema';
import type { TestDatabase } from '#rally-testing/core';
import { createTestDatabase } from '#rally-testing/core';
import { StaffUser } from '#rally/access';
import { createOrganisationWithAdmin, OrganisationSlugTakenError, verifyPassword } from '#rally/organisations';
import { demoSeedHook } from '../../apps/cli/src/organisation.commands.js';

describe('first run and create-admin', () => {
  let testDb: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new DataSource(await rallyDataSourceOptions(testDb.url, 4));
    await db.initialize();
    await db.runMigrations();
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });

  it('prints the demo login on the first start only (also when two launchers race), and the printed password works', async () => {
    const config = parseConfig({ DATABASE_URL: testDb.url }, RALLY_CONFIG_SECTIONS);
    const printed = await Promise.all([demoSeedHook(config, testDb.url), demoSeedHook(config, testDb.url)]);
    const withLogin = printed.filter((lines) => lines.length > 0);
    expect(withLogin).toHaveLength(1);
    const password = /admin@demo\.rally\.localhost \/ (\S+)/.exec(withLogin[0].join('\n'))?.[1];
    expect(withLogin[0].join('\n')).toContain(`(sign in at ${config.http.publicUrl}/console)`);
    const user = await db.getRepository(StaffUser).findOneByOrFail({ email: 'admin@demo.rally.localhost' });
    expect(await verifyPassword(user.passwordHash, password as string)).toBe(true);
    expect(await demoSeedHook(config, testDb.url)).toEqual([]);
    expect(
      await demoSeedHook(
        parseConfig({ DATABASE_URL: testDb.url, DEMO_SEED: 'false' }, RALLY_CONFIG_SECTIONS),
        testDb.url,
      ),
    ).toEqual([]);
  });

  it('creates an organisation with its admin, reusing an existing account without touching its password', async () => {
    const created = await createOrganisationWithAdmin(db, {
      organisation: {
        name: 'Child Rights Now',
        slug: 'crn',
        country: 'FR',
        timeZone: 'Europe/Paris',
        defaultLanguage: 'fr',
      },
      admin: { email: 'Lead@Example.org', name: 'Lead' },
    });
    expect(created.user.email).toBe('lead@example.org');
    expect(created.password).toBeDefined();
    const second = await createOrganisationWithAdmin(db, {
      organisation: {
        name: 'Second',
        slug: 'second',
        country: 'BE',
        timeZone: 'Europe/Brussels',
        defaultLanguage: 'en',
      },
      admin: { email: 'lead@example.org', name: 'Lead' },
    });
    expect(second.user.id).toBe(created.user.id);
    expect(second.password).toBeUndefined();
    await expect(
      createOrganisationWithAdmin(db, {
        organisation: { name: 'Dup', slug: 'crn', country: 'FR', timeZone: 'UTC', defaultLanguage: 'en' },
        admin: { email: 'x@example.org', name: 'X' },
      }),
    ).rejects.toBeInstanceOf(OrganisationSlugTakenError);
    const invalid = createOrganisationWithAdmin(db, {
      organisation: {
        name: 'Bad',
        slug: 'Bad Slug',
        country: 'France',
        timeZone: 'Nowhere/Land',
        defaultLanguage: 'en',
      },
      admin: { email: 'x@example.org', name: 'X' },
    });
    await expect(invalid).rejects.toBeInstanceOf(InvalidInputError);
    await expect(invalid).rejects.toMatchObject({
      fields: { slug: expect.any(Array), country: expect.any(Array), timeZone: expect.any(Array) },
    });
  });
});
