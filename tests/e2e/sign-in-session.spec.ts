import { generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import { queryOnce } from '@stafett/testing';
import { devClientKey } from '../../apps/api/src/config/oidc-config';
import { signIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The session against the bundled provider: the citizen client's private_key_jwt (the provider
 * verifies it), sign-out through the provider's end-session endpoint, and the idle timeout.
 */
describe('sign-in, sign-out and the idle timeout with the bundled identity provider', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { SESSION_IDLE_MINUTES: '2' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = (cookie: string) => fetch(`${t.baseUrl}/api/me`, { headers: { cookie } });
  const sessionRow = async (csrfToken: string) =>
    (
      await queryOnce<{ id: string; last_seen_at: Date; ended_at: Date | null; has_hint: boolean }>(
        t.db.ownerUrl,
        `SELECT id, last_seen_at, ended_at, id_token_hint IS NOT NULL AS has_hint FROM user_session WHERE csrf_token = $1`,
        [csrfToken],
      )
    )[0];

  describe('the citizen client’s private_key_jwt at the bundled provider', () => {
    const tokenEndpoint = () => `${t.baseUrl}/idp/citizen/token`;
    const assertion = (key: KeyLike | Uint8Array, overrides: { kid?: string; aud?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: overrides.kid ?? devClientKey().kid })
        .setIssuer('stafett-citizen')
        .setSubject('stafett-citizen')
        .setAudience(overrides.aud ?? `${t.baseUrl}/idp/citizen`)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('1m')
        .sign(key);
    const exchange = async (clientAssertion: string) => {
      const res = await fetch(tokenEndpoint(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: 'no-such-code',
          redirect_uri: `${t.baseUrl}/api/auth/callback`,
          code_verifier: 'x'.repeat(43),
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
        }),
      });
      return { status: res.status, body: await res.json() };
    };

    it('admits the development client key (then finds no such code) and refuses another key, kid or audience', async () => {
      const devKey = await importJWK(devClientKey().privateKey as JWK, 'ES256');
      // Authenticated: the code is what is wrong.
      expect(await exchange(await assertion(devKey))).toEqual({ status: 400, body: { error: 'invalid_grant' } });
      const wrongKey = (await generateKeyPair('ES256')).privateKey;
      expect(await exchange(await assertion(wrongKey))).toEqual({ status: 401, body: { error: 'invalid_client' } });
      expect(await exchange(await assertion(devKey, { kid: 'another-kid' }))).toEqual({ status: 401, body: { error: 'invalid_client' } });
      expect(await exchange(await assertion(devKey, { aud: 'https://elsewhere.example' }))).toEqual({
        status: 401,
        body: { error: 'invalid_client' },
      });
    });

    it('refuses an assertion used twice', async () => {
      const devKey = await importJWK(devClientKey().privateKey as JWK, 'ES256');
      const once = await assertion(devKey);
      expect((await exchange(once)).status).toBe(400);
      expect(await exchange(once)).toEqual({ status: 401, body: { error: 'invalid_client' } });
    });

    it('refuses a client secret from the citizen client', async () => {
      const res = await fetch(tokenEndpoint(), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('stafett-citizen:dev-only').toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: `${t.baseUrl}/api/auth/callback` }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_client' });
    });
  });

  it('signs a guardian in at substantial, and signs out through the provider’s end-session endpoint', async () => {
    const anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    expect((await me(anne.cookie)).status).toBe(200);
    expect((await sessionRow(anne.csrfToken)).has_hint).toBe(true);
    const out = await fetch(`${t.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: anne.cookie, 'x-xsrf-token': anne.csrfToken },
    });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    const endSession = new URL(endSessionUrl);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${t.baseUrl}/idp/citizen/endsession`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${t.baseUrl}/sign-in`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The provider sends the browser back to the application.
    const back = await fetch(endSessionUrl, { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${t.baseUrl}/sign-in?state=${endSession.searchParams.get('state')}`);
    // Ended here, and the ID token is forgotten.
    expect((await me(anne.cookie)).status).toBe(401);
    expect(await sessionRow(anne.csrfToken)).toMatchObject({ ended_at: expect.any(Date), has_hint: false });
  });

  it('the bundled end-session endpoint refuses a redirect elsewhere', async () => {
    const res = await fetch(`${t.baseUrl}/idp/citizen/endsession?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });

  it('ends a session left unused longer than SESSION_IDLE_MINUTES, and records activity at most once a minute', async () => {
    const kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    const first = await sessionRow(kari.csrfToken);
    expect((await me(kari.cookie)).status).toBe(200);
    // Within the minute: the lookup does not write.
    expect((await sessionRow(kari.csrfToken)).last_seen_at).toEqual(first.last_seen_at);
    // Last seen 90 s ago: still within two minutes, and this request records the activity.
    await queryOnce(t.db.ownerUrl, `UPDATE user_session SET last_seen_at = now() - interval '90 seconds' WHERE id = $1`, [first.id]);
    expect((await me(kari.cookie)).status).toBe(200);
    const refreshed = (await sessionRow(kari.csrfToken)).last_seen_at.getTime();
    expect(Date.now() - refreshed).toBeLessThan(30_000);
    // Last seen three minutes ago: ended, though hours remain of the absolute lifetime.
    await queryOnce(t.db.ownerUrl, `UPDATE user_session SET last_seen_at = now() - interval '3 minutes' WHERE id = $1`, [first.id]);
    const idle = await me(kari.cookie);
    expect(idle.status).toBe(401);
    expect(await idle.json()).toMatchObject({ status: 401 });
    // Its ID token is kept until her next sign-in, which forgets it.
    expect((await sessionRow(kari.csrfToken)).has_hint).toBe(true);
    await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    expect((await sessionRow(kari.csrfToken)).has_hint).toBe(false);
  });
});
