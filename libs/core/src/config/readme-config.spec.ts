import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES } from './config.schema.js';

// The README's configuration table must stay true: every variable Rally reads is documented there with its default.
describe('README configuration table', () => {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  it.each(Object.values(CONFIG_VARIABLES).map((v) => [v.name, v.defaultValue] as const))(
    'documents %s',
    (name, defaultValue) => {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(defaultValue === undefined ? '*(unset)*' : `\`${defaultValue}\``);
    },
  );
});
