// The JavaScript a member downloads to sign in and see an organisation's home screen: the console's entry, the
// sign-in and home screens, and every chunk they import statically (not the ones they load later, such as the
// chart), gzipped at level 9 as a web server would. Read from the manifest Vite writes beside the build.
// Usage: node scripts/console-bundle-size.mjs [dist/console]  (prints JSON; the budget test reads the same function)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The screens of the first visit, by source file (as the manifest names them). */
export const FIRST_VISIT = ['index.html', 'src/screens/auth/sign-in.tsx', 'src/screens/home/home-screen.tsx'];

export function firstVisitJavaScript(dir = 'dist/console') {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8'));
  const files = new Set();
  const entry = manifest['index.html'];
  const inEntry = (source) =>
    JSON.parse(readFileSync(join(dir, `${entry.file}.map`), 'utf8')).sources.some((s) => s.endsWith(source));
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) {
      // Not a chunk of its own: then it must be bundled into the entry, else the name here is stale.
      if (inEntry(key)) return;
      throw new Error(`${key} is neither a chunk of the console's build nor part of its entry`);
    }
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of FIRST_VISIT) visit(key);
  const chunks = [...files].map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const lazy = Object.values(manifest)
    .filter((c) => c.isDynamicEntry && !files.has(c.file))
    .map((c) => c.src ?? c.file);
  return {
    gzip: chunks.reduce((sum, c) => sum + c.gzip, 0),
    bytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
    chunks: chunks.sort((a, b) => b.gzip - a.gzip),
    lazy,
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const result = firstVisitJavaScript(process.argv[2]);
  process.stdout.write(`${JSON.stringify({ ...result, chunks: result.chunks.slice(0, 10) }, null, 2)}\n`);
}
