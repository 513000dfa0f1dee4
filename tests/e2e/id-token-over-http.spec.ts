import { exportJWK, exportPKCS8, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryOnce } from '@stafett/testing';
import { startTestApp, TestApp } from './support/test-app';

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * A stand-in identity provider whose token endpoint returns whatever ID token the test crafts,
 * so the API's callback can be driven over HTTP with forged, unsigned, misaddressed, expired or
 * too weakly assured tokens. The API is configured for it exactly as for a real issuer (no bundled
 * provider): staff with client_secret_basic, citizens with private_key_jwt as against ID-porten.
 */
class FakeIssuer {
  server!: Server;
  url!: string;
  key!: KeyLike;
  jwk!: JWK;
  nextToken: () => Promise<string> = async () => '';
  /** How the last token request authenticated the client. */
  lastClientAuth: { basic: string | null; assertion: string | null } = { basic: null, assertion: null };

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256');
    this.key = pair.privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return json({
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        end_session_endpoint: `${this.url}/endsession`,
        acr_values_supported: ['idporten-loa-substantial', 'idporten-loa-high'],
      });
    }
    if (req.url === '/jwks') return json({ keys: [this.jwk] });
    if (req.url === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      this.lastClientAuth = {
        basic: req.headers.authorization ?? null,
        assertion: form.get('client_assertion_type') === CLIENT_ASSERTION_TYPE ? form.get('client_assertion') : null,
      };
      return json({ id_token: await this.nextToken(), access_token: 'x', token_type: 'Bearer' });
    }
    res.writeHead(404).end();
  }

  sign(claims: {
    nonce: string;
    iss?: string;
    aud?: string;
    sub?: string;
    exp?: number;
    key?: KeyLike;
    extra?: Record<string, unknown>;
  }): Promise<string> {
    return new SignJWT({ nonce: claims.nonce, name: 'Kari Larsen', ...claims.extra })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(claims.iss ?? this.url)
      .setAudience(claims.aud ?? 'stafett-staff-client')
      .setSubject(claims.sub ?? 'kari.larsen')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? '5m')
      .sign(claims.key ?? this.key);
  }
}

