// The strings the console shares with the server (language names, roles, form errors) are written from the server's
// catalogues into apps/console/src/i18n/shared/, committed; the console imports nothing from libs/. `npm test`
// fails when the copy drifts from the source (test/console/drift.e2e-spec.ts). Usage: node scripts/console-catalogues.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';

const LANGUAGES = ['en', 'fr', 'es'];
const read = (path) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));

export function sharedCatalogue(lang) {
  const common = read(`libs/core/src/i18n/common/${lang}.json`);
  const organisations = read(`libs/organisations/src/i18n/${lang}.json`);
  return { language: common.language, errors: common.errors, optional: common.optional, role: organisations.role };
}

export const sharedFile = (lang) => new URL(`../apps/console/src/i18n/shared/${lang}.json`, import.meta.url);
export const sharedJson = (lang) => `${JSON.stringify(sharedCatalogue(lang), null, 2)}\n`;

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const check = process.argv.includes('--check');
  let drift = false;
  for (const lang of LANGUAGES) {
    const wanted = sharedJson(lang);
    if (check) drift ||= readFileSync(sharedFile(lang), 'utf8') !== wanted;
    else writeFileSync(sharedFile(lang), wanted);
  }
  if (drift) {
    process.stderr.write('apps/console/src/i18n/shared/ is out of date: run node scripts/console-catalogues.mjs\n');
    process.exit(1);
  }
}
