// tsc compiles TypeScript only; Handlebars views and mail templates must sit beside the compiled code that reads them.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ASSET = /\.(hbs|css|svg|txt|json)$/;
const SKIP = /testing-fixtures/;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET.test(name) && !SKIP.test(path)) cpSync(path, join('dist', path));
  }
}
for (const root of ['apps', 'libs']) walk(root);
