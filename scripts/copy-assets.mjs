// tsc compiles TypeScript only; Handlebars views and mail templates must sit beside the compiled code that reads them.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ASSET = /\.(hbs|css|svg|txt|json)$/;
// apps/console is built by Vite into dist/console; its sources and node_modules have nothing the server reads.
const SKIP = /testing-fixtures|node_modules|^apps\/console(\/|$)/;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP.test(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET.test(name)) cpSync(path, join('dist', path));
  }
}
for (const root of ['apps', 'libs']) walk(root);
