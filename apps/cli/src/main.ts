import 'reflect-metadata';
import { loadConfigOrExit } from '#rally/core';
import { RALLY_CONFIG_SECTIONS } from '#rally/schema';
import { COMMANDS } from './commands.js';

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  process.stdout.write(
    `Usage: npm run rally -- <command>\n\nCommands:\n${Object.entries(COMMANDS)
      .map(([n, c]) => `  ${n.padEnd(20)} ${c.summary}`)
      .join('\n')}\n`,
  );
  process.exit(name ? 64 : 0);
}
const config = loadConfigOrExit(RALLY_CONFIG_SECTIONS);
try {
  const code = await command.run(config, args);
  if (code !== undefined) process.exit(code);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
