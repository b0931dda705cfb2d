import { DataSource } from 'typeorm';
import { OrganisationDirectory } from '#rally/access';
import { createTestDatabase, type TestDatabase } from '#rally-testing/core';
import { migrateRallyDatabase, rallyDataSourceOptions } from '#rally/schema';
import { PublicPetitionCache } from '../../libs/petitions/src/public-page/public-petition.cache.js';

// A scan of random addresses (a bot, a crawler) must not push the busy petitions out of memory: each would then cost
// a database read per request again, exactly when traffic is highest.
describe('PublicPetitionCache', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let cache: PublicPetitionCache;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateRallyDatabase(db.url);
    ds = await new DataSource(await rallyDataSourceOptions(db.url, 4)).initialize();
    const [org] = (await ds.query(
      `INSERT INTO organization (name, slug, country, time_zone, default_language) VALUES ('Org', 'org', 'FR', 'Europe/Paris', 'en') RETURNING id`,
    )) as { id: string }[];
    const [campaign] = (await ds.query(`INSERT INTO campaigns (organization_id, name) VALUES ($1, 'C') RETURNING id`, [
      org.id,
    ])) as { id: string }[];
    await ds.query(
      `INSERT INTO petitions (organization_id, campaign_id, slug, title, ask, goal, language, status) VALUES ($1, $2, 'busy-petition', 'Busy', 'An ask.', 10, 'en', 'open')`,
      [org.id, campaign.id],
    );
    cache = new PublicPetitionCache(ds, new OrganisationDirectory(ds));
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('keeps a busy petition cached through a scan of 30,000 random slugs, and remembers unknown ones too', async () => {
    const now = 1_000_000;
    expect((await cache.bySlug('busy-petition', now))?.title).toBe('Busy');
    const loadsAfterFirst = cache.loads;
    for (let i = 0; i < 30_000; i++) await cache.bySlug(`no-such-petition-${i}`, now);
    expect(cache.loads).toBe(loadsAfterFirst + 30_000);
    expect((await cache.bySlug('busy-petition', now + 1))?.title).toBe('Busy');
    expect(cache.loads).toBe(loadsAfterFirst + 30_000); // served from memory: no read
    expect(await cache.bySlug('no-such-petition-29999', now + 1)).toBeNull();
    expect(cache.loads).toBe(loadsAfterFirst + 30_000); // the latest unknown ones are remembered
  });

  it('reads the petition again once its entry is older than two seconds', async () => {
    const before = cache.loads;
    await cache.bySlug('busy-petition', 2_000_000);
    await cache.bySlug('busy-petition', 2_001_999);
    expect(cache.loads).toBe(before + 1);
    await cache.bySlug('busy-petition', 2_002_000);
    expect(cache.loads).toBe(before + 2);
  });
});
