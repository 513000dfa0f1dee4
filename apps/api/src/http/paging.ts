import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { fieldError } from '../problem/validation';

export const PAGE_SIZE = 50;
export const PAGE_SIZE_MAX = 200;

/** `?limit=&cursor=` of every list: the cursor is the `next` link of the page before. */
export class PageQuery {
  @ApiProperty({ required: false, default: PAGE_SIZE, minimum: 1, maximum: PAGE_SIZE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  limit?: number;

  @ApiProperty({ required: false, description: 'Where the page starts: taken from the previous page’s `Link: <…>; rel="next"`' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

type KeyType = 'text' | 'timestamptz' | 'date' | 'boolean' | 'uuid';

/** One column of a list's order; the last must make the order total (an id). */
export interface SortKey {
  sql: string;
  type: KeyType;
  desc?: boolean;
}

/** What a value of each type looks like as PostgreSQL prints it with `::text`; anything else in a cursor is a 400. */
const LOOKS_LIKE: Record<KeyType, RegExp> = {
  text: /^[\s\S]{0,500}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  boolean: /^(true|false)$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

export interface Page<T> {
  items: T[];
  /** The cursor of the next page, or null on the last. */
  next: string | null;
}

const field = (i: number) => `_page${i}`;

/**
 * Keyset paging of one list: the page after the cursor's row in the list's own order, one row
 * more than asked to know whether another page follows. Rows are found through the order's index
 * where there is one, never by OFFSET, so page 40 costs what page 1 does. The cursor holds the
 * sort values of the last row shown (base64url JSON); it only moves a caller within their own
 * scope, which the query applies as always.
 */
export class Keyset {
  readonly limit: number;
  /** Bind parameters of the cursor's values, from `firstParam` on (none on the first page). */
  readonly params: string[];

  constructor(
    private readonly keys: SortKey[],
    query: PageQuery,
    private readonly firstParam: number,
  ) {
    this.limit = query.limit ?? PAGE_SIZE;
    this.params = query.cursor === undefined ? [] : decode(query.cursor, keys);
  }

  /** Extra select columns carrying each row's sort values, for the next cursor. */
  get select(): string {
    return this.keys.map((k, i) => `, (${k.sql})::text AS "${field(i)}"`).join('');
  }

  /** `TRUE` on the first page; else the rows after the cursor in the list's order. */
  get where(): string {
    return this.whereOn(this.keys.map((k) => k.sql));
  }

  /**
   * The same condition over other expressions in the order's places (say, a copy of the sort
   * columns in another table). When every key runs the same way it is one row comparison, which
   * an index in that order starts its scan at; otherwise the equivalent OR of prefixes.
   */
  whereOn(columns: string[]): string {
    if (columns.length !== this.keys.length) throw new Error('whereOn needs one expression per sort key');
    if (this.params.length === 0) return 'TRUE';
    const value = (i: number) => `$${this.firstParam + i}::${this.keys[i].type}`;
    const desc = Boolean(this.keys[0].desc);
    if (this.keys.every((k) => Boolean(k.desc) === desc))
      return `((${columns.join(', ')}) ${desc ? '<' : '>'} (${this.keys.map((_, i) => value(i)).join(', ')}))`;
    const after = this.keys.map((key, i) => {
      const equalBefore = columns.slice(0, i).map((column, j) => `${column} = ${value(j)}`);
      return `(${[...equalBefore, `${columns[i]} ${key.desc ? '<' : '>'} ${value(i)}`].join(' AND ')})`;
    });
    return `(${after.join(' OR ')})`;
  }

  get orderBy(): string {
    return this.orderByOn(this.keys.map((k) => k.sql));
  }

  /** The order and limit over other expressions in the order's places (see whereOn). */
  orderByOn(columns: string[]): string {
    if (columns.length !== this.keys.length) throw new Error('orderByOn needs one expression per sort key');
    return `ORDER BY ${this.keys.map((k, i) => `${columns[i]} ${k.desc ? 'DESC' : 'ASC'}`).join(', ')} LIMIT ${this.limit + 1}`;
  }

  /** The rows of this page, without their sort columns, and the cursor of the next one. */
  page<T extends object>(rows: T[]): Page<T> {
    const shown = rows.slice(0, this.limit);
    const last = shown[shown.length - 1] as Record<string, unknown> | undefined;
    const next = rows.length > this.limit && last ? encode(this.keys.map((_, i) => String(last[field(i)]))) : null;
    const items = shown.map((row) => {
      const copy = { ...row } as Record<string, unknown>;
      this.keys.forEach((_, i) => delete copy[field(i)]);
      return copy as T;
    });
    return { items, next };
  }
}

const encode = (values: string[]): string => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

function decode(cursor: string, keys: SortKey[]): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  const valid =
    Array.isArray(values) &&
    values.length === keys.length &&
    values.every((v, i) => typeof v === 'string' && LOOKS_LIKE[keys[i].type].test(v));
  if (!valid) throw fieldError('cursor', 'cursor must be the one a previous page of this list gave');
  return values as string[];
}

/**
 * Answers a page: its items as the body (the shape of the list before paging), and where the
 * next page is as `Link: <…>; rel="next"` (RFC 8288), with the request's own filters kept.
 */
export function sendPage<T>(req: Request, res: Response, page: Page<T>): T[] {
  if (page.next) {
    const url = new URL(req.originalUrl, 'http://stafett.invalid');
    url.searchParams.set('cursor', page.next);
    res.setHeader('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return page.items;
}
