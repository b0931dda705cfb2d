/**
 * Text PostgreSQL cannot store or JSON cannot carry: a NUL character, or half of a UTF-16 surrogate pair (only
 * reachable through a `\u` escape). Such input is refused with a 422 naming the field instead of failing later
 * (a 500 from the database, an encoder or a hashing library).
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isUnstorableText = (value: string): boolean => UNSTORABLE.test(value);

export const UNSTORABLE_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Dotted paths (`items.0.name`) of every string, or object key, holding unstorable text; empty when all is well. */
export function unstorableTextFields(
  value: unknown,
  path = '',
  out: Record<string, string[]> = {},
): Record<string, string[]> {
  const name = path || 'body';
  if (typeof value === 'string') {
    if (isUnstorableText(value)) out[name] = [`${name} ${UNSTORABLE_MESSAGE}`];
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableTextFields(item, path ? `${path}.${i}` : String(i), out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      // A bad key is named by its escaped form: the raw one would carry the very character refused.
      const shown = isUnstorableText(key) ? JSON.stringify(key).slice(1, -1) : key;
      const childPath = path ? `${path}.${shown}` : shown;
      if (shown !== key) out[childPath] = [`the field name ${UNSTORABLE_MESSAGE}`];
      else unstorableTextFields(child, childPath, out);
    }
  }
  return out;
}
