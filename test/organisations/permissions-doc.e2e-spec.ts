import { readFileSync } from 'node:fs';
import { Role } from '#rally/access';
import { RALLY_PERMISSIONS } from '#rally/schema';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { CatalogRoute } from './route-catalog.js';
import { routeCatalog } from './route-catalog.js';

const DOC = new URL('../../docs/permissions.md', import.meta.url);
const ROLES = [Role.Admin, Role.Coordinator, Role.Campaigner];

const accessOf = (r: CatalogRoute): string => {
  switch (r.access.kind) {
    case 'permission':
      return `\`${r.access.permission.name}\``;
    case 'any-member':
      return 'any member';
    case 'signed-in':
      return 'signed-in session';
    case 'public':
      return 'public';
    case 'none':
      return 'NONE';
  }
};

/** docs/permissions.md is checked against the code: the matrix against every library's permissions, the route table against the running api. */
describe('docs/permissions.md', () => {
  let rally: RallyHarness;
  let doc: string;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    doc = readFileSync(DOC, 'utf8');
  });
  afterAll(() => rally.close());

  const rowsOf = (heading: string): string[] => {
    const start = doc.indexOf(heading);
    if (start < 0) throw new Error(`docs/permissions.md has no "${heading}" section`);
    const end = doc.indexOf('\n## ', start + heading.length);
    return doc
      .slice(start, end < 0 ? undefined : end)
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('| `') ||
          l.startsWith('| GET') ||
          l.startsWith('| POST') ||
          l.startsWith('| PATCH') ||
          l.startsWith('| PUT') ||
          l.startsWith('| DELETE'),
      );
  };

  it('shows every permission with exactly the roles that hold it', () => {
    const expected = RALLY_PERMISSIONS.map(
      (p) => `| \`${p.name}\` | ${ROLES.map((r) => (p.roles.includes(r) ? '✓' : ' ')).join(' | ')} | ${p.covers} |`,
    );
    expect(rowsOf('## Permissions')).toEqual(expected);
  });

  it('lists every route of the api with who may call it', () => {
    const expected = routeCatalog(rally.api)
      .filter((r) => r.path.startsWith('/api/'))
      .map((r) => `| ${r.method} | \`${r.path}\` | ${accessOf(r)} |`)
      .sort();
    expect(rowsOf('## Routes').sort()).toEqual(expected);
  });
});
