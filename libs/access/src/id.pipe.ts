import type { PipeTransform } from '@nestjs/common';
import { NotFoundError } from '#rally/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a string PostgreSQL accepts as a uuid: check before a query so bad input never becomes a 500. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** A path id that is not a UUID names nothing: answer 404 like any unknown id (never a database error). */
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundError(this.what);
    return value;
  }
}
