import { daysFromToday } from '@stafett/testing';
import { apiFor, caseWorld, CaseWorld, currentVersion, ifMatch } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/** A concern that ended in a report to child welfare must not tell the colleagues it is shared with that a report exists. */
describe('a concern decided as a report to child welfare', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let siri: SignedIn;
  let ola: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    [kari, siri, ola] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'staff', 'Siri Nilsen'),
      await signIn(t.baseUrl, 'staff', 'Ola Berg'),
    ];
  }, 60000);
  afterAll(() => t?.close());

  const sharedConcern = async () => {
    const created = await api(kari, 'POST', '/api/concerns', {
      unitId: world.sentrum,
      childId: world.emma,
      aroseOn: daysFromToday(-13),
      observedBy: 'pedagogisk leder',
      description: 'Blåmerker på armene.',
      categories: ['violence_or_abuse'],
    });
    await api(kari, 'PATCH', `/api/concerns/${created.body.id}/steps`, { sharedWithUnit: true }, ifMatch(created));
    return created.body.id as string;
  };

  it('is refused until the report has been filed from the concern, naming decision', async () => {
    const id = await sharedConcern();
    const res = await api(
      kari,
      'POST',
      `/api/concerns/${id}/decision`,
      { decision: 'report_to_child_welfare' },
      await currentVersion(api, kari, `/api/concerns/${id}`),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['decision']);
  });

  it('shows the decision to the author and the unit leader, and only "decided" to a colleague, in detail and list', async () => {
    const id = await sharedConcern();
    const filed = await api(kari, 'POST', '/api/child-welfare-reports', {
      reporterUnitId: world.sentrum,
      childId: world.emma,
      concernId: id,
      content: 'Barnet har blåmerker og forteller om slag hjemme.',
    });
    expect(filed.status).toBe(201);
    const decided = await api(
      kari,
      'POST',
      `/api/concerns/${id}/decision`,
      { decision: 'report_to_child_welfare', reason: 'Meldt i dag' },
      await currentVersion(api, kari, `/api/concerns/${id}`),
    );
    expect(decided.body).toMatchObject({ status: 'decided', decision: 'report_to_child_welfare' });
    expect((await api(ola, 'GET', `/api/concerns/${id}`)).body.decision).toBe('report_to_child_welfare');

    const seen = await api(siri, 'GET', `/api/concerns/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'decided', decision: null, decisionReason: null });
    const listed = (await api(siri, 'GET', '/api/concerns')).body.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ status: 'decided', decision: null, decisionReason: null });
    for (const text of [JSON.stringify(seen.body), JSON.stringify(listed)]) {
      expect(text).not.toMatch(/report|Meldt i dag/);
    }
  });
});
