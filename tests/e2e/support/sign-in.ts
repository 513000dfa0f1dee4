/**
 * Signs in through the real OIDC code path — the API's login redirect, the bundled identity
 * provider's page and token endpoint, the API's callback — as a browser would, and returns the
 * session cookies and CSRF token.
 */
export interface SignedIn {
  cookie: string;
  csrfToken: string;
}

function cookiesFrom(response: Response): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return jar;
}

export async function signIn(baseUrl: string, audience: 'staff' | 'citizen', who: string): Promise<SignedIn> {
  const login = await fetch(`${baseUrl}/api/auth/login?as=${audience}`, { redirect: 'manual' });
  if (login.status !== 302) throw new Error(`login answered ${login.status}`);
  const loginCookies = cookiesFrom(login);
  const authorizeUrl = login.headers.get('location') as string;
  const page = await (await fetch(authorizeUrl)).text();
  const hidden = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      m[2].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))),
    ]),
  );
  const button = [...page.matchAll(/<button type="submit" name="login" value="([^"]+)">([^<]+)<\/button>/g)].find((m) =>
    m[2].includes(who),
  );
  if (!button) throw new Error(`no demo user "${who}" on the ${audience} sign-in page`);
  const action = (page.match(/<form method="post" action="([^"]+)">/) as RegExpMatchArray)[1];
  const chosen = await fetch(action, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...hidden, login: button[1] }) });
  const callbackUrl = chosen.headers.get('location') as string;
  const callback = await fetch(callbackUrl, {
    redirect: 'manual',
    headers: {
      cookie: Object.entries(loginCookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    },
  });
  if (callback.status !== 302) throw new Error(`callback answered ${callback.status}: ${await callback.text()}`);
  const jar = cookiesFrom(callback);
  return { cookie: `__Host-stafett-session=${jar['__Host-stafett-session']}`, csrfToken: jar['XSRF-TOKEN'] };
}
