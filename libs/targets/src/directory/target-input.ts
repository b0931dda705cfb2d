import { QueryFailedError } from 'typeorm';
import { InvalidInputError } from '#rally/core';
import type { TargetEmail } from '../entities/target-email.entity.js';

/** Trimmed text; a required field that trims to nothing is refused like a missing one. */
export function text(value: string, field: string, required = false): string {
  const trimmed = value.trim();
  if (required && trimmed === '') throw new InvalidInputError({ [field]: [`${field} must not be blank`] });
  return trimmed;
}

/** Trimmed codes without repeats, in the order given. */
export function codes(values: string[], field: string): string[] {
  const trimmed = values.map((v) => v.trim());
  if (trimmed.some((v) => v === '')) throw new InvalidInputError({ [field]: [`${field} must not hold blank codes`] });
  return [...new Set(trimmed)];
}

/** The zone's canonical name ("europe/paris" is accepted by ICU and stored as "Europe/Paris"). */
export const canonicalTimeZone = (zone: string): string =>
  new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;

/** The unique index a failed statement hit, or null when it failed for another reason. */
export function violatedUniqueIndex(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' ? (driver.constraint ?? '') : null;
}

/** A foreign key a failed statement hit (the target it points at was deleted meanwhile). */
export function violatedForeignKey(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503';
}

export const byPosition = (a: TargetEmail, b: TargetEmail): number =>
  a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
