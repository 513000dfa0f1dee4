import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import type { SignInAudience } from '@stafett/domain';
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig } from '../../config/app-config';
import { IdTokenClaims, verifyIdToken } from './id-token';

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export class IdentityProviderError extends Error {}

/** base64url(SHA-256(verifier)), the PKCE S256 challenge. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The relying party: authorization code flow with PKCE (S256), state and nonce, against the
 * issuer's discovered metadata; ID tokens are checked against the issuer's published keys.
 */
@Injectable()
export class OidcClient {
  private readonly metadata = new Map<SignInAudience, Promise<ProviderMetadata>>();
  private readonly keys = new Map<SignInAudience, JWTVerifyGetKey>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  redirectUri(): string {
    return `${this.config.publicUrl}/api/auth/callback`;
  }

  async authorizationUrl(audience: SignInAudience, params: { state: string; nonce: string; codeVerifier: string }): Promise<string> {
    const meta = await this.discover(audience);
    const url = new URL(meta.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.identityProviders[audience].clientId,
      redirect_uri: this.redirectUri(),
      scope: audience === 'citizen' ? 'openid profile' : 'openid profile email',
      state: params.state,
      nonce: params.nonce,
      code_challenge: pkceChallenge(params.codeVerifier),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** Exchanges the code for tokens and returns the verified ID token's claims. */
  async completeSignIn(audience: SignInAudience, params: { code: string; codeVerifier: string; nonce: string }): Promise<IdTokenClaims> {
    const provider = this.config.identityProviders[audience];
    const meta = await this.discover(audience);
    const response = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(provider.clientId)}:${encodeURIComponent(provider.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.code,
        redirect_uri: this.redirectUri(),
        code_verifier: params.codeVerifier,
      }),
      signal: AbortSignal.timeout(10000),
    });
    if (!response.ok) throw new IdentityProviderError(`token endpoint answered ${response.status}`);
    const body = (await response.json()) as { id_token?: unknown };
    if (typeof body.id_token !== 'string') throw new IdentityProviderError('token response has no id_token');
    return verifyIdToken(body.id_token, this.jwks(audience, meta), {
      issuer: meta.issuer,
      audience: provider.clientId,
      nonce: params.nonce,
    });
  }

  private discover(audience: SignInAudience): Promise<ProviderMetadata> {
    let pending = this.metadata.get(audience);
    if (!pending) {
      const issuer = this.config.identityProviders[audience].issuer;
      pending = fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10000) }).then(async (res) => {
        if (!res.ok) throw new IdentityProviderError(`discovery answered ${res.status}`);
        const meta = (await res.json()) as ProviderMetadata;
        // The metadata must belong to the issuer we trust (OpenID Connect Discovery § 4.3).
        if (meta.issuer !== issuer) throw new IdentityProviderError('discovered issuer does not match the configured one');
        return meta;
      });
      pending.catch(() => this.metadata.delete(audience));
      this.metadata.set(audience, pending);
    }
    return pending;
  }

  private jwks(audience: SignInAudience, meta: ProviderMetadata): JWTVerifyGetKey {
    let keys = this.keys.get(audience);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(meta.jwks_uri));
      this.keys.set(audience, keys);
    }
    return keys;
  }
}
