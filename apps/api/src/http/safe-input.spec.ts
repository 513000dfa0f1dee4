import type { NextFunction, Request, Response } from 'express';
import { RequestTooLargeException, RequestValidationException } from '../problem/validation';
import { MAX_ARRAY_ITEMS, MAX_JSON_DEPTH, refuseUnsafeInput, screenValue, unsafeTextMessages } from './safe-input';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('screenValue', () => {
  it('lets ordinary text through: Norwegian, Sámi, Arabic and Hebrew names, tabs and line breaks, the harmless marks', () => {
    const body = {
      name: 'Åse Øvergård',
      sami: 'Máret Sárá',
      arabic: 'محمد عبد الله',
      hebrew: 'שרה',
      text: 'Linje én\r\nLinje to\tmed tab',
      marks: 'a\u200Eb\u200Fc\u061Cd',
      emoji: 'Godt 👍',
    };
    expect(screenValue(body, 'body')).toEqual({ invalid: [], tooLarge: [] });
  });

  it('names each field with a NUL, another control character or a bidirectional control, by its path', () => {
    const body = { text: 'a\u0000b', participants: [{ unitId: 'x' }, { unitId: 'bell\u0007' }], note: 'omvendt \u202Etdnevmo' };
    expect(screenValue(body, 'body').invalid).toEqual([
      { field: 'text', messages: ['text must not contain NUL bytes'] },
      {
        field: 'participants[1].unitId',
        messages: ['participants[1].unitId must not contain control characters (only tab, line feed and carriage return)'],
      },
      {
        field: 'note',
        messages: ['note must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)'],
      },
    ]);
  });

  it.each([
    ['\u202A', 'LRE'],
    ['\u202B', 'RLE'],
    ['\u202C', 'PDF'],
    ['\u202D', 'LRO'],
    ['\u202E', 'RLO'],
    ['\u2066', 'LRI'],
    ['\u2067', 'RLI'],
    ['\u2068', 'FSI'],
    ['\u2069', 'PDI'],
    ['\u007F', 'DEL'],
    ['\u001B', 'ESC'],
    ['\u000B', 'VT'],
  ])('refuses %j (%s)', (character) => {
    expect(unsafeTextMessages('x', `a${character}b`)).toHaveLength(1);
  });

  it('names a key that itself carries a NUL without echoing the raw character', () => {
    const { invalid } = screenValue({ 'a\u0000': 1 }, 'body');
    expect(invalid).toEqual([{ field: 'a\\u0000', messages: ['a\\u0000 must not contain NUL bytes'] }]);
    expect(invalid[0].field).not.toContain('\u0000');
  });

  it('names a bare string body "body"', () => {
    expect(screenValue('\u0000', 'body').invalid).toEqual([{ field: 'body', messages: ['body must not contain NUL bytes'] }]);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, naming where`, () => {
    expect(screenValue(nested(MAX_JSON_DEPTH), 'body').invalid).toEqual([]);
    const { invalid } = screenValue(nested(MAX_JSON_DEPTH + 1), 'body');
    expect(invalid).toHaveLength(1);
    expect(invalid[0].field).toBe(Array(MAX_JSON_DEPTH).fill('a').join('.'));
    expect(invalid[0].messages[0]).toMatch(/is nested more than 32 levels deep$/);
  });

  it('measures 100,000 levels of nesting without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(screenValue(deep, 'body').invalid).toHaveLength(1);
    const parsed = JSON.parse('['.repeat(50_000) + ']'.repeat(50_000));
    expect(screenValue({ x: parsed }, 'body').invalid[0].field).toMatch(/^x(\[0\]){31}$/);
  });

  it(`refuses an array of more than ${MAX_ARRAY_ITEMS} items as too large, naming it`, () => {
    expect(screenValue({ ids: Array(MAX_ARRAY_ITEMS).fill('a') }, 'body')).toEqual({ invalid: [], tooLarge: [] });
    expect(screenValue({ ids: Array(MAX_ARRAY_ITEMS + 1).fill('a') }, 'body').tooLarge).toEqual([
      { field: 'ids', messages: [`ids must not have more than ${MAX_ARRAY_ITEMS} items`] },
    ]);
  });

  it('reports at most 20 fields', () => {
    const body = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, '\u0000']));
    expect(screenValue(body, 'body').invalid).toHaveLength(20);
  });
});

describe('refuseUnsafeInput', () => {
  const routes = ['/api/cases/{caseId}/goals/{goalId}', '/api/cases/{id}', '/api/cases', '/api/auth/login'];
  const run = (req: Partial<Request>) => {
    const next = jest.fn() as jest.MockedFunction<NextFunction>;
    refuseUnsafeInput(() => routes)(
      { path: '/', url: '/', query: {}, rawHeaders: [], cookies: {}, body: undefined, ...req } as Request,
      {} as Response,
      next,
    );
    return next.mock.calls[0][0] as unknown;
  };
  const fields = (error: unknown) => (error as RequestValidationException).fieldErrors.map((e) => e.field);

  it('passes a clean request on', () => {
    expect(run({ path: '/api/cases/abc', url: '/api/cases/abc?x=1', query: { x: '1' } })).toBeUndefined();
  });

  it('names a path segment by its route parameter', () => {
    expect(fields(run({ path: '/api/cases/abc%00/goals/g' }))).toEqual(['caseId']);
    expect(fields(run({ path: '/api/cases/c/goals/%E2%80%AE' }))).toEqual(['goalId']);
    expect(fields(run({ path: '/api/cases/%00' }))).toEqual(['id']);
    expect(fields(run({ path: '/nowhere/%00' }))).toEqual(['path']);
  });

  it('names query parameters, cookies and headers by name', () => {
    expect(fields(run({ path: '/api/auth/login', url: '/api/auth/login?returnTo=%2Fe%00', query: { returnTo: '/e\u0000' } }))).toEqual([
      'returnTo',
    ]);
    expect(fields(run({ cookies: { '__Host-stafett-session': 'a\u0000' } }))).toEqual(['__Host-stafett-session']);
    expect(fields(run({ rawHeaders: ['X-Note', 'a\u0001b'] }))).toEqual(['X-Note']);
  });

  it('answers a 400 for bad text or depth and a 413 for a long array', () => {
    expect(run({ body: { text: '\u202E' } })).toBeInstanceOf(RequestValidationException);
    expect(run({ body: nested(2000) })).toBeInstanceOf(RequestValidationException);
    const tooLong = run({ body: { ids: Array(MAX_ARRAY_ITEMS + 1).fill(1) } });
    expect(tooLong).toBeInstanceOf(RequestTooLargeException);
    expect((tooLong as RequestTooLargeException).getStatus()).toBe(413);
  });
});
