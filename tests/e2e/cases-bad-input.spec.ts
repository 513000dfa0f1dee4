import { daysFromToday, instantDaysFromNow, queryOnce } from '@stafett/testing';
import { apiFor, CaseWorld, caseWorld, currentVersion, ifMatch, openLevel2Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Bad input on every route of the case, its plan, meetings, baton and consents: 400
 * application/problem+json naming each bad field, and nothing written — the case's rows are the
 * same before and after, and no audit event records a change.
 */
describe('bad input on the case routes', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let anne: SignedIn;
  let kase: {
    id: string;
    participants: Array<{ id: string; unitId: string }>;
    measures: Array<{ id: string }>;
    meetings: Array<{ id: string }>;
  };
  let goalId: string;
  let consentId: string;
  /** If-Match of the case, its measure and its consent as they are (no row writes anything, so they stay). */
  let caseTag: Record<string, string>;
  let measureTag: Record<string, string>;
  let consentTag: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    const erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
    const level2 = await openLevel2Case(api, kari, world, [anne, erik]);
    const health = level2.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon);
    await api(kari, 'POST', `/api/cases/${level2.id}/measures`, {
      description: 'Samtaler',
      responsibleParticipantId: health.id,
      evaluationDueOn: daysFromToday(90),
    });
    await api(kari, 'POST', `/api/cases/${level2.id}/meetings`, { meetingAt: instantDaysFromNow(38, 10), agenda: 'Status' });
    kase = (await api(kari, 'POST', `/api/cases/${level2.id}/goals`, { text: 'Emma trives' })).body;
    goalId = (kase as unknown as { goals: Array<{ id: string }> }).goals[0].id;
    consentId = (await api(kari, 'GET', `/api/cases/${kase.id}/consents`)).body[0].id;
    caseTag = await currentVersion(api, kari, `/api/cases/${kase.id}`);
    measureTag = ifMatch((kase as unknown as { measures: Array<{ version: number }> }).measures[0].version);
    consentTag = await currentVersion(api, kari, `/api/consents/${consentId}`);
  }, 90000);
  afterAll(() => t?.close());

  /** Everything the case consists of, as the owner sees it. */
  const snapshot = async () => {
    const tables = ['coordinated_case', 'case_participant', 'case_level_decision', 'case_goal', 'case_measure', 'measure_evaluation'];
    const more = [
      'case_meeting',
      'case_log_entry',
      'case_private_note',
      'baton_transfer',
      'coordinator_wish',
      'consent',
      'case_access_grant',
    ];
    const rows: Record<string, unknown> = {};
    for (const table of [...tables, ...more]) {
      const column = table === 'coordinated_case' ? 'id' : 'case_id';
      rows[table] = await queryOnce(t.db.ownerUrl, `SELECT * FROM ${table} WHERE ${column} = $1 ORDER BY id`, [kase.id]);
    }
    rows['audit_writes'] = await queryOnce(
      t.db.ownerUrl,
      `SELECT count(*)::int AS n FROM audit_event WHERE subject_child_id = $1 AND action <> 'read'`,
      [world.emma],
    );
    return rows;
  };

  const cases = (): Array<[string, string, string, unknown, string[], Record<string, string>?]> => [
    [
      'level: unknown level, empty reason, unknown field',
      'POST',
      `/api/cases/${kase.id}/level`,
      { toLevel: 4, reason: '', x: 1 },
      ['reason', 'toLevel', 'x'],
      caseTag,
    ],
    [
      'level: joining unit not a UUID',
      'POST',
      `/api/cases/${kase.id}/level`,
      { toLevel: 3, reason: 'r', joining: [{ unitId: 'no', role: 'advisory' }] },
      ['joining[0].unitId'],
      caseTag,
    ],
    [
      'level: a participant that is not one',
      'POST',
      `/api/cases/${kase.id}/level`,
      { toLevel: 1, reason: 'r', leaving: ['00000000-0000-4000-8000-000000000000'] },
      ['leaving[0]'],
      caseTag,
    ],
    ['close: unknown reason', 'POST', `/api/cases/${kase.id}/close`, { reason: 'bored' }, ['reason'], caseTag],
    ['close: other without text', 'POST', `/api/cases/${kase.id}/close`, { reason: 'other' }, ['otherText'], caseTag],
    ['reopen: an open case', 'POST', `/api/cases/${kase.id}/reopen`, { reason: 'x' }, ['status'], caseTag],
    [
      'participants: bad role and dates',
      'POST',
      `/api/cases/${kase.id}/participants`,
      { unitId: world.ppt, role: 'boss', fromOn: '2025-13-01' },
      ['fromOn', 'role'],
      caseTag,
    ],
    [
      'participants: the period ends before it starts',
      'POST',
      `/api/cases/${kase.id}/participants`,
      { unitId: world.ppt, role: 'advisory', fromOn: daysFromToday(14), toOn: daysFromToday(7) },
      ['participant[0].toOn'],
      caseTag,
    ],
    ['leave: no reason', 'POST', `/api/cases/${kase.id}/participants/${kase.participants[0].id}/leave`, {}, ['reason'], caseTag],
    [
      'leave: the coordinator’s own unit',
      'POST',
      `/api/cases/${kase.id}/participants/${kase.participants.find((p) => p.unitId === world.sentrum)?.id}/leave`,
      { reason: 'x' },
      ['unitId'],
      caseTag,
    ],
    ['transfer: not a UUID', 'POST', `/api/cases/${kase.id}/transfers`, { toUserId: 'kari' }, ['toUserId'], caseTag],
    [
      'transfer: answering one that is not waiting',
      'POST',
      `/api/cases/${kase.id}/transfers/00000000-0000-4000-8000-000000000000/cancel`,
      undefined,
      ['transferId'],
      caseTag,
    ],
    [
      'wish: unknown source, empty wish',
      'POST',
      `/api/cases/${kase.id}/coordinator-wishes`,
      { source: 'neighbour', wish: '' },
      ['source', 'wish'],
    ],
    ['goal: empty text, unknown category', 'POST', `/api/cases/${kase.id}/goals`, { text: '', category: 'gossip' }, ['category', 'text']],
    ['goal edit: wrong type', 'PATCH', `/api/cases/${kase.id}/goals/${goalId}`, { achieved: 'yes' }, ['achieved'], { 'if-match': '"1"' }],
    [
      'goal edit: malformed If-Match',
      'PATCH',
      `/api/cases/${kase.id}/goals/${goalId}`,
      { text: 'x' },
      ['If-Match'],
      { 'if-match': 'latest' },
    ],
    [
      'measure: missing responsible and due date',
      'POST',
      `/api/cases/${kase.id}/measures`,
      { description: 'x' },
      ['evaluationDueOn', 'responsibleParticipantId'],
    ],
    [
      'measure: due date in the past',
      'POST',
      `/api/cases/${kase.id}/measures`,
      { description: 'x', responsibleParticipantId: kase.participants[0].id, evaluationDueOn: daysFromToday(-1) },
      ['evaluationDueOn'],
    ],
    [
      'measure edit: responsible outside the team',
      'PATCH',
      `/api/cases/${kase.id}/measures/${kase.measures[0].id}`,
      { responsibleParticipantId: '00000000-0000-4000-8000-000000000000' },
      ['responsibleParticipantId'],
      { 'if-match': '"1"' },
    ],
    [
      'evaluation: bad effect, no child’s view, future date',
      'POST',
      `/api/cases/${kase.id}/measures/${kase.measures[0].id}/evaluations`,
      { evaluatedOn: daysFromToday(1), effect: 'great', decision: 'stop' },
      ['childView', 'effect'],
      measureTag,
    ],
    [
      'evaluation: in the future',
      'POST',
      `/api/cases/${kase.id}/measures/${kase.measures[0].id}/evaluations`,
      { evaluatedOn: daysFromToday(1), effect: 'none', childView: 'v', decision: 'stop' },
      ['evaluatedOn'],
      measureTag,
    ],
    ['meeting: not a time, no agenda', 'POST', `/api/cases/${kase.id}/meetings`, { meetingAt: 'tomorrow' }, ['agenda', 'meetingAt']],
    [
      'meeting: an attendee outside the team',
      'POST',
      `/api/cases/${kase.id}/meetings`,
      { meetingAt: instantDaysFromNow(38, 10), agenda: 'a', attendeeParticipantIds: ['00000000-0000-4000-8000-000000000000'] },
      ['attendeeParticipantIds[0]'],
    ],
    [
      'meeting edit: wrong type',
      'PATCH',
      `/api/cases/${kase.id}/meetings/${kase.meetings[0].id}`,
      { attendeeParticipantIds: 'all' },
      ['attendeeParticipantIds'],
      { 'if-match': '"1"' },
    ],
    [
      'finalize: no decisions written',
      'POST',
      `/api/cases/${kase.id}/meetings/${kase.meetings[0].id}/finalize`,
      undefined,
      ['decisions'],
      { 'if-match': '"1"' },
    ],
    [
      'log entry: too long, unknown category',
      'POST',
      `/api/cases/${kase.id}/log-entries`,
      { text: 'x'.repeat(1001), category: 'gossip' },
      ['category', 'text'],
    ],
    [
      'private note: not one of my units',
      'POST',
      `/api/cases/${kase.id}/private-notes`,
      { unitId: world.helsestasjon, text: 'x' },
      ['unitId'],
    ],
    [
      'consent: nothing of what, who, until when',
      'POST',
      `/api/cases/${kase.id}/consents`,
      { purpose: '', categories: [], serviceIds: ['x'], validTo: 'soon' },
      ['categories', 'purpose', 'serviceIds', 'validTo'],
    ],
    [
      'consent: a last day before the first',
      'POST',
      `/api/cases/${kase.id}/consents`,
      {
        purpose: 'p',
        categories: ['wellbeing'],
        serviceIds: [world.healthService],
        validFrom: daysFromToday(38),
        validTo: daysFromToday(29),
      },
      ['validTo'],
    ],
    [
      'consent: a service of another municipality (or none)',
      'POST',
      `/api/cases/${kase.id}/consents`,
      { purpose: 'p', categories: ['wellbeing'], serviceIds: ['00000000-0000-4000-8000-000000000000'] },
      ['serviceIds'],
    ],
    ['consent: sending an active one again', 'POST', `/api/consents/${consentId}/submit`, {}, ['status'], consentTag],
    [
      'consent answer: a method that is not oral or paper',
      'POST',
      `/api/consents/${consentId}/answers`,
      { signerKey: 'youth', decision: 'signed', method: 'digital', note: '' },
      ['method', 'note'],
      consentTag,
    ],
    ['withdraw on behalf: without saying whose or how', 'POST', `/api/consents/${consentId}/withdraw`, {}, ['onBehalfOf'], consentTag],
  ];

  it.each([...Array(33).keys()])('case %#: answers 400 naming the fields and writes nothing', async (i) => {
    const [what, method, path, body, fields, headers] = cases()[i];
    const before = await snapshot();
    const res = await api(kari, method, path, body, headers ?? {});
    expect({ what, status: res.status }).toEqual({ what, status: 400 });
    expect(res.body).toMatchObject({ status: 400, type: expect.any(String) });
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(fields);
    expect(await snapshot()).toEqual(before);
  });

  it('covers every case in the table', () => {
    expect(cases()).toHaveLength(33);
  });

  it('refuses a citizen’s bad withdrawal too, and the consent stays active', async () => {
    const res = await api(anne, 'POST', `/api/consents/${consentId}/withdraw`, { reason: 'x'.repeat(2001) }, consentTag);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect((await api(kari, 'GET', `/api/consents/${consentId}`)).body.status).toBe('active');
  });
});
