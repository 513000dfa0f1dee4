import { daysFromToday } from '@stafett/testing';
import { apiFor, caseWorld, CaseWorld, ifMatch } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

type Concern = Record<string, unknown> & { id: string };

/**
 * Issue 10, point 2: what a colleague sees of a shared concern is the same for all four outcomes —
 * close, own service, collaboration, report to child welfare — in values and shape, only ids and
 * times differing; otherwise the one outcome that is hidden (a report) would stand out. The author,
 * the unit's leader and child welfare see how each was decided.
 */
describe('the four outcomes of a shared concern, as a colleague sees them', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let siri: SignedIn;
  let ola: SignedIn;
  const decided: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    [kari, siri, ola] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'staff', 'Siri Nilsen'),
      await signIn(t.baseUrl, 'staff', 'Ola Berg'),
    ];
    const outcomes: Array<[string, Record<string, unknown>]> = [
      ['close', { decision: 'close', reason: 'Avklart i samtale med foresatte' }],
      ['own_service', { decision: 'own_service', reason: 'Tiltak i barnehagen' }],
      ['collaboration', { decision: 'collaboration', level: 2, reason: 'Helsestasjonen trengs' }],
      ['report_to_child_welfare', { decision: 'report_to_child_welfare', reason: 'Meldt i dag' }],
    ];
    for (const [name, decision] of outcomes) {
      const created = await api(kari, 'POST', '/api/concerns', {
        unitId: world.sentrum,
        childId: world.emma,
        aroseOn: daysFromToday(-3),
        observedBy: 'pedagogisk leder',
        description: 'Trekker seg unna i lek.',
        categories: ['wellbeing'],
      });
      expect(created.status).toBe(201);
      const shared = await api(kari, 'PATCH', `/api/concerns/${created.body.id}/steps`, { sharedWithUnit: true }, ifMatch(created));
      if (name === 'report_to_child_welfare') {
        const filed = await api(kari, 'POST', '/api/child-welfare-reports', {
          reporterUnitId: world.sentrum,
          childId: world.emma,
          concernId: created.body.id,
          content: 'Bekymring meldt fra barnehagen.',
        });
        expect(filed.status).toBe(201);
      }
      const answer = await api(kari, 'POST', `/api/concerns/${created.body.id}/decision`, decision, ifMatch(shared));
      expect([name, answer.status]).toEqual([name, 200]);
      // Own service and collaboration go on to a case, which the concern then points to.
      if (name === 'own_service' || name === 'collaboration') {
        const opened = await api(kari, 'POST', '/api/cases', { concernId: created.body.id });
        expect(opened.status).toBe(201);
      }
      decided[name] = created.body.id;
    }
  }, 90000);
  afterAll(() => t?.close());

  /** Everything but what must differ between concerns anyway: their ids. */
  const comparable = (c: Concern) => ({ ...c, id: '<id>' });

  it('shows the colleague the same concern, field for field, whatever it ended in', async () => {
    const views = await Promise.all(
      Object.values(decided).map(async (id) => (await api<Concern>(siri, 'GET', `/api/concerns/${id}`)).body),
    );
    expect(views.map((v) => v.id)).toEqual(Object.values(decided));
    const [first, ...rest] = views.map(comparable);
    for (const other of rest) expect(other).toEqual(first);
    expect(first).toMatchObject({ status: 'decided', decision: null, decisionReason: null, requestedCaseLevel: null, caseId: null });
    expect(Object.keys(first).sort()).toEqual(Object.keys(views[3]).sort());
  });

  it('lists them to the colleague the same way, and says nothing of a report or a case anywhere in her answers', async () => {
    const list = (await api<Concern[]>(siri, 'GET', '/api/concerns')).body.filter((c) => Object.values(decided).includes(c.id));
    expect(list).toHaveLength(4);
    const [first, ...rest] = list.map(comparable);
    for (const other of rest) expect(other).toEqual(first);
    const tasks = await api(siri, 'GET', '/api/tasks');
    for (const text of [JSON.stringify(list), JSON.stringify(tasks.body)])
      expect(text).not.toMatch(/report_to_child_welfare|own_service|collaboration|Meldt i dag|Tiltak i barnehagen/);
  });

  it('shows the author and the unit leader how each was decided, and which case it led to', async () => {
    for (const reader of [kari, ola]) {
      for (const [name, id] of Object.entries(decided)) {
        const seen = (await api<Concern>(reader, 'GET', `/api/concerns/${id}`)).body;
        expect([name, seen.decision]).toEqual([name, name]);
        expect([name, seen.caseId !== null]).toEqual([name, name === 'own_service' || name === 'collaboration']);
      }
    }
    expect((await api<Concern>(ola, 'GET', `/api/concerns/${decided['collaboration']}`)).body.requestedCaseLevel).toBe(2);
  });
});
