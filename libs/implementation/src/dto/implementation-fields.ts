export { isDay, IsDay } from '#rally/core';
import { applyDecorators } from '@nestjs/common';
import { IsISO31661Alpha2, Matches, ValidateIf } from 'class-validator';

/** Optional but never null: a null note would reach a NOT NULL column as a 500. Clearable fields use IsOptional. */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value: unknown) => value !== undefined);

/** As targets and responsibilities take it, so a status's country matches the responsibility table's. */
export const IsCountryCode = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^[A-Z]{2}$/, { message: ({ property }) => `${property} must be an ISO 3166-1 alpha-2 code such as FR` }),
    IsISO31661Alpha2({ message: ({ property }) => `${property} is not an ISO 3166-1 country code` }),
  );
