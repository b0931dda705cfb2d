import type { RallyConfig } from '#rally/core';
import { auditVocabularyCommand } from './audit-vocabulary.command.js';
import { migrationCommands } from './migration.commands.js';
import { openApiCommand } from './openapi.command.js';
import { createAdminCommand } from './organisation.commands.js';
import { sendTestMailCommand } from './send-test-mail.command.js';
import { startCommand } from './start.command.js';

export interface CliCommand {
  summary: string;
  /** Resolves with an exit code to exit now, or undefined to keep running (the launcher). */
  run(config: RallyConfig, args: string[]): Promise<number | undefined>;
}

export const COMMANDS: Record<string, CliCommand> = {
  start: startCommand,
  ...migrationCommands,
  'send-test-mail': sendTestMailCommand,
  'create-admin': createAdminCommand,
  openapi: openApiCommand,
  'audit-vocabulary': auditVocabularyCommand,
};
