import { readFileSync } from 'node:fs';
import { STUDY_FOCUS_AREAS } from '../focus-areas.js';
import { studyRecommends } from '../recommendation-wording.js';
import {
  compareVersions,
  parseStudyCatalogue,
  SHIPPED_STUDY_CATALOGUE_FILE,
  shippedStudyCatalogue,
  StudyCatalogueInvalidError,
} from './study-catalogue.js';

const shippedJson = (): Record<string, unknown> =>
  JSON.parse(readFileSync(SHIPPED_STUDY_CATALOGUE_FILE, 'utf8')) as Record<string, unknown>;
const withItems = (items: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ ...shippedJson(), recommendations: items, ...extra });
const item = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  code: 'MIG-1',
  focusArea: 'MIGRATION',
  title: 'End immigration detention of children',
  summary: 'States should end it.',
  sourceRef: 'Global Study, migration chapter',
  verification: 'secondary',
  evidence: [{ url: 'https://example.org/mig', supports: 'the heading' }],
  ...overrides,
});

describe('the shipped Study catalogue', () => {
  const catalogue = shippedStudyCatalogue();

  it('keeps the file version and maps every focus area of the file onto Rally codes, null meaning overarching', () => {
    expect(catalogue.version).toBe(shippedJson().schemaVersion);
    expect(catalogue.items).toHaveLength((shippedJson().recommendations as unknown[]).length);
    const areas = new Set(catalogue.items.map((i) => i.focusArea));
    expect([...areas].filter((a) => a !== null).sort()).toEqual([...STUDY_FOCUS_AREAS].sort());
    expect(catalogue.items.find((i) => i.code === 'GEN-1')?.focusArea).toBeNull();
    expect(catalogue.items.find((i) => i.code === 'CG-1')?.focusArea).toBe('children-with-parents-in-prison');
  });

  it('carries the legend of every verification level', () => {
    expect(Object.keys(catalogue.legend).sort()).toEqual(['partial', 'primary', 'secondary', 'unverified']);
    expect(catalogue.legend.unverified).toMatch(/not confirmed as Study text/);
  });

  it('never presents an unverified or partial item as "the Study recommends"', () => {
    const said = (code: string): boolean => {
      const i = catalogue.items.find((x) => x.code === code);
      if (!i) throw new Error(`no ${code}`);
      return studyRecommends({ sourceKind: 'study', verification: i.verification, withdrawn: false });
    };
    expect([said('GEN-3'), said('GEN-1'), said('JUS-2'), said('AC-1')]).toEqual([true, true, false, false]);
    expect(studyRecommends({ sourceKind: 'study', verification: 'primary', withdrawn: true })).toBe(false);
    expect(studyRecommends({ sourceKind: 'organisation', verification: null, withdrawn: false })).toBe(false);
  });
});

describe('parseStudyCatalogue', () => {
  it('refuses a file with an unknown focus area, a repeated code or an unknown level, naming each', () => {
    const raw = withItems([item(), item(), item({ code: 'X-1', focusArea: 'SPACE', verification: 'rumour' })]);
    expect(() => parseStudyCatalogue(raw)).toThrow(StudyCatalogueInvalidError);
    expect(() => parseStudyCatalogue(raw)).toThrow(
      /recommendations\.1\.code MIG-1 is given twice.*recommendations\.2\.focusArea SPACE.*recommendations\.2\.verification/,
    );
  });

  it('refuses a version that is not dotted numbers', () => {
    expect(() => parseStudyCatalogue(withItems([item()], { schemaVersion: 'latest' }))).toThrow(/schemaVersion/);
  });

  it('hashes the content, so a corrected file of the same version is told apart', () => {
    const a = parseStudyCatalogue(withItems([item()]));
    const b = parseStudyCatalogue(withItems([item({ title: 'End immigration detention of all children' })]));
    expect([a.version, a.contentHash === b.contentHash]).toEqual([b.version, false]);
  });
});

describe('compareVersions', () => {
  it('orders dotted versions by number', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1')).toBe(0);
    expect(compareVersions('1.0', '2.0')).toBeLessThan(0);
  });
});
