import { RequestValidationException } from '../problem/validation';
import { Keyset, SortKey } from './paging';

const ORDER: SortKey[] = [
  { sql: 'r.urgent', type: 'boolean', desc: true },
  { sql: 'r.due_on', type: 'date' },
  { sql: 'r.id', type: 'uuid' },
];
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const row = (n: number) => ({ id: ID(n), name: `r${n}`, _page0: 'false', _page1: '2026-12-0' + ((n % 9) + 1), _page2: ID(n) });

describe('Keyset', () => {
  it('asks for one row more than the page and filters nothing on the first page', () => {
    const keyset = new Keyset(ORDER, { limit: 2 }, 3);
    expect(keyset.where).toBe('TRUE');
    expect(keyset.params).toEqual([]);
    expect(keyset.orderBy).toBe('ORDER BY r.urgent DESC, r.due_on ASC, r.id ASC LIMIT 3');
    expect(keyset.select).toBe(', (r.urgent)::text AS "_page0", (r.due_on)::text AS "_page1", (r.id)::text AS "_page2"');
  });

  it('gives the page without its sort columns, and a cursor only when a further row exists', () => {
    const keyset = new Keyset(ORDER, { limit: 2 }, 1);
    const full = keyset.page([row(1), row(2), row(3)]);
    expect(full.items).toEqual([
      { id: ID(1), name: 'r1' },
      { id: ID(2), name: 'r2' },
    ]);
    expect(full.next).not.toBeNull();
    expect(keyset.page([row(1), row(2)]).next).toBeNull();
  });

  it('continues after the cursor’s row in mixed directions, with the values as typed bind parameters', () => {
    const first = new Keyset(ORDER, { limit: 2 }, 1).page([row(1), row(2), row(3)]);
    const second = new Keyset(ORDER, { limit: 2, cursor: first.next as string }, 4);
    expect(second.params).toEqual(['false', '2026-12-03', ID(2)]);
    expect(second.where).toBe(
      '((r.urgent < $4::boolean) OR (r.urgent = $4::boolean AND r.due_on > $5::date) OR ' +
        '(r.urgent = $4::boolean AND r.due_on = $5::date AND r.id > $6::uuid))',
    );
  });

  it('continues with one row comparison when every key runs the same way, over any copy of the columns', () => {
    const newestFirst: SortKey[] = [
      { sql: 'k.status', type: 'text', desc: true },
      { sql: 'k.opened_at', type: 'timestamptz', desc: true },
      { sql: 'k.id', type: 'uuid', desc: true },
    ];
    const first = new Keyset(newestFirst, { limit: 1 }, 2).page([
      { _page0: 'open', _page1: '2026-12-01 10:00:00+01', _page2: ID(7) },
      { _page0: 'open', _page1: '2026-11-30 10:00:00+01', _page2: ID(8) },
    ]);
    const second = new Keyset(newestFirst, { limit: 1, cursor: first.next as string }, 2);
    expect(second.where).toBe('((k.status, k.opened_at, k.id) < ($2::text, $3::timestamptz, $4::uuid))');
    expect(second.whereOn(['g.case_status', 'g.case_opened_at', 'g.case_id'])).toBe(
      '((g.case_status, g.case_opened_at, g.case_id) < ($2::text, $3::timestamptz, $4::uuid))',
    );
    expect(new Keyset(newestFirst, { limit: 1 }, 2).whereOn(['a', 'b', 'c'])).toBe('TRUE');
    expect(() => second.whereOn(['a'])).toThrow(/one expression per sort key/);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['the wrong number of values', Buffer.from(JSON.stringify(['false'])).toString('base64url')],
    ['a value that is not of its column’s type', Buffer.from(JSON.stringify(['maybe', '2026-12-03', ID(1)])).toString('base64url')],
    ['an injection attempt', Buffer.from(JSON.stringify(['false', "2026-12-03'; DROP TABLE x; --", ID(1)])).toString('base64url')],
  ])('refuses a cursor with %s as a 400 naming cursor', (_what, cursor) => {
    let error: unknown;
    try {
      new Keyset(ORDER, { cursor }, 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequestValidationException);
    expect((error as RequestValidationException).fieldErrors.map((f) => f.field)).toEqual(['cursor']);
  });
});
