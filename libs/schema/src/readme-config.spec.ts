import { readFileSync } from 'node:fs';
import { CORE_VARIABLES } from '#rally/core';
import { RALLY_CONFIG_SECTIONS } from './rally-libraries.js';

// The README's configuration table must stay true: every variable Rally reads (core and every library's section) is
// documented there with its default, and the table documents nothing Rally does not read.
describe('README configuration table', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const variables = [CORE_VARIABLES, ...RALLY_CONFIG_SECTIONS.map((s) => s.variables)].flatMap((vars) =>
    Object.entries(vars),
  );

  it.each(variables.map(([name, v]) => [name, v.defaultValue] as const))('documents %s', (name, defaultValue) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(defaultValue === undefined ? '*(unset)*' : `\`${defaultValue}\``);
  });

  it('lists no variable Rally does not read', () => {
    const known = new Set(variables.map(([name]) => name));
    const start = readme.indexOf('## Configuration');
    const table = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((name) => !known.has(name))).toEqual([]);
  });
});
