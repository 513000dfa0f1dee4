import express, { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { devClientKey } from '../config/oidc-config';
import { refuseUnsafeBody } from '../http/safe-input';

type Audience = 'staff' | 'citizen';

interface DemoIdentity {
  sub: string;
  name: string;
  pid?: string;
  /** An invited staff user who has not signed in yet: the directory names them by these, and the API binds them. */
  email?: string;
  upn?: string;
  label: string;
}

interface PendingCode {
  audience: Audience;
  identity: DemoIdentity;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  /** The level the client asked for (ID-porten's acr_values); the ID token asserts it. */
  acr: string | null;
  expires: number;
}

const ACR_SUPPORTED = ['idporten-loa-substantial', 'idporten-loa-high'];
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small OpenID Connect provider for the embedded default and the tests, so that sign-in always
 * runs the real authorization-code + PKCE path. Its login page lists the demo users instead of
 * asking for a password. Never mounted in production (the configuration refuses it). Its login
 * counts against the API's sign-in limit (`limitSignIn`).
 *
 * It stands in for the municipality's directory and ID-porten, which know people from the
 * population register, not through the application: it reads them as the schema owner
 * (`DATABASE_MIGRATION_URL`), on a connection of its own per page, so the application's role keeps
 * row-level security with no way around it.
 */
export async function devIdentityProvider(config: AppConfig, limitSignIn: RequestHandler): Promise<Router> {
  const register = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: config.migrationDatabaseUrl, application_name: 'stafett-dev-idp' });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomBytes(8).toString('hex');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  // The citizen client authenticates with private_key_jwt, as ID-porten requires; its key is the development key.
  const clientKey = await importJWK(devClientKey().publicKey as JWK, 'ES256');
  const seenAssertions = new Map<string, number>();
  const router = Router();
  // The app's input screening has run already for the path, query and headers; the form body is parsed only here.
  router.use(express.urlencoded({ extended: false, limit: '10kb' }), refuseUnsafeBody);

  const issuer = (audience: Audience) => config.identityProviders[audience].issuer;
  const audienceOf = (req: Request): Audience | null =>
    req.params['audience'] === 'staff' || req.params['audience'] === 'citizen' ? req.params['audience'] : null;

  router.get('/:audience/.well-known/openid-configuration', (req, res) => {
    const audience = audienceOf(req);
    if (!audience) return res.status(404).end();
    const base = issuer(audience);
    return res.json({
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/jwks`,
      end_session_endpoint: `${base}/endsession`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: [audience === 'citizen' ? 'private_key_jwt' : 'client_secret_basic'],
      token_endpoint_auth_signing_alg_values_supported: ['ES256'],
      acr_values_supported: ACR_SUPPORTED,
      authorization_response_iss_parameter_supported: true,
    });
  });

  router.get('/:audience/jwks', (_req, res) => res.json({ keys: [jwk] }));

  router.get('/:audience/authorize', async (req, res) => {
    const audience = audienceOf(req);
    const q = req.query as Record<string, string | undefined>;
    if (!audience) return res.status(404).end();
    if (q['response_type'] !== 'code' || q['code_challenge_method'] !== 'S256' || !q['code_challenge'] || !q['state'] || !q['nonce']) {
      return res.status(400).type('text/plain').send('invalid authorization request');
    }
    if (q['client_id'] !== config.identityProviders[audience].clientId || !q['redirect_uri']?.startsWith(`${config.publicUrl}/`)) {
      return res.status(400).type('text/plain').send('unknown client or redirect_uri');
    }
    const identities = await listIdentities(register, audience);
    const hidden = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge', 'acr_values']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k] ?? '')}">`)
      .join('');
    const title = audience === 'staff' ? 'Demo: kommunens innlogging for ansatte' : 'Demo: ID-porten';
    res.setHeader('Cache-Control', 'no-store');
    return res.type('html').send(`<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}button{display:block;width:100%;text-align:left;margin:.4rem 0;padding:.6rem;font-size:1rem}</style>
</head><body><h1>${title}</h1><p>Velg en demobruker. Alle personer er oppdiktet.</p>
<form method="post" action="${escapeHtml(issuer(audience))}/authorize">${hidden}
${identities.map((i) => `<button type="submit" name="login" value="${escapeHtml(i.sub)}">${escapeHtml(i.label)}</button>`).join('\n')}
</form></body></html>`);
  });

  router.post('/:audience/authorize', limitSignIn, async (req, res) => {
    const audience = audienceOf(req);
    const body = req.body as Record<string, string | undefined>;
    if (!audience) return res.status(404).end();
    const identity = (await listIdentities(register, audience)).find((i) => i.sub === body['login']);
    if (
      !identity ||
      body['client_id'] !== config.identityProviders[audience].clientId ||
      !body['redirect_uri']?.startsWith(`${config.publicUrl}/`)
    ) {
      return res.status(400).type('text/plain').send('invalid sign-in');
    }
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      audience,
      identity,
      clientId: body['client_id'],
      redirectUri: body['redirect_uri'],
      codeChallenge: body['code_challenge'] ?? '',
      nonce: body['nonce'] ?? '',
      // The first level asked for that it supports, as ID-porten does; none asked, none asserted.
      acr: (body['acr_values'] ?? '').split(' ').find((v) => ACR_SUPPORTED.includes(v)) ?? null,
      expires: Date.now() + 60_000,
    });
    const target = new URL(body['redirect_uri']);
    target.searchParams.set('code', code);
    target.searchParams.set('state', body['state'] ?? '');
    target.searchParams.set('iss', issuer(audience));
    return res.redirect(303, target.toString());
  });

  router.post('/:audience/token', async (req: Request, res: Response) => {
    const audience = audienceOf(req);
    const body = req.body as Record<string, string | undefined>;
    const pending = codes.get(body['code'] ?? '');
    codes.delete(body['code'] ?? ''); // single use
    const provider = audience ? config.identityProviders[audience] : null;
    const clientOk = audience && provider ? await authenticateClient(audience, req, body, provider.clientId) : false;
    if (!clientOk) return res.status(401).json({ error: 'invalid_client' });
    const verifier = body['code_verifier'] ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const ok =
      !!audience &&
      !!pending &&
      !!provider &&
      pending.audience === audience &&
      pending.expires > Date.now() &&
      pending.clientId === provider.clientId &&
      body['grant_type'] === 'authorization_code' &&
      body['redirect_uri'] === pending.redirectUri &&
      challenge.length === pending.codeChallenge.length &&
      timingSafeEqual(Buffer.from(challenge), Buffer.from(pending.codeChallenge));
    if (!ok || !pending || !audience) return res.status(400).json({ error: 'invalid_grant' });
    const idToken = await signIdToken(privateKey, kid, issuer(audience), pending);
    res.setHeader('Cache-Control', 'no-store');
    return res.json({ access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  });

  // RP-initiated logout: the demo provider keeps no session of its own, so it checks the request and sends the browser back.
  router.get('/:audience/endsession', async (req, res) => {
    const audience = audienceOf(req);
    const q = req.query as Record<string, string | undefined>;
    if (!audience) return res.status(404).end();
    const back = q['post_logout_redirect_uri'];
    if (!back?.startsWith(`${config.publicUrl}/`)) return res.status(400).type('text/plain').send('unknown post_logout_redirect_uri');
    if (q['id_token_hint']) {
      // Its own token, possibly expired by now: the signature and the client are what matter here.
      const hint = await jwtVerify(q['id_token_hint'], publicKey, { issuer: issuer(audience), currentDate: new Date(0) }).catch(() => null);
      if (!hint || hint.payload.aud !== config.identityProviders[audience].clientId) {
        return res.status(400).type('text/plain').send('invalid id_token_hint');
      }
    }
    const target = new URL(back);
    if (q['state']) target.searchParams.set('state', q['state']);
    return res.redirect(302, target.toString());
  });

  /**
   * client_secret_basic for the staff client; private_key_jwt for the citizen client (RFC 7523): an assertion
   * signed with the development client key, issued by and about the client, for this issuer, unexpired, used once.
   */
  async function authenticateClient(
    audience: Audience,
    req: Request,
    body: Record<string, string | undefined>,
    clientId: string,
  ): Promise<boolean> {
    const provider = config.identityProviders[audience];
    if (provider.clientAuth.method === 'client_secret_basic') {
      const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':')
        .map(decodeURIComponent);
      return id === clientId && secret === provider.clientAuth.secret;
    }
    const assertion = body['client_assertion'];
    if (body['client_assertion_type'] !== CLIENT_ASSERTION_TYPE || !assertion || req.headers.authorization) return false;
    try {
      if (decodeProtectedHeader(assertion).kid !== devClientKey().kid) return false;
      const { payload } = await jwtVerify(assertion, clientKey, {
        issuer: clientId,
        subject: clientId,
        audience: [issuer(audience), `${issuer(audience)}/token`],
        algorithms: ['ES256'],
        requiredClaims: ['exp', 'jti'],
        maxTokenAge: '2m',
      });
      const now = Date.now();
      for (const [jti, expires] of seenAssertions) if (expires < now) seenAssertions.delete(jti);
      if (seenAssertions.has(payload.jti as string)) return false;
      seenAssertions.set(payload.jti as string, now + 5 * 60_000);
      return true;
    } catch {
      return false;
    }
  }

  return router;
}

