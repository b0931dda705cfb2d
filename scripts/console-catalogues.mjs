// The strings the console shares with the server (language names, roles, form errors) are written from the server's
// catalogues into apps/console/src/i18n/shared/, with the country codes the server accepts, committed; the console imports nothing from libs/. `npm test`
// fails when the copy drifts from the source (test/console/drift.e2e-spec.ts). Usage: node scripts/console-catalogues.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';

const LANGUAGES = ['en', 'fr', 'es'];
const read = (path) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));

export function sharedCatalogue(lang) {
  const common = read(`libs/core/src/i18n/common/${lang}.json`);
  const organisations = read(`libs/organisations/src/i18n/${lang}.json`);
  return { language: common.language, errors: common.errors, optional: common.optional, role: organisations.role };
}

/** The ISO 3166-1 codes a signature or an organisation may name (their names come from the browser's Intl data). */
export function countryCodes() {
  const source = readFileSync(new URL('../libs/core/src/i18n/countries.ts', import.meta.url), 'utf8');
  const codes = /const CODES =\s*'([A-Z ]+)'/.exec(source)?.[1];
  if (!codes) throw new Error('libs/core/src/i18n/countries.ts: CODES not found');
  return codes.split(' ');
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const FILES = {
  ...Object.fromEntries(LANGUAGES.map((lang) => [`${lang}.json`, () => json(sharedCatalogue(lang))])),
  'countries.json': () => json(countryCodes()),
};

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const check = process.argv.includes('--check');
  let drift = false;
  for (const [name, content] of Object.entries(FILES)) {
    const file = new URL(`../apps/console/src/i18n/shared/${name}`, import.meta.url);
    const wanted = content();
    if (check) drift ||= readFileSync(file, 'utf8') !== wanted;
    else writeFileSync(file, wanted);
  }
  if (drift) {
    process.stderr.write('apps/console/src/i18n/shared/ is out of date: run node scripts/console-catalogues.mjs\n');
    process.exit(1);
  }
}
