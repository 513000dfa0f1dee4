import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CaseResponse, CaseTasks, SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import { daysFromToday, instantDaysFromNow } from '../../testing/dates';
import { SessionStore } from '../session/session.store';
import { TasksApi } from '../tasks/tasks.api';
import { CasesApi } from './cases.api';
import type { VersionedCase } from './cases.api';

const CASE: CaseResponse = {
  id: 'case-1',
  child: { id: 'child-1', givenName: 'Emma', familyName: 'Nordmann', birthDate: '2021-04-12', addressProtection: null },
  concernId: 'concern-1',
  status: 'open',
  level: 1,
  openedAt: instantDaysFromNow(-2, 10),
  ownerUnit: { unitId: 'unit-kg', unitName: 'Sentrum barnehage', serviceId: 'service-kg' },
  coordinator: {
    userId: 'user-kari',
    displayName: 'Kari Larsen',
    unitId: 'unit-kg',
    unitName: 'Sentrum barnehage',
    serviceId: 'service-kg',
    active: true,
    inactiveReason: null,
    since: instantDaysFromNow(-2, 10),
  },
  pendingTransfer: null,
  levelHistory: [],
  participants: [],
  goals: [],
  measures: [],
  meetings: [],
  log: [],
  privateNotes: [],
  coordinatorWishes: [],
  closure: null,
  whereaboutsHidden: false,
  permissions: {
    isCoordinator: true,
    canCoordinate: true,
    canContribute: true,
    canAnswerTransfer: false,
    canReassign: false,
    ownParticipantUnitIds: ['unit-kg'],
    writesUnderHealthRegime: false,
  },
  version: 4,
};

const SESSION: SessionInfo = {
  user: { id: 'user-kari', displayName: 'Kari Larsen', kind: 'staff', municipalityId: 'm1', familyRole: null },
  roles: [],
  rules: [],
  csrfToken: 'csrf-123',
};