function signIdToken(key: KeyLike, kid: string, issuer: string, pending: PendingCode): Promise<string> {
  const { pid, email, upn } = pending.identity;
  return new SignJWT({
    nonce: pending.nonce,
    name: pending.identity.name,
    ...(pid ? { pid } : {}),
    ...(pending.acr ? { acr: pending.acr } : {}),
    // As Entra ID does: the e-mail, the UPN and preferred_username (the UPN, else the e-mail).
    ...(email ? { email, email_verified: true } : {}),
    ...(upn ? { upn } : {}),
    ...(upn || email ? { preferred_username: upn ?? email } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setAudience(pending.clientId)
    .setSubject(pending.identity.sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

/**
 * Staff: every active staff user — bound ones by their subject, invited ones who have not signed in yet by a
 * subject made from their id, with their e-mail and UPN in the token (the API binds them at that first sign-in).
 * Citizens: guardians, and children from 12 (who may sign in as youth).
 */
async function listIdentities(register: <T>(sql: string) => Promise<T[]>, audience: Audience): Promise<DemoIdentity[]> {
  if (audience === 'staff') {
    const rows = await register<{ id: string; subject: string | null; display_name: string; email: string | null; upn: string | null }>(
      `SELECT id, subject, display_name, email, upn FROM app_user
        WHERE kind = 'staff' AND active AND (subject IS NOT NULL OR email IS NOT NULL OR upn IS NOT NULL) ORDER BY display_name`,
    );
    return rows.map((r) =>
      r.subject
        ? { sub: r.subject, name: r.display_name, label: r.display_name }
        : {
            sub: createHash('sha256').update(`demo-invited:${r.id}`).digest('hex').slice(0, 24),
            name: r.display_name,
            ...(r.email ? { email: r.email } : {}),
            ...(r.upn ? { upn: r.upn } : {}),
            label: `${r.display_name} (invitert, ikke logget inn ennå)`,
          },
    );
  }
  const rows = await register<{ national_id: string; name: string; label: string }>(
    `SELECT national_id, display_name AS name, display_name || ' (foresatt)' AS label FROM app_user WHERE kind = 'citizen' AND national_id IS NOT NULL
     UNION
     SELECT national_id, given_name || ' ' || family_name, given_name || ' ' || family_name || ' (ungdom, ' || date_part('year', age(birth_date)) || ' år)'
       FROM child WHERE national_id IS NOT NULL AND age(birth_date) >= interval '12 years'
     ORDER BY 3`,
  );
  // ID-porten's subject is a pairwise pseudonym; the identity number travels in `pid`.
  return rows.map((r) => ({
    sub: createHash('sha256').update(`demo:${r.national_id}`).digest('hex').slice(0, 24),
    name: r.name,
    pid: r.national_id,
    label: r.label,
  }));
}
