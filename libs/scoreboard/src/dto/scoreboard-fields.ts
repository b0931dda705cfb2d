import { applyDecorators } from '@nestjs/common';
import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import { IsISO31661Alpha2, Matches, Validate, ValidateIf, ValidatorConstraint } from 'class-validator';

/** Optional but never null: a null name would reach a NOT NULL column as a 500. */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value: unknown) => value !== undefined);

/** As targets carry it, so a holiday's country matches its targets'. */
export const IsCountryCode = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^[A-Z]{2}$/, { message: ({ property }) => `${property} must be an ISO 3166-1 alpha-2 code such as FR` }),
    IsISO31661Alpha2({ message: ({ property }) => `${property} is not an ISO 3166-1 country code` }),
  );

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

@ValidatorConstraint({ name: 'day' })
class DayConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const m = DAY.exec(value);
    if (!m) return false;
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return Number(m[1]) >= 1900 && date.toISOString().slice(0, 10) === value;
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a calendar day as YYYY-MM-DD`;
  }
}

/** A calendar day as YYYY-MM-DD that exists (no 2027-02-30), from 1900. */
export const IsDay = (): PropertyDecorator => Validate(DayConstraint);
