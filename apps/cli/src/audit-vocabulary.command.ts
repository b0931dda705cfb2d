import { writeFileSync } from 'node:fs';
import { RALLY_AUDIT } from '#rally/schema';
import type { CliCommand } from './commands.js';

/** The console's copy of every library's audit actions and object types (its filter and labels read it). */
export const auditVocabularyJson = (): string => `${JSON.stringify(RALLY_AUDIT, null, 2)}\n`;

/** Writes apps/console/src/screens/audit/audit-vocabulary.json (`npm run openapi` runs it with the api document). */
export const auditVocabularyCommand: CliCommand = {
  summary: 'Write the audit actions and object types each library records: audit-vocabulary [file]',
  async run(_config, [file]) {
    if (file) writeFileSync(file, auditVocabularyJson());
    else process.stdout.write(auditVocabularyJson());
    return 0;
  },
};
