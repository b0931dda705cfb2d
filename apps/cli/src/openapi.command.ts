import { writeFileSync } from 'node:fs';
import { createHttpApp, createQueueBackend, openApiDocument, parseConfig } from '#rally/core';
import { RALLY_CONFIG_SECTIONS, rallyDataSourceOptions } from '#rally/schema';
import { ApiModule } from '../../api/src/api.module.js';
import type { CliCommand } from './commands.js';

/**
 * Writes Rally's OpenAPI document (the console's client types are generated from it). Built in Nest's preview mode:
 * the controllers' metadata only, so it needs no database, queue or mail relay.
 */
export const openApiCommand: CliCommand = {
  summary: 'Write the OpenAPI document of the api: openapi [file] (stdout without a file)',
  async run(_config, [file]) {
    const config = parseConfig(
      { LOG_LEVEL: 'silent', SECRET_KEY: 'preview-only-never-signs-anything-real' },
      RALLY_CONFIG_SECTIONS,
    );
    const unused = 'postgres://preview@127.0.0.1:1/preview';
    const runtime = {
      database: { url: unused, owned: false, stop: async () => undefined },
      dataSource: await rallyDataSourceOptions(unused, 1),
      queue: createQueueBackend(undefined, unused),
      migrationsApplied: [],
    };
    const app = await createHttpApp(ApiModule.forRoot(config, runtime), config, { preview: true });
    const json = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
    if (file) writeFileSync(file, json);
    else process.stdout.write(json);
    return 0;
  },
};
