import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import { Validate, ValidatorConstraint } from 'class-validator';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as YYYY-MM-DD that exists (no 2027-02-30), from 1900 to 9999. */
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

/** The one validator of calendar-day fields (due dates, effective dates, evidence dates): 422 naming the field. */
export const IsDay = (): PropertyDecorator => Validate(DayConstraint);
