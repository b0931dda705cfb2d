export { isDay, IsDay } from '#rally/core';
import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import { Validate, ValidateIf, ValidatorConstraint } from 'class-validator';

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