describe('ID token checks through the sign-in callback (HTTP, real PostgreSQL)', () => {
  const issuer = new FakeIssuer();
  let t: TestApp;
  let clientPublicKey: JWK;
  let annePid: string;

  beforeAll(async () => {
    await issuer.start();
    // The citizen client's key, given to the API as a PEM the way an operator would, with its kid.
    const clientKey = await generateKeyPair('ES256', { extractable: true });
    clientPublicKey = await exportJWK(clientKey.publicKey);
    t = await startTestApp({
      seedDemo: true,
      env: {
        DEV_IDENTITY_PROVIDER: 'false',
        OIDC_STAFF_ISSUER: issuer.url,
        OIDC_STAFF_CLIENT_ID: 'stafett-staff-client',
        OIDC_STAFF_CLIENT_SECRET: 'secret',
        OIDC_CITIZEN_ISSUER: issuer.url,
        OIDC_CITIZEN_CLIENT_ID: 'stafett-citizen-client',
        OIDC_CITIZEN_PRIVATE_KEY: await exportPKCS8(clientKey.privateKey),
        OIDC_CITIZEN_PRIVATE_KEY_ID: 'citizen-client-key-1',
        OIDC_CITIZEN_ACR_VALUES: 'idporten-loa-high',
      },
    });
    // Staff users are matched by issuer and subject: make Kari belong to this issuer.
    await queryOnce(t.db.ownerUrl, `UPDATE app_user SET issuer = $1 WHERE subject = 'kari.larsen'`, [issuer.url]);
    [{ national_id: annePid }] = await queryOnce<{ national_id: string }>(
      t.db.ownerUrl,
      `SELECT national_id FROM app_user WHERE display_name LIKE 'Anne Nordmann%' AND kind = 'citizen'`,
    );
  });
  afterAll(async () => {
    await t?.close();
    issuer.server?.close();
  });

  /** Starts a sign-in, then completes it with the token `craft` returns for the attempt's nonce. */
  async function callbackWith(craft: (nonce: string) => Promise<string>, as: 'staff' | 'citizen' = 'staff'): Promise<Response> {
    const login = await fetch(`${t.baseUrl}/api/auth/login?as=${as}`, { redirect: 'manual' });
    const authorize = new URL(login.headers.get('location') as string);
    const nonce = authorize.searchParams.get('nonce') as string;
    const state = authorize.searchParams.get('state') as string;
    issuer.nextToken = () => craft(nonce);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return fetch(`${t.baseUrl}/api/auth/callback?code=c&state=${state}`, { redirect: 'manual', headers: { cookie } });
  }
  const statusOf = async (craft: (nonce: string) => Promise<string>, as: 'staff' | 'citizen' = 'staff') =>
    (await callbackWith(craft, as)).status;

  it('signs in with a token the issuer signed for this client', async () => {
    expect(await statusOf((nonce) => issuer.sign({ nonce }))).toBe(302);
    // client_secret_basic: id and secret form-encoded, then base64 (RFC 6749 § 2.3.1).
    const basic = Buffer.from((issuer.lastClientAuth.basic ?? '').replace(/^Basic /, ''), 'base64').toString();
    expect(basic.split(':').map(decodeURIComponent)).toEqual(['stafett-staff-client', 'secret']);
  });

  it('answers 401 to a forged signature', async () => {
    const other = (await generateKeyPair('RS256')).privateKey;
    expect(await statusOf((nonce) => issuer.sign({ nonce, key: other }))).toBe(401);
  });

  it('answers 401 to alg: none and to a symmetric algorithm even with a valid HMAC', async () => {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = (nonce: string) => ({
      iss: issuer.url,
      aud: 'stafett-staff-client',
      sub: 'kari.larsen',
      iat: now,
      exp: now + 300,
      nonce,
    });
    expect(await statusOf(async (nonce) => `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims(nonce))}.`)).toBe(401);
    const hmac = (nonce: string) =>
      new SignJWT(claims(nonce)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('secret'.padEnd(32, 'x')));
    expect(await statusOf(hmac)).toBe(401);
  });

  it('answers 401 to a wrong audience, a wrong issuer, an expired token and one not yet valid', async () => {
    expect(await statusOf((nonce) => issuer.sign({ nonce, aud: 'another-client' }))).toBe(401);
    expect(await statusOf((nonce) => issuer.sign({ nonce, iss: 'https://evil.example' }))).toBe(401);
    expect(await statusOf((nonce) => issuer.sign({ nonce, exp: Math.floor(Date.now() / 1000) - 120 }))).toBe(401);
    expect(await statusOf((nonce) => issuer.sign({ nonce, extra: { nbf: Math.floor(Date.now() / 1000) + 600 } }))).toBe(401);
  });

  it('answers 401 to a replayed token carrying another nonce', async () => {
    expect(await statusOf(() => issuer.sign({ nonce: 'from-another-sign-in' }))).toBe(401);
  });

  const citizenToken = (nonce: string, acr: string) =>
    issuer.sign({ nonce, aud: 'stafett-citizen-client', sub: 'pairwise-anne', extra: { pid: annePid, acr } });

  it('asks for the configured level and signs a citizen in at that level, authenticating with private_key_jwt', async () => {
    const login = await fetch(`${t.baseUrl}/api/auth/login?as=citizen`, { redirect: 'manual' });
    expect(new URL(login.headers.get('location') as string).searchParams.get('acr_values')).toBe('idporten-loa-high');
    expect(await statusOf((nonce) => citizenToken(nonce, 'idporten-loa-high'), 'citizen')).toBe(302);
    // The client proved itself with an assertion signed by its key (kid as configured), about itself, for this issuer.
    expect(issuer.lastClientAuth.basic).toBeNull();
    const assertion = issuer.lastClientAuth.assertion as string;
    const { payload, protectedHeader } = await jwtVerify(assertion, await importJWK(clientPublicKey, 'ES256'));
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'citizen-client-key-1' });
    expect(payload).toMatchObject({ iss: 'stafett-citizen-client', sub: 'stafett-citizen-client', jti: expect.any(String) });
    expect([payload.aud].flat()).toContain(issuer.url);
  });

  it('refuses a citizen whose sign-in is below the level asked for, and audits it as such', async () => {
    const refused = await callbackWith((nonce) => citizenToken(nonce, 'idporten-loa-substantial'), 'citizen');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ status: 401, detail: expect.stringMatching(/level of assurance is too low/) });
    expect(await statusOf((nonce) => issuer.sign({ nonce, aud: 'stafett-citizen-client', extra: { pid: annePid } }), 'citizen')).toBe(401);
    const audited = await queryOnce<{ outcome: string }>(
      t.db.ownerUrl,
      `SELECT outcome FROM audit_event WHERE action = 'login' AND category = 'acr' ORDER BY occurred_at`,
    );
    expect(audited).toEqual([{ outcome: 'failure' }, { outcome: 'failure' }]);
  });
});
