import { applyDecorators } from '@nestjs/common';
import { IsISO31661Alpha2, Matches, Validate, ValidateIf, ValidatorConstraint } from 'class-validator';
import type { ValidatorConstraintInterface, ValidationArguments } from 'class-validator';
import { isEmailShaped } from '#rally/core';

/**
 * Optional but never null: `IsOptional` lets null through, and a null name or country would reach a NOT NULL column
 * as a 500. Fields that may be cleared use `IsOptional` instead.
 */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value: unknown) => value !== undefined);

export const IsCountryCode = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^[A-Z]{2}$/, { message: ({ property }) => `${property} must be an ISO 3166-1 alpha-2 code such as FR` }),
    IsISO31661Alpha2({ message: ({ property }) => `${property} is not an ISO 3166-1 country code` }),
  );

@ValidatorConstraint({ name: 'timeZone' })
class TimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 64 || !value.includes('/')) return value === 'UTC';
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be an IANA time zone such as Europe/Paris`;
  }
}

export const IsTimeZone = (): PropertyDecorator => Validate(TimeZoneConstraint);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as YYYY-MM-DD that exists (no 2026-02-30), between years 1900 and 9999. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number(m[1]) >= 1900 && date.toISOString().slice(0, 10) === value;
}

@ValidatorConstraint({ name: 'day' })
class DayConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isDay(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a calendar day as YYYY-MM-DD`;
  }
}

export const IsDay = (): PropertyDecorator => Validate(DayConstraint);

@ValidatorConstraint({ name: 'emailAddress' })
class EmailAddressConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isEmailShaped(value.trim());
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be email addresses such as minister@justice.example.gov`;
  }
}

/** Trimmed, then the shape every Rally address must have; works on arrays with `{ each: true }`. */
export const IsEmailAddress = (options?: { each: boolean }): PropertyDecorator =>
  Validate(EmailAddressConstraint, options);
