import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PetitionCountCache } from '#rally/petitions';
import { startRally, type RallyHarness } from '../support/rally-harness.js';

// The api's in-memory counts read only rows stamped since the last refresh; a write that commits long after its
// stamp must still reach them, at the latest at the periodic full read.
describe('petition count cache in the api', () => {
  let rally: RallyHarness;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => rally.close());

  it('picks up a count whose stamp is older than the watermark', async () => {
    const cache = rally.api.get(PetitionCountCache);
    const [fresh, late] = [randomUUID(), randomUUID()];
    const org = randomUUID();
    await db.query(
      `INSERT INTO petition_counts (petition_id, organization_id, online, paper, updated_at) VALUES ($1, $2, 5, 0, clock_timestamp())`,
      [fresh, org],
    );
    await cache.refresh();
    expect(cache.get(fresh).total).toBe(5);

    // Committed now, stamped an hour ago: invisible to the incremental read.
    await db.query(
      `INSERT INTO petition_counts (petition_id, organization_id, online, paper, updated_at) VALUES ($1, $2, 7, 2, now() - interval '1 hour')`,
      [late, org],
    );
    let refreshes = 0;
    while (cache.get(late).total === 0 && refreshes < 100) {
      await cache.refresh();
      refreshes++;
    }
    expect(cache.get(late)).toMatchObject({ online: 7, paper: 2, total: 9 });
    expect(refreshes).toBeGreaterThan(1); // it took the full read, not the incremental one
  });
});
