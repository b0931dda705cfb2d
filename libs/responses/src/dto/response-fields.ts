export { isDay, IsDay } from '#rally/core';
import { ValidateIf } from 'class-validator';

/** Optional but never null: a null summary would reach a NOT NULL column as a 500. */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value: unknown) => value !== undefined);
