import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { SessionStore } from '@stafett/web-data-access';
import { catchError, throwError } from 'rxjs';
import { signInUrl } from './auth.guards';

/** These answer 401 as part of their contract; the session store handles them itself. */
const handledBySessionStore = (url: string) => url === '/api/me' || url.startsWith('/api/auth/');

/**
 * A 401 from the API while the client believes it is signed in means the session ended on the
 * server (expired, or signed out elsewhere): forget it and offer sign-in, coming back here.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && session.signedIn() && !handledBySessionStore(request.url)) {
        session.clear();
        void router.navigateByUrl(signInUrl(router, router.url));
      }
      return throwError(() => error);
    }),
  );
};
