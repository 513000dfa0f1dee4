import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryOnce } from '@stafett/testing';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A stand-in identity provider whose token endpoint returns whatever ID token the test crafts,
 * so the API's callback can be driven over HTTP with forged, unsigned, misaddressed or expired
 * tokens. The API is configured for it exactly as for a real issuer (no bundled provider).
 */
class FakeIssuer {
  server!: Server;
  url!: string;
  key!: KeyLike;
  jwk!: JWK;
  nextToken: () => Promise<string> = async () => '';

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
      });
    }
    if (req.url === '/jwks') return json({ keys: [this.jwk] });
    if (req.url === '/token') return json({ id_token: await this.nextToken(), access_token: 'x', token_type: 'Bearer' });
    res.writeHead(404).end();
  }

  sign(claims: { nonce: string; iss?: string; aud?: string; exp?: number; key?: KeyLike }): Promise<string> {
    return new SignJWT({ nonce: claims.nonce, name: 'Kari Larsen' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(claims.iss ?? this.url)
      .setAudience(claims.aud ?? 'stafett-staff-client')
      .setSubject('kari.larsen')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? '5m')
      .sign(claims.key ?? this.key);
  }
}

describe('ID token checks through the sign-in callback (HTTP, real PostgreSQL)', () => {
  const issuer = new FakeIssuer();
  let t: TestApp;

  beforeAll(async () => {
    await issuer.start();
    t = await startTestApp({
      seedDemo: true,
      env: {
        DEV_IDENTITY_PROVIDER: 'false',
        OIDC_STAFF_ISSUER: issuer.url,
        OIDC_STAFF_CLIENT_ID: 'stafett-staff-client',
        OIDC_STAFF_CLIENT_SECRET: 'secret',
        OIDC_CITIZEN_ISSUER: issuer.url,
        OIDC_CITIZEN_CLIENT_ID: 'stafett-citizen-client',
        OIDC_CITIZEN_CLIENT_SECRET: 'secret',
      },
    });
    // Staff users are matched by issuer and subject: make Kari belong to this issuer.
    await queryOnce(t.db.ownerUrl, `UPDATE app_user SET issuer = $1 WHERE subject = 'kari.larsen'`, [issuer.url]);
  });
  afterAll(async () => {
    await t?.close();
    issuer.server?.close();
  });

  /** Starts a sign-in, then completes it with the token `craft` returns for the attempt's nonce. */
  async function callbackWith(craft: (nonce: string) => Promise<string>): Promise<number> {
    const login = await fetch(`${t.baseUrl}/api/auth/login?as=staff`, { redirect: 'manual' });
    const authorize = new URL(login.headers.get('location') as string);
    const nonce = authorize.searchParams.get('nonce') as string;
    const state = authorize.searchParams.get('state') as string;
    issuer.nextToken = () => craft(nonce);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const callback = await fetch(`${t.baseUrl}/api/auth/callback?code=c&state=${state}`, { redirect: 'manual', headers: { cookie } });
    return callback.status;
  }

  it('signs in with a token the issuer signed for this client', async () => {
    expect(await callbackWith((nonce) => issuer.sign({ nonce }))).toBe(302);
  });

  it('answers 401 to a forged signature', async () => {
    const other = (await generateKeyPair('RS256')).privateKey;
    expect(await callbackWith((nonce) => issuer.sign({ nonce, key: other }))).toBe(401);
  });

  it('answers 401 to alg: none', async () => {
    const unsigned = async (nonce: string) => {
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ iss: issuer.url, aud: 'stafett-staff-client', sub: 'kari.larsen', iat: now, exp: now + 300, nonce })}.`;
    };
    expect(await callbackWith(unsigned)).toBe(401);
  });

  it('answers 401 to a wrong audience, a wrong issuer, and an expired token', async () => {
    expect(await callbackWith((nonce) => issuer.sign({ nonce, aud: 'another-client' }))).toBe(401);
    expect(await callbackWith((nonce) => issuer.sign({ nonce, iss: 'https://evil.example' }))).toBe(401);
    expect(await callbackWith((nonce) => issuer.sign({ nonce, exp: Math.floor(Date.now() / 1000) - 120 }))).toBe(401);
  });

  it('answers 401 to a replayed token carrying another nonce', async () => {
    expect(await callbackWith(() => issuer.sign({ nonce: 'from-another-sign-in' }))).toBe(401);
  });
});
