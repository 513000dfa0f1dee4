import { chooseContentCoding, ContentCoding } from './content-coding';

const both: ContentCoding[] = ['br', 'gzip'];

describe('chooseContentCoding', () => {
  it.each([
    // What browsers send: equal weights, so the server's preference (brotli) decides.
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate', both, 'gzip'],
    ['br', ['gzip'], 'identity'],
    ['GZIP', both, 'gzip'],
    ['x-gzip', both, 'gzip'],
    ['gzip;q=1.0, br;q=0.5', both, 'gzip'],
    ['gzip ; q=0.8, br;q=0.9', both, 'br'],
    ['*', both, 'br'],
  ] as const)('%j with %j → %s', (header, available, expected) => {
    expect(chooseContentCoding(header, available)).toBe(expected);
  });

  it.each([
    ['br;q=0, *', 'gzip'],
    ['br;q=0, gzip;q=0, *', 'identity'],
    ['gzip;q=0, *;q=0.1', 'br'],
    ['*;q=0', 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
  ] as const)('refuses a coding weighted q=0, also when * would admit it: %j → %s', (header, expected) => {
    expect(chooseContentCoding(header, both)).toBe(expected);
  });

  it('sends the plain file without the header, with an empty one, or for identity alone', () => {
    expect(chooseContentCoding(undefined, both)).toBe('identity');
    expect(chooseContentCoding('', both)).toBe('identity');
    expect(chooseContentCoding('identity', both)).toBe('identity');
  });

  it('prefers identity only when the client weighs it above the codings on offer', () => {
    expect(chooseContentCoding('identity, gzip;q=0.5', both)).toBe('identity');
    expect(chooseContentCoding('identity;q=0.5, gzip', both)).toBe('gzip');
    expect(chooseContentCoding('identity;q=0, br', both)).toBe('br');
  });

  it('ignores entries with a malformed weight instead of guessing', () => {
    expect(chooseContentCoding('br;q=2, gzip', both)).toBe('gzip');
    expect(chooseContentCoding('br;q=abc', both)).toBe('identity');
    expect(chooseContentCoding(', ,;q=1', both)).toBe('identity');
  });
});
