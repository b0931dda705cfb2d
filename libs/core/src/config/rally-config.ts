import { ConfigProblem } from './config.parsers.js';
import type { ConfigSection } from './config-section.js';
import { parseVariables } from './config-variable.js';
import type { CoreConfig } from './core.config.js';
import { buildCoreConfig, CORE_VARIABLES } from './core.config.js';

/** Rally's whole configuration: the platform's settings plus each composed library's section, parsed once at boot. */
export interface RallyConfig extends CoreConfig {
  /** The settings of one library's section; throws when the process was not configured with that section. */
  section<T>(section: ConfigSection<T>): T;
  readonly sections: readonly ConfigSection<unknown>[];
}

export class ConfigInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Rally cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee the Configuration table in README.md.`,
    );
  }
}

export class UnknownConfigSectionError extends Error {
  constructor(name: string) {
    super(`Configuration section "${name}" was not parsed: add its library to RALLY_LIBRARIES in libs/schema`);
  }
}

/**
 * Parses an environment map (process.env in production, a literal in tests) with the core variables and the given
 * sections, or throws listing every problem. Two sections declaring one variable is a programming error.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  sections: readonly ConfigSection<unknown>[] = [],
): RallyConfig {
  const owner = new Map<string, string>(Object.keys(CORE_VARIABLES).map((n) => [n, 'core']));
  for (const s of sections) {
    for (const name of Object.keys(s.variables)) {
      if (owner.has(name))
        throw new Error(`Config variable ${name} is declared by both ${owner.get(name)} and ${s.name}`);
      owner.set(name, s.name);
    }
  }
  const problems: string[] = [];
  const core = buildCoreConfig(parseVariables(CORE_VARIABLES, env, problems), problems);
  const built = new Map<ConfigSection<unknown>, unknown>();
  for (const s of sections) {
    const before = problems.length;
    const values = parseVariables(s.variables, env, problems);
    if (problems.length > before) continue;
    try {
      built.set(s, s.build(values, core));
    } catch (error) {
      if (!(error instanceof ConfigProblem)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new ConfigInvalidError(problems);
  return {
    ...core,
    sections,
    section<T>(section: ConfigSection<T>): T {
      if (!built.has(section)) throw new UnknownConfigSectionError(section.name);
      return built.get(section) as T;
    },
  };
}
