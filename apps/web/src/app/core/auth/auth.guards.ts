import { inject } from '@angular/core';
import { CanActivateFn, RedirectCommand, Router, UrlTree } from '@angular/router';
import type { Action, SubjectName } from '@stafett/domain';
import { SessionStore, safeReturnPath } from '@stafett/web-data-access';

/** Where an anonymous user is sent; they come back to `returnUrl` after signing in. */
export function signInUrl(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/sign-in'], { queryParams: { returnTo: returnUrl } });
}

/** The route needs a signed-in user; anyone else goes to the sign-in page and comes back here afterwards. */
export const requireSignIn: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  await session.ensureLoaded();
  return session.signedIn() ? true : signInUrl(router, state.url);
};

/**
 * The route needs a signed-in user whose ability allows `action` on `subject`. When it does not, the
 * not-found page is shown at the requested URL, saying the same as the server does for a record
 * out of scope: not found or no access, without telling which. The server still checks every request.
 */
export function requireAbility(action: Action, subject: SubjectName): CanActivateFn {
  return async (_route, state) => {
    const session = inject(SessionStore);
    const router = inject(Router);
    await session.ensureLoaded();
    if (!session.signedIn()) return signInUrl(router, state.url);
    if (session.ability().can(action, subject)) return true;
    return new RedirectCommand(router.parseUrl('/not-found'), { browserUrl: state.url });
  };
}

/** A signed-in user who opens the sign-in page goes on to where they were heading. */
export const redirectSignedIn: CanActivateFn = async (route) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  await session.ensureLoaded();
  return session.signedIn() ? router.parseUrl(safeReturnPath(route.queryParamMap.get('returnTo'))) : true;
};
