// Signs in through the real OIDC code path, as tests/e2e/support/sign-in.ts does: the API's login
// redirect, the bundled identity provider's page and form, its token endpoint (called by the API),
// the API's callback. Returns the session cookie and CSRF token, and the raw session token (the
// bare-SQL replay looks the session up by its hash, as the API does).

function cookiesFrom(response) {
  const jar = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return jar;
}

const unescape = (text) => text.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));

/** `label` is the button's text on the provider's page: the display name, and " (foresatt)" for a guardian. */
export async function signIn(baseUrl, audience, label) {
  const login = await fetch(`${baseUrl}/api/auth/login?as=${audience}`, { redirect: 'manual' });
  if (login.status !== 302) throw new Error(`login answered ${login.status}`);
  const loginCookies = cookiesFrom(login);
  const page = await (await fetch(login.headers.get('location'))).text();
  const hidden = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], unescape(m[2])]),
  );
  const button = [...page.matchAll(/<button type="submit" name="login" value="([^"]+)">([^<]+)<\/button>/g)].find(
    (m) => unescape(m[2]) === label,
  );
  if (!button) throw new Error(`no "${label}" on the ${audience} sign-in page`);
  const action = unescape(page.match(/<form method="post" action="([^"]+)">/)[1]);
  const chosen = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ ...hidden, login: unescape(button[1]) }),
  });
  const callback = await fetch(chosen.headers.get('location'), {
    redirect: 'manual',
    headers: {
      cookie: Object.entries(loginCookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    },
  });
  if (callback.status !== 302) throw new Error(`callback answered ${callback.status}: ${await callback.text()}`);
  const jar = cookiesFrom(callback);
  const token = jar['__Host-stafett-session'];
  return { cookie: `__Host-stafett-session=${token}`, csrfToken: jar['XSRF-TOKEN'], token };
}

/** Signs in everyone in `labels`, `parallel` at a time; answers in the same order. */
export async function signInAll(baseUrl, audience, labels, parallel = 4) {
  const sessions = new Array(labels.length);
  let next = 0;
  const worker = async () => {
    while (next < labels.length) {
      const i = next++;
      sessions[i] = await signIn(baseUrl, audience, labels[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, labels.length) }, worker));
  return sessions;
}
