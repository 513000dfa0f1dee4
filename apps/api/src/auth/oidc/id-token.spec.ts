import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { InvalidIdTokenError, verifyIdToken } from './id-token';

const ISSUER = 'https://idp.example/staff';
const AUDIENCE = 'stafett-staff';
const NONCE = 'n-123';

describe('verifyIdToken with a local JWKS', () => {
  let privateKey: KeyLike;
  let jwks: ReturnType<typeof createLocalJWKSet>;
  let otherKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createLocalJWKSet({ keys: [jwk] });
    otherKey = (await generateKeyPair('RS256')).privateKey;
  });

  const sign = (claims: Record<string, unknown> = {}, key: KeyLike = privateKey, exp: string | number = '5m') =>
    new SignJWT({ nonce: NONCE, name: 'Demo User', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('demo-user')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);

  const verify = (token: string) => verifyIdToken(token, jwks, { issuer: ISSUER, audience: AUDIENCE, nonce: NONCE });

  it('accepts a token signed by the issuer for this client', async () => {
    await expect(verify(await sign())).resolves.toMatchObject({ sub: 'demo-user', name: 'Demo User' });
  });

  it('rejects a forged signature', async () => {
    await expect(verify(await sign({}, otherKey))).rejects.toThrow(InvalidIdTokenError);
  });

  it('rejects alg: none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const body = Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'x', iat: now, exp: now + 300, nonce: NONCE })).toString(
      'base64url',
    );
    await expect(verify(`${header}.${body}.`)).rejects.toThrow(InvalidIdTokenError);
  });

  it('rejects a symmetric algorithm even with a valid HMAC', async () => {
    const token = await new SignJWT({ nonce: NONCE })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('the-client-secret-the-client-secret'));
    await expect(verify(token)).rejects.toThrow(InvalidIdTokenError);
  });

  it('rejects a wrong audience and a wrong issuer', async () => {
    await expect(verifyIdToken(await sign(), jwks, { issuer: ISSUER, audience: 'someone-else', nonce: NONCE })).rejects.toThrow(/aud/);
    await expect(verifyIdToken(await sign(), jwks, { issuer: 'https://evil.example', audience: AUDIENCE, nonce: NONCE })).rejects.toThrow(
      /iss/,
    );
  });

  it('rejects an expired token and one not yet valid', async () => {
    await expect(verify(await sign({}, privateKey, Math.floor(Date.now() / 1000) - 120))).rejects.toThrow(/ERR_JWT_EXPIRED/);
    await expect(verify(await sign({ nbf: Math.floor(Date.now() / 1000) + 600 }))).rejects.toThrow(InvalidIdTokenError);
  });

  it('rejects a replayed token with another nonce', async () => {
    await expect(verify(await sign({ nonce: 'other' }))).rejects.toThrow(/nonce/);
  });
});
