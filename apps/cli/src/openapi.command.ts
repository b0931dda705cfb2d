import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument, openApiJson } from '../../api/src/openapi-document.js';
import type { CliCommand } from './commands.js';

/** Writes Rally's OpenAPI document, from which the console's client types are generated (`npm run openapi`). */
export const openApiCommand: CliCommand = {
  summary: 'Write the OpenAPI document of the api: openapi [file] (stdout without a file)',
  async run(_config, [file]) {
    const json = openApiJson(await buildOpenApiDocument());
    if (file) writeFileSync(file, json);
    else process.stdout.write(json);
    return 0;
  },
};
