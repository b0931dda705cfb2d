import { readFileSync } from 'node:fs';
import { PROCESS_NODE_ARGS } from './node-args.js';

const read = (path: string): string => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

describe('PROCESS_NODE_ARGS', () => {
  it('is what docker/compose.yml and the image start each process with', () => {
    // Every command line that starts a process: the compose file's `command:` lists and the image's CMD.
    const lines = [...read('docker/compose.yml').split('\n'), ...read('docker/Dockerfile').split('\n')]
      .map((line) => line.match(/^\s*(?:command:|CMD)\s*\[(.*dist\/apps\/.*)\]\s*$/)?.[1])
      .filter((list): list is string => list !== undefined)
      .map((list) => list.split(',').map((word) => word.trim().replace(/^['"]|['"]$/g, '')));
    for (const [app, args] of Object.entries(PROCESS_NODE_ARGS)) {
      const starts = lines.filter((words) => words.at(-1) === `dist/apps/${app}/src/main.js`);
      expect({ app, found: starts.length > 0 }).toEqual({ app, found: true });
      for (const words of starts) expect(words).toEqual(['node', ...args, `dist/apps/${app}/src/main.js`]);
    }
  });
});
