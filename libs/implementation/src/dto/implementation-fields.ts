import { applyDecorators } from '@nestjs/common';
import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import { IsISO31661Alpha2, Matches, Validate, ValidateIf, ValidatorConstraint } from 'class-validator';

/** Optional but never null: a null note would reach a NOT NULL column as a 500. Clearable fields use IsOptional. */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value: unknown) => value !== undefined);

/** As targets and responsibilities take it, so a status's country matches the responsibility table's. */
export const IsCountryCode = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^[A-Z]{2}$/, { message: ({ property }) => `${property} must be an ISO 3166-1 alpha-2 code such as FR` }),
    IsISO31661Alpha2({ message: ({ property }) => `${property} is not an ISO 3166-1 country code` }),
  );

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as YYYY-MM-DD that exists (no 2027-02-30), from 1900. */
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
