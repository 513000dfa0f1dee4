import { daysFromToday, queryOnce } from '@stafett/testing';
import type { SignedIn } from './sign-in';

/** A JSON call as a signed-in browser makes it (session cookie, CSRF header); the body parsed. */
export interface ApiAnswer<T = any> {
  status: number;
  etag: string | null;
  /** `Idempotency-Replayed` (SECURITY.md S23): "true" on the answer to a retried create. */
  replayed: string | null;
  type: string | null;
  body: T;
}

export function apiFor(baseUrl: string) {
  return async <T = any>(
    who: SignedIn,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-xsrf-token': who.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      etag: res.headers.get('etag'),
      replayed: res.headers.get('idempotency-replayed'),
      type: res.headers.get('content-type'),
      body: text ? JSON.parse(text) : null,
    };
  };
}

/**
 * `If-Match` with the version an answer carries (SECURITY.md S22): its ETag, or the `version` in its
 * body (a change of a goal, measure or meeting answers the case without an ETag).
 */
export function ifMatch(read: number | { etag: string | null; body: { version: number } }): Record<string, string> {
  if (typeof read === 'number') return { 'if-match': `"${read}"` };
  return { 'if-match': read.etag ?? `"${read.body.version}"` };
}

/** Reads a record as `who` (who must be allowed to) and answers If-Match with the version it has now. */
export async function currentVersion(api: ReturnType<typeof apiFor>, who: SignedIn, path: string): Promise<Record<string, string>> {
  const read = await api(who, 'GET', path);
  if (read.status !== 200) throw new Error(`read ${path}: ${read.status} ${JSON.stringify(read.body)}`);
  return ifMatch(read);
}

/** Ids of the demo municipality the case tests use. */
export interface CaseWorld {
  emma: string;
  sentrum: string;
  helsestasjon: string;
  ppt: string;
  skole: string;
  hanne: string;
  eva: string;
  siri: string;
  healthService: string;
  pptService: string;
}

export async function caseWorld(ownerUrl: string): Promise<CaseWorld> {
  const one = async (sql: string) => (await queryOnce<{ id: string }>(ownerUrl, sql))[0].id;
  return {
    emma: await one(`SELECT id FROM child WHERE given_name = 'Emma'`),
    sentrum: await one(`SELECT id FROM unit WHERE name = 'Sentrum barnehage'`),
    helsestasjon: await one(`SELECT id FROM unit WHERE name = 'Fjordvik helsestasjon'`),
    ppt: await one(`SELECT id FROM unit WHERE name = 'PPT Fjordvik'`),
    skole: await one(`SELECT id FROM unit WHERE name = 'Fjordvik skole'`),
    hanne: await one(`SELECT id FROM app_user WHERE subject = 'hanne.moe'`),
    eva: await one(`SELECT id FROM app_user WHERE subject = 'eva.strand'`),
    siri: await one(`SELECT id FROM app_user WHERE subject = 'siri.nilsen'`),
    healthService: await one(`SELECT service_id AS id FROM unit WHERE name = 'Fjordvik helsestasjon'`),
    pptService: await one(`SELECT service_id AS id FROM unit WHERE name = 'PPT Fjordvik'`),
  };
}

/**
 * A concern about Emma by `author` (of Sentrum barnehage), decided as own service (level 1) or
 * collaboration (level 2/3): the start of every case.
 */
export async function decidedConcern(
  api: ReturnType<typeof apiFor>,
  author: SignedIn,
  world: CaseWorld,
  decision: { decision: 'own_service' } | { decision: 'collaboration'; level: 2 | 3 } = { decision: 'own_service' },
): Promise<string> {
  const created = await api(author, 'POST', '/api/concerns', {
    unitId: world.sentrum,
    childId: world.emma,
    aroseOn: daysFromToday(-30),
    observedBy: 'pedagogisk leder',
    description: 'Trekker seg unna i lek og virker sliten.',
    categories: ['wellbeing'],
  });
  if (created.status !== 201) throw new Error(`concern: ${created.status} ${JSON.stringify(created.body)}`);
  const decided = await api(
    author,
    'POST',
    `/api/concerns/${created.body.id}/decision`,
    { ...decision, reason: 'Tiltak i egen enhet' },
    ifMatch(created),
  );
  if (decided.status !== 200) throw new Error(`decision: ${decided.status} ${JSON.stringify(decided.body)}`);
  return created.body.id;
}

/** A level-1 case coordinated by `coordinator` (of Sentrum barnehage). */
export async function openLevel1Case(api: ReturnType<typeof apiFor>, coordinator: SignedIn, world: CaseWorld) {
  const concernId = await decidedConcern(api, coordinator, world);
  const opened = await api(coordinator, 'POST', '/api/cases', { concernId });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body;
}

/**
 * An active consent for `serviceIds`, asked for by the coordinator and signed by each of the
 * signers (Emma's guardians, signed in as citizens); with one signer, the single-signature
 * exception is used, with its reason.
 */
