import { HttpHeaders } from '@angular/common/http';
import { tap } from 'rxjs';
import type { Observable } from 'rxjs';

export const IDEMPOTENCY_KEY = 'Idempotency-Key';

/**
 * The `Idempotency-Key`s of creates (SECURITY.md S23): one per user action. A create that got no
 * answer — the network failed, the server said 5xx — may well have been made; sending the same
 * thing to the same place again is a retry of that action and goes with the same key, so the
 * server answers the record it made instead of making a second. Once a create is answered, the next
 * one, even with the same text, is a new action with a new key. A changed body is a new action too.
 */
export class CreateKeys {
  private readonly unanswered = new Map<string, { body: string; key: string }>();

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key for sending `body` to `url`: the unanswered attempt's when it sent the same body, otherwise a new one. */
  keyFor(url: string, body: unknown): string {
    const sent = JSON.stringify(body ?? null);
    const earlier = this.unanswered.get(url);
    if (earlier && earlier.body === sent) return earlier.key;
    const key = this.newKey();
    this.unanswered.set(url, { body: sent, key });
    return key;
  }

  /** The server answered the action (made it, or refused it as it was sent): the next create is another action. */
  answered(url: string, key: string): void {
    if (this.unanswered.get(url)?.key === key) this.unanswered.delete(url);
  }

  /**
   * Sends a create with its key. A refusal of the request itself (4xx but 409, "still being
   * processed") ends the action too: sending it again as it was would be refused again.
   */
  send<T>(url: string, body: unknown, headers: HttpHeaders, post: (headers: HttpHeaders) => Observable<T>): Observable<T> {
    const key = this.keyFor(url, body);
    return post(headers.set(IDEMPOTENCY_KEY, key)).pipe(
      tap({
        next: () => this.answered(url, key),
        error: (error: { status?: number }) => {
          const status = error?.status ?? 0;
          if (status >= 400 && status < 500 && status !== 409 && status !== 408 && status !== 429) this.answered(url, key);
        },
      }),
    );
  }
}
