/** Thrown by a parser; the loader collects these so one message lists every bad variable. */
export class ConfigProblem extends Error {}

export function parseInteger(raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigProblem(`must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigProblem(`must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function parseBoolean(raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigProblem(`must be true or false, got "${raw}"`);
}

export function parseEnum<T extends string>(raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigProblem(`must be one of ${allowed.join(', ')}, got "${raw}"`);
}

export function parseUrl(raw: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigProblem('is not a valid URL');
  }
  if (!protocols.includes(url.protocol))
    throw new ConfigProblem(`must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  return raw;
}
