import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { firstValueFrom, of, throwError } from 'rxjs';
import { CreateKeys } from './idempotency';

describe('CreateKeys', () => {
  let n = 0;
  const keys = () => new CreateKeys(() => `key-${++n}`);

  it('gives a retry of the same body to the same place the key of the attempt that got no answer', () => {
    const k = keys();
    const first = k.keyFor('/api/concerns', { text: 'a' });
    expect(k.keyFor('/api/concerns', { text: 'a' })).toBe(first);
  });

  it('gives a changed body, or another place, a key of its own', () => {
    const k = keys();
    const first = k.keyFor('/api/concerns', { text: 'a' });
    expect(k.keyFor('/api/concerns', { text: 'b' })).not.toBe(first);
    expect(k.keyFor('/api/cases', { text: 'a' })).not.toBe(first);
  });

  it('starts a new action once the create is answered', () => {
    const k = keys();
    const first = k.keyFor('/api/concerns', { text: 'a' });
    k.answered('/api/concerns', first);
    expect(k.keyFor('/api/concerns', { text: 'a' })).not.toBe(first);
  });

  it('uses crypto.randomUUID by default', () => {
    expect(new CreateKeys().keyFor('/x', null)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  describe('send', () => {
    const sent: string[] = [];
    const post = (result: 'ok' | number) => (headers: HttpHeaders) => {
      sent.push(headers.get('Idempotency-Key') as string);
      return result === 'ok' ? of('done') : throwError(() => new HttpErrorResponse({ status: result }));
    };

    beforeEach(() => (sent.length = 0));

    it('keeps the key after no answer or 5xx, and after 409 (the first still running)', async () => {
      const k = keys();
      for (const status of [0, 503, 409]) await firstValueFrom(k.send('/x', { a: 1 }, new HttpHeaders(), post(status))).catch(() => null);
      await firstValueFrom(k.send('/x', { a: 1 }, new HttpHeaders(), post('ok')));
      expect(new Set(sent).size).toBe(1);
    });

    it('ends the action when the request itself was refused, so the same text sent again is a new action', async () => {
      const k = keys();
      await firstValueFrom(k.send('/x', { a: 1 }, new HttpHeaders(), post(400))).catch(() => null);
      await firstValueFrom(k.send('/x', { a: 1 }, new HttpHeaders(), post('ok')));
      await firstValueFrom(k.send('/x', { a: 1 }, new HttpHeaders(), post('ok')));
      expect(new Set(sent).size).toBe(3);
    });

    it('keeps the headers it was given', async () => {
      let seen: HttpHeaders | null = null;
      await firstValueFrom(
        keys().send('/x', null, new HttpHeaders({ 'X-XSRF-TOKEN': 't' }), (headers) => {
          seen = headers;
          return of(1);
        }),
      );
      expect((seen as HttpHeaders | null)?.get('X-XSRF-TOKEN')).toBe('t');
    });
  });
});
