import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { SignInAudience } from '@stafett/domain';
import { acrSatisfies } from '@stafett/domain';
import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig, ClientAuthentication } from '../../config/app-config';

// openid-client 6 is an ES module; this CommonJS build loads it with require(), which Node ≥ 20.19 supports
// (and Jest transforms it, see tests/jest.shared.js).
const oidc: typeof OpenIdClient = require('openid-client');

/** Only asymmetric algorithms: `none` and HMAC (which would let a client secret forge tokens) are refused. */
export const ALLOWED_ID_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

/** The identity provider's answer was not accepted (token, signature, claims, acr, or the provider itself). */
export class IdentityProviderError extends Error {
  constructor(
    message: string,
    /** Audited as the failure's category: `token` or `acr`. */
    readonly reason: 'token' | 'acr' = 'token',
  ) {
    super(message);
    this.name = 'IdentityProviderError';
  }
}

export interface IdTokenClaims {
  sub: string;
  name?: string;
  acr?: string;
  /** ID-porten: the national identity number of the citizen who signed in. */
  pid?: string;
  /** The staff provider's names for the person (Entra ID): an invited user is bound by one of them at first sign-in. */
  email?: string;
  email_verified?: boolean;
  upn?: string;
  preferred_username?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const SIGNING: Record<'RS256' | 'PS256' | 'ES256', RsaHashedImportParams | EcKeyImportParams> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
};

async function clientAuthentication(auth: ClientAuthentication): Promise<OpenIdClient.ClientAuth> {
  if (auth.method === 'client_secret_basic') return oidc.ClientSecretBasic(auth.secret);
  // Not extractable: the key can sign assertions and nothing in the process can read it back out.
  // The global WebCrypto, whose CryptoKey class is the one openid-client checks keys against.
  const key = await globalThis.crypto.subtle.importKey('jwk', auth.privateKey as JsonWebKey, SIGNING[auth.alg], false, ['sign']);
  return oidc.PrivateKeyJwt({ key, kid: auth.kid });
}

/**
 * The relying party, on openid-client: discovery, authorization code flow with PKCE (S256), state
 * and nonce, client authentication per provider (private_key_jwt or client_secret_basic),
 * `acr_values` with the returned `acr` checked, and RP-initiated logout. openid-client checks the ID
 * token's algorithm, iss, aud, exp/iat/nbf and nonce, and (enableNonRepudiationChecks) its
 * signature against the issuer's published keys.
 */
@Injectable()
export class OidcClient {
  private readonly configurations = new Map<SignInAudience, Promise<OpenIdClient.Configuration>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  redirectUri(): string {
    return `${this.config.publicUrl}/api/auth/callback`;
  }

  /** Where the identity provider sends the browser after its own sign-out: the client's sign-in page. */
  postLogoutRedirectUri(): string {
    return `${this.config.publicUrl}/sign-in`;
  }

  async authorizationUrl(audience: SignInAudience, params: { state: string; nonce: string; codeVerifier: string }): Promise<string> {
    const configuration = await this.configuration(audience);
    const acrValues = this.config.identityProviders[audience].acrValues;
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri(),
        scope: audience === 'citizen' ? 'openid profile' : 'openid profile email',
        state: params.state,
        nonce: params.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(params.codeVerifier),
        code_challenge_method: 'S256',
        ...(acrValues.length ? { acr_values: acrValues.join(' ') } : {}),
      })
      .toString();
  }

  /**
   * Exchanges the code for tokens and returns the verified ID token's claims, and the ID token itself for
   * the end-session request. `callback` is the query the provider redirected with (code, state, iss).
   */
  async completeSignIn(
    audience: SignInAudience,
    callback: Record<string, string>,
    checks: { state: string; codeVerifier: string; nonce: string },
  ): Promise<{ claims: IdTokenClaims; idToken: string }> {
    const configuration = await this.configuration(audience);
    const current = new URL(this.redirectUri());
    for (const [name, value] of Object.entries(callback)) current.searchParams.set(name, value);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      // Only the kind of failure: an error's cause can hold the token's claims, the identity number among them.
      const code = (error as { code?: unknown }).code;
      throw new IdentityProviderError(`${(error as Error).name}${typeof code === 'string' ? ` ${code}` : ''}: ${(error as Error).message}`);
    }
    const claims = tokens.claims() as (IdTokenClaims & Record<string, unknown>) | undefined;
    if (!claims || typeof claims.sub !== 'string' || !tokens.id_token) throw new IdentityProviderError('no ID token in the token response');
    const asked = this.config.identityProviders[audience].acrValues;
    if (!acrSatisfies(asked, claims.acr)) {
      throw new IdentityProviderError(`acr ${JSON.stringify(claims.acr ?? null)} does not meet ${asked.join(' ')}`, 'acr');
    }
    return {
      claims: {
        sub: claims.sub,
        name: text(claims.name),
        acr: text(claims.acr),
        pid: text(claims.pid),
        email: text(claims.email),
        email_verified: typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined,
        upn: text(claims.upn),
        preferred_username: text(claims.preferred_username),
      },
      idToken: tokens.id_token,
    };
  }

  /** The provider's end-session URL for this sign-out, or null when it publishes none. */
  async endSessionUrl(audience: SignInAudience, idTokenHint: string | null): Promise<string | null> {
    const configuration = await this.configuration(audience);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc
      .buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: this.postLogoutRedirectUri(),
        state: randomToken(16),
        ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
      })
      .toString();
  }

  /** Discovered once per provider; a failed discovery is forgotten so that the next sign-in tries again. */
  private configuration(audience: SignInAudience): Promise<OpenIdClient.Configuration> {
    let pending = this.configurations.get(audience);
    if (!pending) {
      const provider = this.config.identityProviders[audience];
      pending = (async () => {
        const issuer = new URL(provider.issuer);
        // Plain http only for a local issuer outside production (the bundled provider, the tests' stand-in).
        const insecure = !this.config.production && issuer.protocol === 'http:';
        try {
          return await oidc.discovery(
            issuer,
            provider.clientId,
            {
              // openid-client accepts a list here and checks the ID token's header against it.
              id_token_signed_response_alg: ALLOWED_ID_TOKEN_ALGORITHMS as unknown as string,
              [oidc.clockTolerance]: 30,
            },
            await clientAuthentication(provider.clientAuth),
            {
              // openid-client by default trusts an ID token from the token endpoint on TLS alone (OIDC Core 3.1.3.7):
              // SECURITY.md S19 wants its signature checked against the issuer's keys all the same.
              execute: insecure ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks],
              timeout: 10,
            },
          );
        } catch (error) {
          throw new IdentityProviderError(`discovery failed: ${(error as Error).message}`);
        }
      })();
      pending.catch(() => this.configurations.delete(audience));
      this.configurations.set(audience, pending);
    }
    return pending;
  }
}
