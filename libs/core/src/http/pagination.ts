import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The one list shape of the whole API: a page of items and where it sits in the whole list. */
export interface Page<T> {
  items: T[];
  /** Items in the whole list (with the filters applied). */
  total: number;
  limit: number;
  offset: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&offset=` of every list route; extend it with the list's own filters and sort. */
export class PageQueryDto {
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Items per page' })
  @IsOptional()
  @Transform(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ example: 0, minimum: 0, description: 'Items to skip' })
  @IsOptional()
  @Transform(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export const pageWindow = (query: PageQueryDto): { limit: number; offset: number } => ({
  limit: query.limit ?? DEFAULT_PAGE_SIZE,
  offset: query.offset ?? 0,
});

export const pageOf = <T>(items: T[], total: number, window: { limit: number; offset: number }): Page<T> => ({
  items,
  total,
  ...window,
});

/**
 * The OpenAPI schema of a page of `item` (named `<Item>Page`), so the console's generated client knows the items'
 * type. Routes answer `Page<T>` and declare `@ApiOkResponse({ type: PageSchema(ItemResponse) })`.
 */
export function PageSchema<T>(item: Type<T>): Type<Page<T>> {
  const name = `${item.name.replace(/Response$/, '')}Page`;
  const existing = schemas.get(name);
  if (existing) return existing as Type<Page<T>>;
  class PageOfItems {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ example: 120 }) total: number;
    @ApiProperty({ example: 50 }) limit: number;
    @ApiProperty({ example: 0 }) offset: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: name });
  schemas.set(name, PageOfItems);
  return PageOfItems as Type<Page<T>>;
}

const schemas = new Map<string, Type<unknown>>();
