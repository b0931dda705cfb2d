export { isDay, IsDay } from '#rally/core';
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
