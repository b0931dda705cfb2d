import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import { Validate, ValidateIf, ValidatorConstraint } from 'class-validator';

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

export const IsDay = (): PropertyDecorator => Validate(DayConstraint);

@ValidatorConstraint({ name: 'notBlank' })
class NotBlankConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.trim() !== '';
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be empty`;
  }
}

export const NotBlank = (): PropertyDecorator => Validate(NotBlankConstraint);

/** Optional but never null: a null title would reach a NOT NULL column as a 500. */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value: unknown) => value !== undefined);

/** Query strings carry text: "true"/"false" become booleans, anything else stays to be refused by IsBoolean. */
export const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
