import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';

/** Only asymmetric algorithms: `none` and HMAC (which would let a client secret forge tokens) are refused. */
export const ALLOWED_ID_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

export class InvalidIdTokenError extends Error {
  constructor(reason: string) {
    super(`ID token rejected: ${reason}`);
    this.name = 'InvalidIdTokenError';
  }
}

export interface IdTokenClaims extends JWTPayload {
  sub: string;
  nonce?: string;
  name?: string;
  /** ID-porten: the national identity number of the citizen who signed in. */
  pid?: string;
}

/** Checks signature (against the issuer's keys), algorithm, iss, aud, exp/nbf and nonce. */
export async function verifyIdToken(
  token: string,
  keys: JWTVerifyGetKey,
  expected: { issuer: string; audience: string; nonce: string },
): Promise<IdTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ALLOWED_ID_TOKEN_ALGORITHMS,
      clockTolerance: 30,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (payload['nonce'] !== expected.nonce) throw new InvalidIdTokenError('nonce does not match');
    return payload as IdTokenClaims;
  } catch (error) {
    if (error instanceof InvalidIdTokenError) throw error;
    // Name the failed claim (e.g. "aud") so a misconfiguration is easy to see in the log.
    const claim = error instanceof errors.JWTClaimValidationFailed ? ` (${error.claim})` : '';
    const code = error instanceof errors.JOSEError ? error.code : 'unknown';
    throw new InvalidIdTokenError(`${code}${claim}`);
  }
}
