import type { RallyConfig } from '../config/rally-config.js';
import type { EmbeddedDatabase } from './embedded-database.js';
import { ensureEmbeddedDatabase } from './embedded-database.js';

/** DATABASE_URL when configured (the production shape), otherwise the embedded PostgreSQL. */
export async function resolveDatabase(config: RallyConfig): Promise<EmbeddedDatabase> {
  if (config.database.url) return { url: config.database.url, owned: false, stop: async () => undefined };
  return ensureEmbeddedDatabase(config.dataDir, config.database.embeddedPort);
}
