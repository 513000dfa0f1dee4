import { instantDaysFromNow } from '@stafett/testing';
import { apiFor, CaseWorld, caseWorld, ifMatch, openLevel2Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/** What the family reads of a case: only what the response may carry for them (SECURITY.md S4, S14). */
describe('the family’s view of a case', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let hanne: SignedIn;
  let anne: SignedIn;
  let kase: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    [kari, hanne, anne] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'staff', 'Hanne Moe'),
      await signIn(t.baseUrl, 'citizen', 'Anne Nordmann'),
    ];
    const erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
    kase = await openLevel2Case(api, kari, world, [anne, erik]);
  }, 60000);
  afterAll(() => t?.close());

  it('shows a consent to the family once it is sent to them, never as a draft', async () => {
    const draft = await api(kari, 'POST', `/api/cases/${kase.id}/consents`, {
      purpose: 'Også PPT',
      categories: ['wellbeing'],
      serviceIds: [world.healthService, world.pptService],
    });
    const ids = async (who: SignedIn) =>
      ((await api(who, 'GET', `/api/cases/${kase.id}/consents`)).body as Array<{ id: string }>).map((c) => c.id);
    expect(await ids(kari)).toContain(draft.body.id);
    expect(await ids(anne)).not.toContain(draft.body.id);
    expect((await api(anne, 'GET', `/api/consents/${draft.body.id}`)).status).toBe(404);
    await api(kari, 'POST', `/api/consents/${draft.body.id}/submit`, {}, ifMatch(draft));
    expect(await ids(anne)).toContain(draft.body.id);
    expect((await api(anne, 'GET', `/api/consents/${draft.body.id}`)).body.permissions).toMatchObject({ canAnswer: true });
  });

  it('hides private notes and what a meeting decided until its minutes are final', async () => {
    await api(kari, 'POST', `/api/cases/${kase.id}/private-notes`, { unitId: world.sentrum, text: 'Internt: far virker sint' });
    await api(kari, 'POST', `/api/cases/${kase.id}/meetings`, {
      meetingAt: instantDaysFromNow(38, 10),
      agenda: 'Status',
      decisions: 'Utkast: vurdere BUP',
    });
    const seen = await api(anne, 'GET', `/api/cases/${kase.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.privateNotes).toEqual([]);
    expect(seen.body.meetings[0]).toMatchObject({ agenda: 'Status', minutesStatus: 'draft', decisions: null });
    expect(JSON.stringify(seen.body)).not.toMatch(/far virker sint|vurdere BUP/);
    expect(seen.body.permissions).toMatchObject({
      canCoordinate: false,
      canContribute: false,
      canReassign: false,
      ownParticipantUnitIds: [],
    });
    expect(seen.body.ownerUnit).toMatchObject({ unitId: world.sentrum, unitName: 'Sentrum barnehage' });
  });

  it('lists the health nurse’s reads in the access log under her own unit and service, on the basis of the consent', async () => {
    expect((await api(hanne, 'GET', `/api/cases/${kase.id}`)).status).toBe(200);
    const log = (await api(anne, 'GET', `/api/cases/${kase.id}/access-log`)).body as Array<{
      actor: string;
      unitName: string | null;
      serviceName: string | null;
      basis: string | null;
      recordType: string;
      action: string;
    }>;
    const hers = log.filter((e) => e.actor.includes('Hanne Moe') && e.recordType === 'case' && e.action === 'read');
    expect(hers.length).toBeGreaterThan(0);
    expect(hers[0]).toMatchObject({
      unitName: 'Fjordvik helsestasjon',
      serviceName: 'Helsestasjon og skolehelsetjeneste',
      basis: 'consent',
    });
    // Kari's own reads and commands are there too, as coordinator, under Sentrum barnehage.
    expect(log.find((e) => e.actor.includes('Kari Larsen'))).toMatchObject({ unitName: 'Sentrum barnehage' });
    // The family's own reads are not "who accessed": only staff appear.
    expect(log.some((e) => e.actor.includes('Anne Nordmann'))).toBe(false);
  });
});
