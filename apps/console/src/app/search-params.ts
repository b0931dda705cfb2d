import * as z from 'zod/mini';

// Search parameters are the state of lists and filters: kept in the address so a filtered list can be shared,
// reloaded and returned to. A hand-edited bad value becomes "not set" instead of an error screen. zod/mini rather
// than zod: the router needs these on the first load, and the full build adds ~50 KB gzipped to it.
const optional = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

export const page = optional(z.coerce.number().check(z.minimum(1), z.multipleOf(1)));
export const text = optional(z.string().check(z.trim(), z.maxLength(200)));
export const language = optional(z.enum(['en', 'fr', 'es']));
export const uuid = optional(z.uuid());
export const day = optional(z.iso.date());
export const country = optional(z.string().check(z.regex(/^[A-Z]{2}$/)));
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => optional(z.enum(values));
export const days = optional(z.union([z.literal(30), z.literal(90)]));
export const search = z.object;
/** A calendar month as 2027-03. */
export const month = optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)));
/** A switch kept in the address (`?mine=true`). */
export const flag = optional(z.boolean());
