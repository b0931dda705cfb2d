import type { ConfigSection } from './config-section.js';
import type { RallyConfig } from './rally-config.js';
import { ConfigInvalidError, parseConfig } from './rally-config.js';

/** Exit code for an invalid configuration (sysexits EX_CONFIG). */
export const EXIT_CONFIG_INVALID = 78;

/** The only place Rally reads process.env: parse it, or print every problem and exit. */
export function loadConfigOrExit(
  sections: readonly ConfigSection<unknown>[],
  overrides: Record<string, string | undefined> = {},
): RallyConfig {
  try {
    return parseConfig({ ...process.env, ...overrides }, sections);
  } catch (error) {
    if (!(error instanceof ConfigInvalidError)) throw error;
    process.stderr.write(error.message + '\n');
    process.exit(EXIT_CONFIG_INVALID);
  }
}
