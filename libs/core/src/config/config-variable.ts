import { ConfigProblem } from './config.parsers.js';

/** One environment variable Rally reads: its meaning, default and parser. README rows are checked against these. */
export interface ConfigVariable<T> {
  description: string;
  /** The raw default; absent means "unset" (the parsed value is then undefined). */
  defaultValue?: string;
  parse: (raw: string) => T;
}

/** A variable with a default: its parsed value is always there. */
export const variable = <T>(v: ConfigVariable<T> & { defaultValue: string }): ConfigVariable<T> => v;

/** A variable that may be unset: its parsed value is T or undefined. */
export const optional = <T>(v: Omit<ConfigVariable<T>, 'defaultValue'>): ConfigVariable<T | undefined> => v;

export type ConfigVariables = Record<string, ConfigVariable<unknown>>;

/** The parsed values of a set of variables, typed by each parser (undefined only for optional ones). */
export type ConfigValues<V extends ConfigVariables> = {
  [K in keyof V]: V[K] extends ConfigVariable<infer T> ? T : never;
};

/** Parses `variables` from `env`, collecting "NAME problem" lines instead of stopping at the first. */
export function parseVariables<V extends ConfigVariables>(
  variables: V,
  env: Record<string, string | undefined>,
  problems: string[],
): ConfigValues<V> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(variables)) {
    const raw = env[name] === undefined || env[name] === '' ? spec.defaultValue : env[name];
    if (raw === undefined) continue;
    try {
      values[name] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof ConfigProblem)) throw error;
      problems.push(`${name} ${error.message}`);
    }
  }
  return values as ConfigValues<V>;
}

export const text = (raw: string): string => raw;
