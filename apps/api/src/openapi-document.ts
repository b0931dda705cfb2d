import type { OpenAPIObject } from '@nestjs/swagger';
import { createHttpApp, createQueueBackend, openApiDocument, parseConfig } from '#rally/core';
import { RALLY_CONFIG_SECTIONS, rallyDataSourceOptions } from '#rally/schema';
import { ApiModule } from './api.module.js';

/**
 * The api's OpenAPI document, built in Nest's preview mode: the controllers' metadata only, so it needs no database,
 * queue or mail relay, and no environment (the same document on every machine). `rally openapi` writes it; the
 * console drift test compares it with the committed copy.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
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
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The document as the committed file holds it (apps/console/src/api/openapi.json). */
export const openApiJson = (document: OpenAPIObject): string => `${JSON.stringify(document, null, 2)}\n`;
