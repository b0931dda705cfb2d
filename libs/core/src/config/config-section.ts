import { ConfigProblem } from './config.parsers.js';
import type { ConfigValues, ConfigVariables } from './config-variable.js';
import type { CoreConfig } from './core.config.js';

/**
 * A feature library's own configuration: its variables (documented in the README table, which a test keeps true),
 * and how their values become the typed settings the library injects with `@InjectConfig(SECTION)`.
 */
export interface ConfigSection<T> {
  readonly name: string;
  readonly variables: ConfigVariables;
  /** May throw ConfigProblem with a whole sentence naming the variable (rules across variables or environments). */
  readonly build: (values: Record<string, unknown>, core: CoreConfig) => T;
  /** Nest injection token of the built settings. */
  readonly token: symbol;
}

export function defineConfigSection<const V extends ConfigVariables, T>(
  name: string,
  variables: V,
  build: (values: ConfigValues<V>, core: CoreConfig) => T,
): ConfigSection<T> {
  return { name, variables, build: build as ConfigSection<T>['build'], token: Symbol(`config:${name}`) };
}

/** A rule across variables: the message is a whole sentence starting with the variable's name. */
export const configRule = (message: string): ConfigProblem => new ConfigProblem(message);
