import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument, openApiJson } from '../../apps/api/src/openapi-document.js';
import { auditVocabularyJson } from '../../apps/cli/src/audit-vocabulary.command.js';

const ROOT = new URL('../../', import.meta.url);
const committed = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');

/** The part of openapi-typescript 7 the console's `openapi:types` script (its CLI) runs. */
interface OpenApiTypescript {
  default(schema: unknown, options: { silent: boolean }): Promise<unknown>;
  astToString(ast: unknown): string;
  COMMENT_HEADER: string;
}
// Installed for the console workspace only; a computed specifier keeps its typings out of the server's type-check.
const OPENAPI_TYPESCRIPT = new URL('apps/console/node_modules/openapi-typescript/dist/index.mjs', ROOT).href;

/** Passes when equal; otherwise fails with the fix and the first line that differs rather than a 5,000-line diff. */
function expectUpToDate(file: string, actual: string, expected: string, fix: string): void {
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = e.findIndex((l, i) => a[i] !== l);
  const at = line < 0 ? a.length : line;
  throw new Error(
    `${file} is out of date: ${fix}.\nFirst difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  expected:  ${e[at] ?? '(end of file)'}`,
  );
}

/**
 * What the console builds on and never reads from libs/ at run time: the OpenAPI document, the client types generated
 * from it, the audit actions the libraries declare, and the strings shared with the server. Each is committed (the
 * console builds without a running api); this test fails when one of them drifts from the server's code.
 */
describe('the console files generated from the server', () => {
  let document: string;
  beforeAll(async () => {
    document = openApiJson(await buildOpenApiDocument());
  });

  it('apps/console/src/api/openapi.json is the api document', () => {
    const file = 'apps/console/src/api/openapi.json';
    expectUpToDate(file, committed(file), document, 'run `npm run openapi`');
  });

  it('apps/console/src/api/schema.ts holds the types openapi-typescript generates from it', async () => {
    const ots = (await import(OPENAPI_TYPESCRIPT)) as OpenApiTypescript;
    // Byte for byte what `openapi-typescript src/api/openapi.json -o src/api/schema.ts` writes (checked when this test was written).
    const types = ots.COMMENT_HEADER + ots.astToString(await ots.default(JSON.parse(document), { silent: true }));
    const file = 'apps/console/src/api/schema.ts';
    expectUpToDate(file, committed(file), types, 'run `npm run openapi`');
  });

  it('apps/console/src/screens/audit/audit-vocabulary.json holds the audit actions and object types of every library', () => {
    const file = 'apps/console/src/screens/audit/audit-vocabulary.json';
    expectUpToDate(file, committed(file), auditVocabularyJson(), 'run `npm run openapi`');
  });

  it('apps/console/src/i18n/shared/ holds the server strings (scripts/console-catalogues.mjs --check)', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['scripts/console-catalogues.mjs', '--check'],
        { cwd: fileURLToPath(ROOT) },
        (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(result).toEqual({ code: 0, stderr: '' });
  });
});
