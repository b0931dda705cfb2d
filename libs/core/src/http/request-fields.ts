import { applyDecorators } from '@nestjs/common';
import { IsISO31661Alpha2, Matches, ValidateIf } from 'class-validator';

/**
 * Optional but never null: `IsOptional` lets null through, and a null name, note or country would reach a NOT NULL
 * column as a 500. Fields that may be cleared use `IsOptional` instead.
 */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value: unknown) => value !== undefined);

/**
 * A country as every library stores it (targets, responsibilities, statuses, holidays), so they match one another:
 * two capitals, then a real ISO 3166-1 code, each refusal naming the field.
 */
export const IsCountryCode = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^[A-Z]{2}$/, { message: ({ property }) => `${property} must be an ISO 3166-1 alpha-2 code such as FR` }),
    IsISO31661Alpha2({ message: ({ property }) => `${property} is not an ISO 3166-1 country code` }),
  );

/** For `@Transform`: query strings carry text; "true"/"false" become booleans, anything else is left for IsBoolean. */
export const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
