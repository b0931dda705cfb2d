import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  CatalogueLoader,
  parseStudyCatalogue,
  Recommendation,
  RecommendationCatalogue,
  SHIPPED_STUDY_CATALOGUE_FILE,
  shippedStudyCatalogue,
} from '#rally/recommendations';
import { createTestDatabase, type TestDatabase } from '#rally-testing/core';
import { rallyDataSourceOptions } from './rally-schema.js';

type Item = Record<string, unknown> & { code: string };
const shipped = JSON.parse(readFileSync(SHIPPED_STUDY_CATALOGUE_FILE, 'utf8')) as {
  schemaVersion: string;
  recommendations: Item[];
};
/** The shipped file under another version, its items changed by `edit` (return null to drop one). */
const version = (schemaVersion: string, edit: (i: Item) => Item | null = (i) => i) =>
  parseStudyCatalogue(
    JSON.stringify({
      ...shipped,
      schemaVersion,
      recommendations: shipped.recommendations.flatMap((i) => edit(structuredClone(i)) ?? []),
    }),
  );

describe('CatalogueLoader (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let loader: CatalogueLoader;
  beforeEach(async () => {
    db = await createTestDatabase();
    // The schema as the checked-in migrations make it (here, beside them, since libraries do not import libs/schema).
    ds = new DataSource(await rallyDataSourceOptions(db.url, 4));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    loader = new CatalogueLoader(ds);
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });
  const study = (code: string) => ds.getRepository(Recommendation).findOneByOrFail({ code, sourceKind: 'study' });

  it('loads the shipped file once however many processes boot together, and records its version', async () => {
    const loads = await Promise.all([1, 2, 3].map(() => loader.load(shippedStudyCatalogue())));
    expect(loads.map((l) => l.outcome).sort()).toEqual(['loaded', 'unchanged', 'unchanged']);
    expect(loads.find((l) => l.outcome === 'loaded')?.written).toBe(shipped.recommendations.length);
    expect(await ds.getRepository(Recommendation).count()).toBe(shipped.recommendations.length);
    const recorded = await ds.getRepository(RecommendationCatalogue).findOneByOrFail({ name: 'global-study' });
    expect([recorded.version, recorded.itemCount]).toEqual([shipped.schemaVersion, shipped.recommendations.length]);
    const mig1 = await study('MIG-1');
    expect([mig1.focusArea, mig1.verification, mig1.organisationId, mig1.catalogueVersion]).toEqual([
      'migration',
      'secondary',
      null,
      shipped.schemaVersion,
    ]);
  });

  it('a newer version updates titles, summaries, verification and evidence in place, keeping ids', async () => {
    await loader.load(shippedStudyCatalogue());
    const before = await study('AC-1');
    const newer = version('1.1', (i) =>
      i.code === 'AC-1'
        ? {
            ...i,
            title: 'A newer title',
            summary: 'A newer summary',
            verification: 'secondary',
            evidence: [{ url: 'https://example.org/new', supports: 'the newer source' }],
          }
        : i,
    );
    expect(await loader.load(newer)).toMatchObject({ outcome: 'loaded', version: '1.1', written: 1, withdrawn: 0 });
    const after = await study('AC-1');
    expect(after).toMatchObject({
      id: before.id,
      title: 'A newer title',
      summary: 'A newer summary',
      verification: 'secondary',
      evidence: [{ url: 'https://example.org/new', supports: 'the newer source' }],
      catalogueVersion: '1.1',
    });
    expect((await study('GEN-1')).catalogueVersion).toBe(shipped.schemaVersion);
  });

  it('an item missing from a newer version is kept but withdrawn, and comes back if a later one has it again', async () => {
    await loader.load(shippedStudyCatalogue());
    const before = await study('NS-2');
    expect(await loader.load(version('1.1', (i) => (i.code === 'NS-2' ? null : i)))).toMatchObject({
      outcome: 'loaded',
      written: 0,
      withdrawn: 1,
    });
    expect(await study('NS-2')).toMatchObject({ id: before.id, withdrawn: true, title: before.title });
    expect(await ds.getRepository(Recommendation).countBy({ withdrawn: true })).toBe(1);
    await loader.load(version('1.2'));
    expect(await study('NS-2')).toMatchObject({ id: before.id, withdrawn: false });
  });

  it('an older file (a process of the previous release) never undoes a newer catalogue', async () => {
    await loader.load(version('2.0', (i) => ({ ...i, title: `${String(i.title)} (2.0)` })));
    expect(await loader.load(version('1.0', (i) => (i.code === 'GEN-1' ? null : i)))).toMatchObject({
      outcome: 'older-file',
      version: '2.0',
    });
    expect(await study('GEN-1')).toMatchObject({ withdrawn: false, title: expect.stringMatching(/\(2\.0\)$/) });
  });

  it('a corrected file under the same version is loaded too', async () => {
    await loader.load(version('1.0'));
    const corrected = version('1.0', (i) => (i.code === 'GEN-2' ? { ...i, summary: 'Corrected.' } : i));
    expect(await loader.load(corrected)).toMatchObject({ outcome: 'loaded', written: 1 });
    expect((await study('GEN-2')).summary).toBe('Corrected.');
  });
});
