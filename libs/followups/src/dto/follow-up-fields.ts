export { isDay, IsDay, IfPresent, toBoolean } from '#rally/core';
import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';
import { Validate, ValidatorConstraint } from 'class-validator';

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