export async function giveConsent(
  api: ReturnType<typeof apiFor>,
  coordinator: SignedIn,
  caseId: string,
  serviceIds: string[],
  signers: SignedIn[],
  scope: { categories?: string[]; excludedUserIds?: string[]; excludedCategories?: string[]; validTo?: string } = {},
) {
  const draft = await api(coordinator, 'POST', `/api/cases/${caseId}/consents`, {
    purpose: 'Samarbeid om Emmas trivsel i barnehagen',
    categories: scope.categories ?? ['wellbeing', 'health'],
    serviceIds,
    ...(scope.excludedUserIds ? { excludedUserIds: scope.excludedUserIds } : {}),
    ...(scope.excludedCategories ? { excludedCategories: scope.excludedCategories } : {}),
    ...(scope.validTo ? { validTo: scope.validTo } : {}),
  });
  if (draft.status !== 201) throw new Error(`consent: ${draft.status} ${JSON.stringify(draft.body)}`);
  const sent = await api(
    coordinator,
    'POST',
    `/api/consents/${draft.body.id}/submit`,
    signers.length === 1 ? { singleSignatureReason: 'Far er på reise og kan ikke nås' } : {},
    ifMatch(draft),
  );
  if (sent.status !== 200) throw new Error(`submit: ${sent.status} ${JSON.stringify(sent.body)}`);
  let answer = sent;
  for (const signer of signers) {
    // Each signer signs the consent as the answer before left it (every answer is a new version).
    answer = await api(signer, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(answer));
    if (answer.status !== 200) throw new Error(`sign: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** A level-2 case with the health station taking part, on a consent both guardians signed. */
export async function openLevel2Case(
  api: ReturnType<typeof apiFor>,
  coordinator: SignedIn,
  world: CaseWorld,
  guardians: SignedIn[],
  consentScope: Parameters<typeof giveConsent>[5] = {},
) {
  const level1 = await openLevel1Case(api, coordinator, world);
  await giveConsent(api, coordinator, level1.id, [world.healthService], guardians, consentScope);
  const escalated = await api(
    coordinator,
    'POST',
    `/api/cases/${level1.id}/level`,
    {
      toLevel: 2,
      reason: 'Trenger helsestasjonen med',
      childView: 'Emma vil gjerne snakke med helsesykepleier',
      joining: [{ unitId: world.helsestasjon, role: 'health_follow_up' }],
    },
    await currentVersion(api, coordinator, `/api/cases/${level1.id}`),
  );
  if (escalated.status !== 200) throw new Error(`escalate: ${escalated.status} ${JSON.stringify(escalated.body)}`);
  return escalated.body;
}

/** A note in the shared log by `author`, in a category of information (the case's first when left out); answers the entry's id. */
export async function addLogNote(
  api: ReturnType<typeof apiFor>,
  author: SignedIn,
  caseId: string,
  text: string,
  category?: string,
): Promise<string> {
  const res = await api(author, 'POST', `/api/cases/${caseId}/log-entries`, { text, ...(category ? { category } : {}) });
  if (res.status !== 200) throw new Error(`log entry: ${res.status} ${JSON.stringify(res.body)}`);
  const entry = (res.body.log as Array<{ id: string; kind: string; text: string }>).find((l) => l.kind === 'note' && l.text === text);
  if (!entry) throw new Error(`log entry "${text}" not in the answer`);
  return entry.id;
}

/**
 * A level-1 case about any child, by `author` working in `unitId` (where the child is enrolled):
 * a concern registered there, decided as own service, and the case opened from it.
 */
export async function openOwnServiceCase(
  api: ReturnType<typeof apiFor>,
  author: SignedIn,
  unitId: string,
  childId: string,
  categories: string[] = ['wellbeing'],
) {
  const concern = await api(author, 'POST', '/api/concerns', {
    unitId,
    childId,
    aroseOn: daysFromToday(-30),
    observedBy: 'kontaktlærer',
    description: 'Virker nedstemt og trekker seg fra venner.',
    categories,
  });
  if (concern.status !== 201) throw new Error(`concern: ${concern.status} ${JSON.stringify(concern.body)}`);
  const decided = await api(
    author,
    'POST',
    `/api/concerns/${concern.body.id}/decision`,
    { decision: 'own_service', reason: 'Tiltak i egen enhet' },
    ifMatch(concern),
  );
  if (decided.status !== 200) throw new Error(`decision: ${decided.status} ${JSON.stringify(decided.body)}`);
  const opened = await api(author, 'POST', '/api/cases', { concernId: concern.body.id });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body;
}

/**
 * The grant table against the live rule, for every case of the database (as the owner): rows that
 * are in one and not the other. Both empty when the materialised grants equal the rule (SECURITY.md S10).
 */
export async function grantsAgainstRule(
  ownerUrl: string,
): Promise<Array<{ caseId: string; side: 'only_in_grants' | 'only_in_rule'; row: string }>> {
  const columns = `unit_id, participant_id, basis, consent_id, valid_from, valid_to, categories, excluded_user_ids, service_ids`;
  return queryOnce(
    ownerUrl,
    `WITH stored AS (SELECT case_id, row(${columns})::text AS row FROM case_access_grant),
          rule AS (SELECT k.id AS case_id, row(${columns
            .split(', ')
            .map((c) => `r.${c}`)
            .join(', ')})::text AS row
                     FROM coordinated_case k CROSS JOIN LATERAL stafett_case_access_rule(k.id) r)
     SELECT case_id AS "caseId", 'only_in_grants' AS side, row FROM (SELECT case_id, row FROM stored EXCEPT ALL SELECT case_id, row FROM rule) a
     UNION ALL
     SELECT case_id, 'only_in_rule', row FROM (SELECT case_id, row FROM rule EXCEPT ALL SELECT case_id, row FROM stored) b`,
  );
}
