import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it.each([
    ['/children', '/children'],
    ['/admin/users?page=2#top', '/admin/users?page=2#top'],
    ['/', '/'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['children'],
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['/\t/evil.example/'],
    ['/sign-in'],
    ['/sign-in?returnTo=%2Fchildren'],
    ['/api/auth/logout'],
    ['javascript:alert(1)'],
  ])('falls back to / for %p', (input) => {
    expect(safeReturnPath(input)).toBe('/');
  });
});
