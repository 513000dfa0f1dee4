import { grantAdmits, liveAccessGrants } from '@stafett/domain';
import type { AccessGrant, ConsentWindow, InformationCategory, Participation } from '@stafett/domain';
import { queryOnce } from '@stafett/testing';
import fc from 'fast-check';
import { apiFor, CaseWorld, caseWorld, currentVersion, giveConsent, ifMatch, openLevel1Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * SECURITY.md S10: the materialised access grants must always equal the live rule. Random
 * sequences of real commands — units joining and leaving, consents asked for, given, replaced by
 * new versions and withdrawn — and after every one of them the grant table equals the rule as
 * libs/domain writes it (an independent implementation), and the health nurse can read the case
 * exactly when that rule admits her.
 */
const micros = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;
const toNumber = (v: string | null) => (v === null ? null : Number(v));

describe('access grants under random command sequences (fast-check)', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let anne: SignedIn;
  let hanne: SignedIn;
  let units: Record<'health' | 'ppt' | 'nordli' | 'school', string>;
  let services: Record<'health' | 'ppt' | 'school', string>;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    [kari, anne, hanne] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'citizen', 'Anne Nordmann'),
      await signIn(t.baseUrl, 'staff', 'Hanne Moe'),
    ];
    const unit = async (name: string) =>
      (await queryOnce<{ id: string }>(t.db.ownerUrl, 'SELECT id FROM unit WHERE name = $1', [name]))[0].id;
    units = { health: world.helsestasjon, ppt: world.ppt, nordli: await unit('Nordli barnehage'), school: world.skole };
    const schoolService = (
      await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT service_id AS id FROM unit WHERE id = $1`, [world.skole])
    )[0].id;
    services = { health: world.healthService, ppt: world.pptService, school: schoolService };
  }, 60000);
  afterAll(() => t?.close());

  async function stored(caseId: string) {
    const grants = await queryOnce<{
      unit_id: string;
      participant_id: string;
      basis: 'ownership' | 'consent';
      consent_id: string | null;
      f: string;
      t: string | null;
      categories: string[] | null;
      excluded_user_ids: string[];
      service_ids: string[] | null;
    }>(
      t.db.ownerUrl,
      `SELECT unit_id, participant_id, basis, consent_id, ${micros('valid_from')} AS f, ${micros('valid_to')} AS t, categories, excluded_user_ids, service_ids
         FROM case_access_grant WHERE case_id = $1`,
      [caseId],
    );
    return grants.map((g): AccessGrant => ({
      unitId: g.unit_id,
      participantId: g.participant_id,
      basis: g.basis,
      consentId: g.consent_id,
      from: Number(g.f),
      to: toNumber(g.t),
      categories: g.categories ? [...g.categories].sort() : null,
      excludedUserIds: g.excluded_user_ids,
      serviceIds: g.service_ids,
    }));
  }

  /** The rule, computed in TypeScript from the case's participations and consents as stored. */
  async function expected(caseId: string) {
    const [{ owner }] = await queryOnce<{ owner: string }>(
      t.db.ownerUrl,
      `SELECT u.service_id AS owner FROM coordinated_case k JOIN unit u ON u.id = k.owner_unit_id WHERE k.id = $1`,
      [caseId],
    );
    const participations = await queryOnce<{ id: string; unit_id: string; service_id: string; f: string; t: string | null }>(
      t.db.ownerUrl,
      `SELECT p.id, p.unit_id, u.service_id, ${micros("GREATEST((p.from_on::timestamp AT TIME ZONE 'Europe/Oslo'), p.joined_at)")} AS f,
              ${micros("NULLIF(LEAST(COALESCE(p.left_at, 'infinity'), COALESCE(((p.to_on + 1)::timestamp AT TIME ZONE 'Europe/Oslo'), 'infinity')), 'infinity')")} AS t
         FROM case_participant p JOIN unit u ON u.id = p.unit_id WHERE p.case_id = $1`,
      [caseId],
    );
    const consents = await queryOnce<{
      id: string;
      service_ids: string[];
      categories: InformationCategory[];
      excluded_categories: InformationCategory[];
      excluded_user_ids: string[];
      vf: string;
      vt: string;
      act: string | null;
      wd: string | null;
      sup: string | null;
    }>(
      t.db.ownerUrl,
      `SELECT id, service_ids, categories, excluded_categories, excluded_user_ids, ${micros("(valid_from::timestamp AT TIME ZONE 'Europe/Oslo')")} AS vf,
              ${micros("((valid_to + 1)::timestamp AT TIME ZONE 'Europe/Oslo')")} AS vt, ${micros('activated_at')} AS act, ${micros('withdrawn_at')} AS wd,
              ${micros('superseded_at')} AS sup
         FROM consent WHERE case_id = $1`,
      [caseId],
    );
    return liveAccessGrants(
      owner,
      participations.map((p): Participation => ({
        participantId: p.id,
        unitId: p.unit_id,
        serviceId: p.service_id,
        from: Number(p.f),
        to: toNumber(p.t),
      })),
      consents.map((c): ConsentWindow => ({
        id: c.id,
        serviceIds: c.service_ids,
        categories: c.categories,
        excludedCategories: c.excluded_categories,
        excludedUserIds: c.excluded_user_ids,
        validFrom: Number(c.vf),
        validToEnd: Number(c.vt),
        activatedAt: toNumber(c.act),
        withdrawnAt: toNumber(c.wd),
        supersededAt: toNumber(c.sup),
      })),
    ).map((g) => ({ ...g, categories: g.categories ? [...g.categories].sort() : null }));
  }

  const key = (g: AccessGrant) =>
    JSON.stringify([g.unitId, g.participantId, g.basis, g.consentId, g.from, g.to, g.categories, g.excludedUserIds]);

  type Unit = keyof typeof units;
  type Command =
    | { kind: 'join'; unit: Exclude<Unit, 'health'> }
    | { kind: 'leave'; unit: Unit }
    | { kind: 'consent'; services: Array<keyof typeof services>; categories: InformationCategory[]; excludeHanne: boolean; sign: boolean }
    | { kind: 'withdraw' };

  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.constantFrom<Exclude<Unit, 'health'>>('ppt', 'nordli', 'school').map((unit) => ({ kind: 'join' as const, unit })),
    fc.constantFrom<Unit>('health', 'ppt', 'nordli', 'school').map((unit) => ({ kind: 'leave' as const, unit })),
    fc
      .record({
        services: fc.subarray<keyof typeof services>(['health', 'ppt', 'school'], { minLength: 1 }),
        categories: fc.subarray<InformationCategory>(['wellbeing', 'health', 'development'], { minLength: 1 }),
        excludeHanne: fc.boolean(),
        sign: fc.boolean(),
      })
      .map((c) => ({ kind: 'consent' as const, ...c })),
    fc.constant({ kind: 'withdraw' as const }),
  );

  async function run(caseId: string, c: Command): Promise<void> {
    const read = await api(kari, 'GET', `/api/cases/${caseId}`);
    const kase = read.body as { participants: Array<{ id: string; unitId: string; leftAt: string | null }> };
    if (c.kind === 'join') {
      await api(kari, 'POST', `/api/cases/${caseId}/participants`, { unitId: units[c.unit], role: 'advisory' }, ifMatch(read));
    } else if (c.kind === 'leave') {
      const p = kase.participants.find((x) => x.unitId === units[c.unit] && !x.leftAt);
      if (p) await api(kari, 'POST', `/api/cases/${caseId}/participants/${p.id}/leave`, { reason: 'Ferdig' }, ifMatch(read));
    } else if (c.kind === 'consent') {
      const draft = await api(kari, 'POST', `/api/cases/${caseId}/consents`, {
        purpose: 'Samarbeid',
        categories: c.categories,
        serviceIds: c.services.map((s) => services[s]),
        ...(c.excludeHanne ? { excludedUserIds: [world.hanne] } : {}),
      });
      const sent = await api(
        kari,
        'POST',
        `/api/consents/${draft.body.id}/submit`,
        { singleSignatureReason: 'Far kan ikke nås' },
        ifMatch(draft),
      );
      if (c.sign) await api(anne, 'POST', `/api/consents/${draft.body.id}/sign`, undefined, ifMatch(sent));
    } else {
      const consents = (await api(anne, 'GET', `/api/cases/${caseId}/consents`)).body as Array<{
        id: string;
        status: string;
        version: number;
      }>;
      const active = consents.find((x) => x.status === 'active');
      if (active)
        await api(anne, 'POST', `/api/consents/${active.id}/withdraw`, { reason: 'Vi trekker samtykket' }, ifMatch(active.version));
    }
  }

  it('keeps the grant table equal to the live rule after every command, and reads follow it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        const kase = await openLevel1Case(api, kari, world);
        await giveConsent(api, kari, kase.id, [services.health], [anne]);
        const escalated = await api(
          kari,
          'POST',
          `/api/cases/${kase.id}/level`,
          { toLevel: 2, reason: 'Helsestasjonen trengs', joining: [{ unitId: units.health, role: 'health_follow_up' }] },
          await currentVersion(api, kari, `/api/cases/${kase.id}`),
        );
        expect(escalated.status).toBe(200);
        for (const c of commands) {
          await run(kase.id, c);
          const [actual, rule] = [await stored(kase.id), await expected(kase.id)];
          expect(actual.map(key).sort()).toEqual(rule.map(key).sort());
          const canRead = (await api(hanne, 'GET', `/api/cases/${kase.id}`)).status;
          expect(canRead).toBe(grantAdmits(rule, units.health, world.hanne, Date.now() * 1000) ? 200 : 404);
        }
      }),
      { numRuns: 12 },
    );
  }, 240000);
});
