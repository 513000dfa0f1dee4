import { PreconditionFailedException } from '@nestjs/common';
import { RequestValidationException } from '../problem/validation';
import { assertVersion, ifMatchVersionFrom, withEtag, withVersion } from './if-match';

describe('ifMatchVersionFrom', () => {
  it('is null without the header (the route answers 428)', () => {
    expect(ifMatchVersionFrom(undefined)).toBeNull();
  });

  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    [' "12" ', 12],
    ['"0"', 0],
    ['"999999999"', 999999999],
  ])('reads %j as version %i', (header, version) => {
    expect(ifMatchVersionFrom(header)).toBe(version);
  });

  it.each(['*', '', 'latest', '"3", "4"', '"-1"', '"1.5"', '"1234567890"', 'W/', '"a"'])(
    'refuses %j with 400 naming If-Match',
    (header) => {
      let thrown: unknown;
      try {
        ifMatchVersionFrom(header);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RequestValidationException);
      expect((thrown as RequestValidationException).fieldErrors).toEqual([{ field: 'If-Match', messages: [expect.any(String)] }]);
    },
  );
});

describe('assertVersion', () => {
  it('lets the version the caller read through, and refuses any other with 412 naming the record', () => {
    expect(() => assertVersion(4, 4, 'consent')).not.toThrow();
    expect(() => assertVersion(4, 3, 'consent')).toThrow(PreconditionFailedException);
    expect(() => assertVersion(4, 5, 'consent')).toThrow('The consent was changed by someone else; reload it and try again');
  });
});

describe('withEtag / withVersion', () => {
  it('sends the version in quotes as the ETag and answers the body unchanged', () => {
    const headers: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as never;
    const body = { id: 'x', version: 7 };
    expect(withEtag(res, body)).toBe(body);
    expect(headers['ETag']).toBe('"7"');
    const settings = { youthConsentAge: 16 };
    expect(withVersion(res, 9, settings)).toBe(settings);
    expect(headers['ETag']).toBe('"9"');
  });
});
