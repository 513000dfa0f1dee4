import { createECDH, createHash, createPrivateKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { ID_PORTEN_LEVELS } from '@stafett/domain';
// Used only when loadConfig runs, after both modules are loaded.
import { ConfigError } from './app-config';

/** How this client proves itself at the token endpoint. ID-porten requires private_key_jwt. */
export type ClientAuthentication =
  | { method: 'client_secret_basic'; secret: string }
  | { method: 'private_key_jwt'; privateKey: JsonWebKey; kid: string; alg: 'RS256' | 'PS256' | 'ES256' };

export interface OidcProviderConfig {
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthentication;
  /** Sent as `acr_values`; the ID token's `acr` must meet the first (acr-policy.ts). Empty: none asked. */
  acrValues: string[];
}

type Env = Record<string, string | undefined>;

/**
 * The development client key of the bundled provider's citizen client: derived from a fixed label, so
 * every replica and test process has the same one and the provider can verify its assertions. Used
 * only with DEV_IDENTITY_PROVIDER, which production refuses.
 */
export function devClientKey(): { privateKey: JsonWebKey; publicKey: JsonWebKey; kid: string } {
  const d = createHash('sha256').update('stafett development client key, never for production').digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const publicKey: JsonWebKey = {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
  return { privateKey: { ...publicKey, d: d.toString('base64url') }, publicKey, kid: 'stafett-dev-client' };
}

/** A private key from the environment: a JWK (JSON) or a PKCS#8 / PKCS#1 / SEC1 PEM. */
function privateKeyFrom(prefix: string, env: Env): { privateKey: JsonWebKey; kid: string; alg: 'RS256' | 'PS256' | 'ES256' } {
  const text = (env[`${prefix}_PRIVATE_KEY`] ?? '').replace(/\\n/g, '\n').trim();
  let jwk: JsonWebKey;
  try {
    const key = text.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' })
      : createPrivateKey({ key: text, format: 'pem' });
    jwk = key.export({ format: 'jwk' });
  } catch {
    throw new ConfigError(`${prefix}_PRIVATE_KEY is not a private key: give a JWK (JSON) or a PEM`);
  }
  const fromJwk = text.startsWith('{') ? (JSON.parse(text) as { kid?: string; alg?: string }) : {};
  const kid = env[`${prefix}_PRIVATE_KEY_ID`] || fromJwk.kid;
  if (!kid) throw new ConfigError(`${prefix}_PRIVATE_KEY_ID is missing: the key's id (kid) as registered with the identity provider`);
  let alg: 'RS256' | 'PS256' | 'ES256';
  if (jwk.kty === 'RSA') alg = fromJwk.alg === 'PS256' ? 'PS256' : 'RS256';
  else if (jwk.kty === 'EC' && jwk.crv === 'P-256') alg = 'ES256';
  else throw new ConfigError(`${prefix}_PRIVATE_KEY must be an RSA or P-256 key (got ${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ''})`);
  return { privateKey: jwk, kid, alg };
}

/** One identity provider's client from `${prefix}_*`, or the bundled provider's when it is on. */
export function oidcProvider(
  env: Env,
  prefix: 'OIDC_STAFF' | 'OIDC_CITIZEN',
  audience: 'staff' | 'citizen',
  opts: { devIdentityProvider: boolean; production: boolean; publicUrl: string },
): OidcProviderConfig {
  const acrValues = (env[`${prefix}_ACR_VALUES`] ?? '').split(/\s+/).filter(Boolean);
  if (opts.devIdentityProvider) {
    const issuer = `${opts.publicUrl}/idp/${audience}`;
    const clientId = `stafett-${audience}`;
    // Staff sign in with a client secret and citizens with private_key_jwt, as against Entra ID and ID-porten.
    if (audience === 'staff') return { issuer, clientId, clientAuth: { method: 'client_secret_basic', secret: 'dev-only' }, acrValues };
    const dev = devClientKey();
    return {
      issuer,
      clientId,
      clientAuth: { method: 'private_key_jwt', privateKey: dev.privateKey, kid: dev.kid, alg: 'ES256' },
      acrValues: acrValues.length ? acrValues : ['idporten-loa-substantial'],
    };
  }
  const issuer = env[`${prefix}_ISSUER`];
  const clientId = env[`${prefix}_CLIENT_ID`];
  for (const [name, value] of [
    ['ISSUER', issuer],
    ['CLIENT_ID', clientId],
  ]) {
    if (!value) throw new ConfigError(`${prefix}_${name} is missing: set it, or DEV_IDENTITY_PROVIDER=true outside production`);
  }
  if (opts.production && !issuer?.startsWith('https://')) throw new ConfigError(`${prefix}_ISSUER must use https in production`);
  const method = env[`${prefix}_CLIENT_AUTH`] || (env[`${prefix}_PRIVATE_KEY`] ? 'private_key_jwt' : 'client_secret_basic');
  let clientAuth: ClientAuthentication;
  if (method === 'private_key_jwt') {
    if (!env[`${prefix}_PRIVATE_KEY`]) throw new ConfigError(`${prefix}_PRIVATE_KEY is missing: private_key_jwt needs the client's key`);
    clientAuth = { method, ...privateKeyFrom(prefix, env) };
  } else if (method === 'client_secret_basic') {
    const secret = env[`${prefix}_CLIENT_SECRET`];
    if (!secret) throw new ConfigError(`${prefix}_CLIENT_SECRET is missing: set it, or ${prefix}_PRIVATE_KEY for private_key_jwt`);
    clientAuth = { method, secret };
  } else {
    throw new ConfigError(`${prefix}_CLIENT_AUTH must be private_key_jwt or client_secret_basic (got "${method}")`);
  }
  if (audience === 'citizen' && opts.production) {
    // ID-porten accepts only private_key_jwt from a confidential client, and a level must be asked for and checked.
    if (clientAuth.method !== 'private_key_jwt') {
      throw new ConfigError(`${prefix}_PRIVATE_KEY is missing: ID-porten requires private_key_jwt client authentication in production`);
    }
    if (!ID_PORTEN_LEVELS.includes(acrValues[0] as (typeof ID_PORTEN_LEVELS)[number])) {
      throw new ConfigError(`${prefix}_ACR_VALUES must be ${ID_PORTEN_LEVELS.join(' or ')} in production (got "${acrValues.join(' ')}")`);
    }
  }
  return { issuer: issuer as string, clientId: clientId as string, clientAuth, acrValues };
}
