export { isDay, IsDay, IfPresent, IsCountryCode, toBoolean } from '#rally/core';
import { Validate, ValidatorConstraint } from 'class-validator';
import type { ValidatorConstraintInterface, ValidationArguments } from 'class-validator';
import { isEmailShaped } from '#rally/core';

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
