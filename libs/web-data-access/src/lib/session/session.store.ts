import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { abilityFromPackedRules } from '@stafett/domain';
import type { AppAbility, SessionInfo, SignInAudience } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { safeReturnPath } from './return-path';

/**
 * `unknown` before the first `/api/me`; `unavailable` when the server could not answer (not the
 * same as signed out: the user is not sent to sign in because the server is down).
 */
export type SessionStatus = 'unknown' | 'loading' | 'signed-in' | 'signed-out' | 'unavailable';

/** Leaves the single-page app for a server URL; a token so specs can observe it instead of navigating. */
export const FULL_PAGE_NAVIGATION = new InjectionToken<(url: string) => void>('FULL_PAGE_NAVIGATION', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return (url: string) => {
      document.location.href = url;
    };
  },
});

interface SessionState {
  status: SessionStatus;
  session: SessionInfo | null;
}

/** Who is signed in and what they may do, as `GET /api/me` says. The server still decides every request. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly navigate = inject(FULL_PAGE_NAVIGATION);
  private readonly state = signal<SessionState>({ status: 'unknown', session: null });
  private pending: Promise<SessionInfo | null> | null = null;

  readonly status = computed(() => this.state().status);
  readonly session = computed(() => this.state().session);
  readonly signedIn = computed(() => this.state().session !== null);
  /** The same ability the server built for this user; empty (nothing allowed) when signed out. */
  readonly ability = computed<AppAbility>(() => abilityFromPackedRules(this.state().session?.rules ?? []));

  /** Asks the server who is signed in. A 401 means signed out, not an error; the promise never rejects. */
  load(): Promise<SessionInfo | null> {
    if (this.pending) return this.pending;
    this.state.update((s) => ({ ...s, status: 'loading' }));
    this.pending = firstValueFrom(this.http.get<SessionInfo>('/api/me'))
      .then(
        (session) => {
          this.state.set({ status: 'signed-in', session });
          return session;
        },
        (error: unknown) => {
          const signedOut = error instanceof HttpErrorResponse && error.status === 401;
          this.state.set({ status: signedOut ? 'signed-out' : 'unavailable', session: null });
          return null;
        },
      )
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** The known session, loading it first if it has not been (or could not be) loaded yet. */
  ensureLoaded(): Promise<SessionInfo | null> {
    const status = this.status();
    if (status === 'signed-in' || status === 'signed-out') return Promise.resolve(this.session());
    return this.load();
  }

  /** Full-page navigation to the server, which sends the browser through the identity provider and back to `returnTo`. */
  signIn(audience: SignInAudience, returnTo = '/'): void {
    this.navigate(`/api/auth/login?as=${encodeURIComponent(audience)}&returnTo=${encodeURIComponent(safeReturnPath(returnTo))}`);
  }

  /**
   * Ends the session on the server, then forgets it here and sends the browser to the identity
   * provider's end-session endpoint (RP-initiated logout), which sends it back to the start page.
   * Rejects when the server did not confirm, so the caller can say so instead of pretending the user
   * is signed out; a 401 means the session had already ended and counts as done.
   */
  async signOut(): Promise<void> {
    const token = this.session()?.csrfToken;
    let endSessionUrl: string | null = null;
    try {
      const answer = await firstValueFrom(
        this.http.post<{ endSessionUrl: string | null } | null>('/api/auth/logout', null, {
          headers: token ? { 'X-XSRF-TOKEN': token } : {},
        }),
      );
      endSessionUrl = answer?.endSessionUrl ?? null;
    } catch (error: unknown) {
      if (!(error instanceof HttpErrorResponse && error.status === 401)) throw error;
    }
    this.clear();
    if (endSessionUrl) this.navigate(endSessionUrl);
  }

  /**
   * Acts from now on as the signed-in person's citizen user in another municipality (a person
   * registered in two has a user in each), then reloads the session: rules and family role are that
   * municipality's.
   */
  async switchMunicipality(userId: string): Promise<void> {
    const token = this.session()?.csrfToken;
    await firstValueFrom(this.http.post<void>('/api/me/municipality', { userId }, { headers: token ? { 'X-XSRF-TOKEN': token } : {} }));
    this.state.update((s) => ({ ...s, status: 'unknown' }));
    await this.load();
  }

  /** Forgets the session locally, e.g. when the server answered 401 to a request (session expired). */
  clear(): void {
    this.state.set({ status: 'signed-out', session: null });
  }
}
