import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** `?page=1&pageSize=20`; extend it with the list's own filters and `sort` allow-list. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Base class of a documented list response: `export class UserPageDto extends PageDto(UserDto) {}`
 * gives the OpenAPI schema `UserPageDto` with typed items.
 */
export function PageDto<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ description: 'Number of matching items across all pages', example: 42 })
    total!: number;

    @ApiProperty({ example: 1 })
    page!: number;

    @ApiProperty({ example: 20 })
    pageSize!: number;
  }
  return PageOfItems;
}

export interface EstimatedPage<T> extends Page<T> {
  totalIsEstimate: boolean;
}

/**
 * Base class of a list response whose total is exact only up to `exactUpTo` matches (see
 * `countUpTo`): `export class ClientPageDto extends EstimatedPageDto(ClientDto, 1000, 'clients') {}`.
 */
export function EstimatedPageDto<T>(item: ClassType<T>, exactUpTo: number, what: string): ClassType<EstimatedPage<T>> {
  class EstimatedPageOfItems extends PageDto(item) implements EstimatedPage<T> {
    @ApiProperty({
      description:
        `Matching ${what}: exact up to ${exactUpTo}; above that the database's estimate (always more than ` +
        `${exactUpTo}), so that a page of a long list does not count every match`,
      example: 42,
    })
    override total!: number;

    @ApiProperty({ description: `True when \`total\` is the estimate (more than ${exactUpTo} matches)` })
    totalIsEstimate!: boolean;
  }
  return EstimatedPageOfItems;
}

/** A page whose total may be estimated beyond `exactUpTo`. */
export function estimatedPageOf<T>(
  items: T[],
  total: number,
  exactUpTo: number,
  query: Pick<PageQueryDto, 'page' | 'pageSize'>,
): EstimatedPage<T> {
  return { ...pageOf(items, total, query), totalIsEstimate: total > exactUpTo };
}

export function pageOf<T>(items: T[], total: number, query: Pick<PageQueryDto, 'page' | 'pageSize'>): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Rows to skip for a page; pass to `skip`/`offset` together with `pageSize` as the limit. */
export function pageOffset(query: Pick<PageQueryDto, 'page' | 'pageSize'>): number {
  return (query.page - 1) * query.pageSize;
}