describe('CasesApi', () => {
  let http: HttpTestingController;
  let api: CasesApi;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(CasesApi);
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSION);
    await loaded;
  });

  afterEach(() => http.verify());

  /** Runs a command and answers it with the next version of the case; returns the request and the result. */
  async function answered(sent: Observable<VersionedCase>, method: string, url: string) {
    const result = firstValueFrom(sent);
    const request = http.expectOne({ method, url });
    request.flush({ ...CASE, version: 5 }, { headers: { ETag: '"5"' } });
    return { request: request.request, result: await result };
  }

  it('lists my cases at /api/cases a page at a time, following the next link as given', async () => {
    const first = firstValueFrom(api.page());
    const next = '/api/cases?cursor=abc';
    http.expectOne({ method: 'GET', url: '/api/cases' }).flush([], { headers: { Link: `<${next}>; rel="next"` } });
    await expect(first).resolves.toEqual({ items: [], next });
    const last = firstValueFrom(api.page(next));
    http.expectOne({ method: 'GET', url: next }).flush([]);
    await expect(last).resolves.toEqual({ items: [], next: null });
  });

  it('reads a case with the version from its ETag, or from the body when none is exposed', async () => {
    const withTag = firstValueFrom(api.get('case-1'));
    http.expectOne({ method: 'GET', url: '/api/cases/case-1' }).flush(CASE, { headers: { ETag: '"4"' } });
    await expect(withTag).resolves.toEqual({ record: CASE, etag: '"4"' });
    const withoutTag = firstValueFrom(api.get('case-1'));
    http.expectOne('/api/cases/case-1').flush(CASE);
    await expect(withoutTag).resolves.toMatchObject({ etag: '"4"' });
  });

  it('opens a case from a concern with the CSRF token, an Idempotency-Key and no If-Match', async () => {
    const body = { concernId: 'concern-1', participants: [{ unitId: 'unit-health', role: 'health_follow_up' as const }] };
    const result = firstValueFrom(api.open(body));
    const request = http.expectOne({ method: 'POST', url: '/api/cases' });
    expect(request.request.body).toEqual(body);
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.request.headers.has('If-Match')).toBe(false);
    request.flush({ ...CASE, version: 1 }, { status: 201, statusText: 'Created', headers: { ETag: '"1"' } });
    await expect(result).resolves.toMatchObject({ etag: '"1"', record: { id: 'case-1' } });
  });

  it('sends a retry of a create that got no answer with the same key, and the next create with a new one', async () => {
    const body = { concernId: 'concern-1' };
    const first = firstValueFrom(api.open(body));
    const lost = http.expectOne('/api/cases');
    lost.flush(null, { status: 503, statusText: 'Service Unavailable' });
    await expect(first).rejects.toMatchObject({ status: 503 });
    const retry = firstValueFrom(api.open(body));
    const again = http.expectOne('/api/cases');
    expect(again.request.headers.get('Idempotency-Key')).toBe(lost.request.headers.get('Idempotency-Key'));
    again.flush(CASE, { status: 201, statusText: 'Created', headers: { ETag: '"4"' } });
    await retry;
    const next = firstValueFrom(api.open(body));
    const another = http.expectOne('/api/cases');
    expect(another.request.headers.get('Idempotency-Key')).not.toBe(lost.request.headers.get('Idempotency-Key'));
    another.flush(CASE, { status: 201, statusText: 'Created' });
    await next;
  });

  it('passes a 409 (the concern already has a case) on to the caller', async () => {
    const result = firstValueFrom(api.open({ concernId: 'concern-1' }));
    http.expectOne('/api/cases').flush({ status: 409, title: 'Conflict' }, { status: 409, statusText: 'Conflict' });
    await expect(result).rejects.toMatchObject({ status: 409 });
  });

  it('sends the case ETag as If-Match on decisions about the case as a whole', async () => {
    const level = {
      toLevel: 2 as const,
      reason: 'Trenger helsestasjonen',
      joining: [{ unitId: 'unit-health', role: 'measures' as const }],
    };
    const cases: Array<[Observable<VersionedCase>, string, unknown]> = [
      [api.changeLevel('case-1', level, '"4"'), '/api/cases/case-1/level', level],
      [api.close('case-1', { reason: 'goals_reached' }, '"4"'), '/api/cases/case-1/close', { reason: 'goals_reached' }],
      [api.reopen('case-1', { reason: 'Ny bekymring' }, '"4"'), '/api/cases/case-1/reopen', { reason: 'Ny bekymring' }],
      [
        api.addParticipant('case-1', { unitId: 'unit-kg-2', role: 'measures' }, '"4"'),
        '/api/cases/case-1/participants',
        { unitId: 'unit-kg-2', role: 'measures' },
      ],
      [
        api.leaveParticipant('case-1', 'p-2', { reason: 'Ferdig' }, '"4"'),
        '/api/cases/case-1/participants/p-2/leave',
        { reason: 'Ferdig' },
      ],
      [api.requestTransfer('case-1', { toUserId: 'user-hanne' }, '"4"'), '/api/cases/case-1/transfers', { toUserId: 'user-hanne' }],
      [api.reassign('case-1', { reason: 'Sluttet' }, '"4"'), '/api/cases/case-1/reassign', { reason: 'Sluttet' }],
    ];
    for (const [sent, url, body] of cases) {
      const { request, result } = await answered(sent, 'POST', url);
      expect(request.body).toEqual(body);
      expect(request.headers.get('If-Match')).toBe('"4"');
      expect(request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
      expect(result).toMatchObject({ etag: '"5"', record: { version: 5 } });
    }
  });

  it('answers, declines and cancels a transfer by its id, with the case ETag as If-Match', async () => {
    const accept = await answered(api.acceptTransfer('case-1', 't-1', '"4"'), 'POST', '/api/cases/case-1/transfers/t-1/accept');
    expect(accept.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    expect(accept.request.headers.get('If-Match')).toBe('"4"');
    const decline = await answered(
      api.declineTransfer('case-1', 't-1', { reason: 'Har ikke kapasitet' }, '"4"'),
      'POST',
      '/api/cases/case-1/transfers/t-1/decline',
    );
    expect(decline.request.body).toEqual({ reason: 'Har ikke kapasitet' });
    expect(decline.request.headers.get('If-Match')).toBe('"4"');
    const cancel = await answered(api.cancelTransfer('case-1', 't-1', '"4"'), 'POST', '/api/cases/case-1/transfers/t-1/cancel');
    expect(cancel.request.headers.get('If-Match')).toBe('"4"');
  });

  it('sends participants and transfers, which change the case, with an Idempotency-Key too', async () => {
    const joined = await answered(
      api.addParticipant('case-1', { unitId: 'unit-kg-2', role: 'measures' }, '"4"'),
      'POST',
      '/api/cases/case-1/participants',
    );
    expect(joined.request.headers.get('Idempotency-Key')).toBeTruthy();
    const asked = await answered(api.requestTransfer('case-1', { toUserId: 'user-hanne' }, '"4"'), 'POST', '/api/cases/case-1/transfers');
    expect(asked.request.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('reads the coordinator candidates', async () => {
    const result = firstValueFrom(api.coordinatorCandidates('case-1'));
    const candidates = [{ userId: 'user-hanne', displayName: 'Hanne Moe', unitId: 'unit-health', unitName: 'Fjordvik helsestasjon' }];
    http.expectOne({ method: 'GET', url: '/api/cases/case-1/coordinator-candidates' }).flush(candidates);
    await expect(result).resolves.toEqual(candidates);
  });

  it("edits a goal, a measure and a meeting with If-Match of that part's own version", async () => {
    const goal = await answered(api.updateGoal('case-1', 'g-1', { achieved: true }, 2), 'PATCH', '/api/cases/case-1/goals/g-1');
    expect(goal.request.headers.get('If-Match')).toBe('"2"');
    expect(goal.request.body).toEqual({ achieved: true });
    const measure = await answered(
      api.updateMeasure('case-1', 'm-1', { evaluationDueOn: daysFromToday(42) }, 3),
      'PATCH',
      '/api/cases/case-1/measures/m-1',
    );
    expect(measure.request.headers.get('If-Match')).toBe('"3"');
    const meeting = await answered(
      api.updateMeeting('case-1', 'mt-1', { decisions: 'Fortsette' }, 1),
      'PATCH',
      '/api/cases/case-1/meetings/mt-1',
    );
    expect(meeting.request.headers.get('If-Match')).toBe('"1"');
    const final = await answered(api.finalizeMeeting('case-1', 'mt-1', 2), 'POST', '/api/cases/case-1/meetings/mt-1/finalize');
    expect(final.request.headers.get('If-Match')).toBe('"2"');
    expect(final.request.body).toBeNull();
  });

  it('takes the case version from the body when a change of a part answers without an ETag', async () => {
    const result = firstValueFrom(api.updateGoal('case-1', 'g-1', { achieved: true }, 2));
    http.expectOne('/api/cases/case-1/goals/g-1').flush({ ...CASE, version: 4 });
    await expect(result).resolves.toMatchObject({ etag: '"4"' });
  });

  it('evaluates a measure with If-Match of the measure’s version and an Idempotency-Key', async () => {
    const request = {
      evaluatedOn: daysFromToday(-1),
      effect: 'partly' as const,
      childView: 'Det hjelper litt',
      decision: 'continue' as const,
      nextEvaluationDueOn: daysFromToday(73),
    };
    const sent = await answered(api.evaluateMeasure('case-1', 'm-1', request, 3), 'POST', '/api/cases/case-1/measures/m-1/evaluations');
    expect(sent.request.body).toEqual(request);
    expect(sent.request.headers.get('If-Match')).toBe('"3"');
    expect(sent.request.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('passes a 412 on a stale measure on to the caller', async () => {
    const result = firstValueFrom(api.updateMeasure('case-1', 'm-1', { description: 'x' }, 1));
    http
      .expectOne('/api/cases/case-1/measures/m-1')
      .flush(
        { status: 412, title: 'Precondition Failed', detail: 'The measure was changed by someone else' },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await expect(result).rejects.toMatchObject({ status: 412 });
  });

  it('adds to the plan, the meetings, the log and the private notes without If-Match, each with its own Idempotency-Key', async () => {
    const commands: Array<[Observable<VersionedCase>, string, unknown]> = [
      [api.addGoal('case-1', { text: 'Emma trives' }), '/api/cases/case-1/goals', { text: 'Emma trives' }],
      [
        api.addMeasure('case-1', { description: 'Samtaler', responsibleParticipantId: 'p-1', evaluationDueOn: daysFromToday(42) }),
        '/api/cases/case-1/measures',
        { description: 'Samtaler', responsibleParticipantId: 'p-1', evaluationDueOn: daysFromToday(42) },
      ],
      [
        api.addMeeting('case-1', { meetingAt: instantDaysFromNow(7, 10), agenda: 'Status' }),
        '/api/cases/case-1/meetings',
        { meetingAt: instantDaysFromNow(7, 10), agenda: 'Status' },
      ],
      [api.addLogEntry('case-1', { text: 'Ringte mor' }), '/api/cases/case-1/log-entries', { text: 'Ringte mor' }],
      [
        api.addPrivateNote('case-1', { unitId: 'unit-kg', text: 'Internt' }),
        '/api/cases/case-1/private-notes',
        { unitId: 'unit-kg', text: 'Internt' },
      ],
      [
        api.recordCoordinatorWish('case-1', { source: 'child', wish: 'Vil ha Hanne' }),
        '/api/cases/case-1/coordinator-wishes',
        { source: 'child', wish: 'Vil ha Hanne' },
      ],
    ];
    const keys = new Set<string | null>();
    for (const [sent, url, body] of commands) {
      const { request, result } = await answered(sent, 'POST', url);
      expect(request.body).toEqual(body);
      expect(request.headers.has('If-Match')).toBe(false);
      expect(request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
      keys.add(request.headers.get('Idempotency-Key'));
      expect(result.etag).toBe('"5"');
    }
    expect(keys.size).toBe(commands.length);
    expect(keys.has(null)).toBe(false);
  });

  it('encodes ids in the path', async () => {
    await answered(api.addGoal('a/b', { text: 'x' }), 'POST', '/api/cases/a%2Fb/goals');
  });
});

describe('TasksApi with case lists', () => {
  it('reads the case lists next to the concerns', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const lists: Pick<CaseTasks, 'evaluationsDue' | 'transfersAwaitingMe' | 'meetingsComingUp' | 'casesWithoutActiveCoordinator'> = {
      evaluationsDue: [
        {
          caseId: 'case-1',
          child: { givenName: 'Emma', familyName: 'Nordmann' },
          measureId: 'm-1',
          description: 'Samtaler',
          evaluationDueOn: daysFromToday(-5),
          overdue: true,
        },
      ],
      transfersAwaitingMe: [],
      meetingsComingUp: [],
      casesWithoutActiveCoordinator: [],
    };
    const result = firstValueFrom(TestBed.inject(TasksApi).mine());
    http.expectOne({ method: 'GET', url: '/api/tasks' }).flush({ concernsAwaitingDecision: [], ...lists });
    await expect(result).resolves.toEqual({ concernsAwaitingDecision: [], ...lists });
    http.verify();
  });
});
