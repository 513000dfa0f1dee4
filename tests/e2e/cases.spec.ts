import { daysFromToday, instantDaysFromNow, queryOnce } from '@stafett/testing';
import {
  apiFor,
  CaseWorld,
  caseWorld,
  currentVersion,
  decidedConcern,
  giveConsent,
  ifMatch,
  openLevel1Case,
  openLevel2Case,
} from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

describe('the coordinated case over HTTP', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let siri: SignedIn;
  let ola: SignedIn;
  let hanne: SignedIn;
  let nina: SignedIn;
  let anne: SignedIn;
  let erik: SignedIn;
  const levelTwoCase = () => openLevel2Case(api, kari, world, [anne, erik]);

  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    kari = await signIn(t.baseUrl, 'staff', 'Kari Larsen');
    siri = await signIn(t.baseUrl, 'staff', 'Siri Nilsen');
    ola = await signIn(t.baseUrl, 'staff', 'Ola Berg');
    hanne = await signIn(t.baseUrl, 'staff', 'Hanne Moe');
    nina = await signIn(t.baseUrl, 'staff', 'Nina Dahl');
    anne = await signIn(t.baseUrl, 'citizen', 'Anne Nordmann');
    erik = await signIn(t.baseUrl, 'citizen', 'Erik Nordmann');
  }, 60000);
  afterAll(() => t?.close());

  it('opens a level-1 case from a concern decided as own service, with the opener holding the baton', async () => {
    const concernId = await decidedConcern(api, kari, world);
    const opened = await api(kari, 'POST', '/api/cases', { concernId });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      status: 'open',
      level: 1,
      concernId,
      coordinator: { displayName: expect.stringContaining('Kari Larsen'), unitId: world.sentrum, active: true },
      participants: [{ unitId: world.sentrum, role: 'coordinating', active: true }],
      levelHistory: [{ kind: 'opened', fromLevel: null, toLevel: 1 }],
      permissions: { isCoordinator: true, canCoordinate: true, canContribute: true },
    });
    expect(opened.etag).toBe(`"${opened.body.version}"`);
    // One case per concern, and the concern points at it.
    expect((await api(kari, 'POST', '/api/cases', { concernId })).status).toBe(409);
    expect((await api(kari, 'GET', `/api/concerns/${concernId}`)).body.caseId).toBe(opened.body.id);
  });

  it('refuses to open from an undecided or closed concern, naming concernId', async () => {
    const open = await api(kari, 'POST', '/api/concerns', {
      unitId: world.sentrum,
      childId: world.emma,
      aroseOn: daysFromToday(-30),
      observedBy: 'x',
      description: 'y',
      categories: ['wellbeing'],
    });
    const res = await api(kari, 'POST', '/api/cases', { concernId: open.body.id });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['concernId']);
  });

  it('escalates to level 2 only with a second service, records the decision and logs the joining unit', async () => {
    const kase = await openLevel1Case(api, kari, world);
    const alone = await api(kari, 'POST', `/api/cases/${kase.id}/level`, { toLevel: 2, reason: 'Trenger flere' }, ifMatch(kase.version));
    expect(alone.status).toBe(400);
    expect(fields(alone.body)).toEqual(['level']);
    // Without a consent naming the health station, it cannot join.
    const noConsent = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/level`,
      { toLevel: 2, reason: 'Trenger helsestasjonen', joining: [{ unitId: world.helsestasjon, role: 'health_follow_up' }] },
      ifMatch(kase.version),
    );
    expect(noConsent.status).toBe(400);
    expect(fields(noConsent.body)).toEqual(['consent']);
    const level2 = await levelTwoCase();
    expect(level2.level).toBe(2);
    expect(level2.levelHistory.map((d: { kind: string }) => d.kind)).toEqual(['opened', 'escalated']);
    expect(level2.levelHistory[1]).toMatchObject({ fromLevel: 1, toLevel: 2, childView: 'Emma vil gjerne snakke med helsesykepleier' });
    expect(level2.log.map((l: { kind: string }) => l.kind)).toEqual(
      expect.arrayContaining(['opened', 'participant_joined', 'level_changed']),
    );
    // The health nurse's unit takes part now: she reads the case; the school does not.
    expect((await api(hanne, 'GET', `/api/cases/${level2.id}`)).status).toBe(200);
    expect((await api(nina, 'GET', `/api/cases/${level2.id}`)).status).toBe(404);
  });

  it('passes the baton only when the person asked accepts; the old holder stays responsible until then', async () => {
    const kase = await levelTwoCase();
    const asked = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/transfers`,
      { toUserId: world.hanne, note: 'Helse er mest involvert nå' },
      ifMatch(kase.version),
    );
    expect(asked.status).toBe(200);
    expect(asked.body.coordinator.userId).not.toBe(world.hanne);
    const transferId = asked.body.pendingTransfer.id;
    // Only Hanne answers; Kari still coordinates meanwhile.
    expect((await api(siri, 'POST', `/api/cases/${kase.id}/transfers/${transferId}/accept`, undefined, ifMatch(asked))).status).toBe(403);
    expect((await api(kari, 'POST', `/api/cases/${kase.id}/goals`, { text: 'Emma trives i barnehagen' })).status).toBe(200);
    const tasks = await api(hanne, 'GET', '/api/tasks');
    expect(tasks.body.transfersAwaitingMe.map((x: { caseId: string }) => x.caseId)).toContain(kase.id);
    const accepted = await api(
      hanne,
      'POST',
      `/api/cases/${kase.id}/transfers/${transferId}/accept`,
      undefined,
      await currentVersion(api, hanne, `/api/cases/${kase.id}`),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.coordinator).toMatchObject({ userId: world.hanne, unitId: world.helsestasjon });
    expect(accepted.body.pendingTransfer).toBeNull();
    expect(accepted.body.permissions.isCoordinator).toBe(true);
    // Kari no longer runs the case.
    expect((await api(kari, 'POST', `/api/cases/${kase.id}/goals`, { text: 'x' })).status).toBe(403);
  });

  it('records a declined and a cancelled transfer, with the reason', async () => {
    const kase = await levelTwoCase();
    const first = await api(kari, 'POST', `/api/cases/${kase.id}/transfers`, { toUserId: world.hanne }, ifMatch(kase.version));
    const decline = `/api/cases/${kase.id}/transfers/${first.body.pendingTransfer.id}/decline`;
    const noReason = await api(hanne, 'POST', decline, { reason: '' }, ifMatch(first));
    expect(noReason.status).toBe(400);
    const declined = await api(hanne, 'POST', decline, { reason: 'Har ikke kapasitet' }, ifMatch(first));
    expect(declined.status).toBe(200);
    expect(declined.body.coordinator.userId).not.toBe(world.hanne);
    const second = await api(kari, 'POST', `/api/cases/${kase.id}/transfers`, { toUserId: world.hanne }, ifMatch(declined));
    const cancelled = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/transfers/${second.body.pendingTransfer.id}/cancel`,
      undefined,
      ifMatch(second),
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.pendingTransfer).toBeNull();
    const rows = await queryOnce<{ status: string; decline_reason: string | null }>(
      t.db.ownerUrl,
      `SELECT status, decline_reason FROM baton_transfer WHERE case_id = $1 ORDER BY requested_at`,
      [kase.id],
    );
    expect(rows).toEqual([
      { status: 'declined', decline_reason: 'Har ikke kapasitet' },
      { status: 'cancelled', decline_reason: null },
    ]);
  });

  it('refuses a transfer to someone outside the team', async () => {
    const kase = await openLevel1Case(api, kari, world);
    const res = await api(kari, 'POST', `/api/cases/${kase.id}/transfers`, { toUserId: world.eva }, ifMatch(kase.version));
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['toUserId']);
  });

  it('builds the plan: a goal, a measure with a responsible participant and due date, an evaluation with the child’s view', async () => {
    const kase = await levelTwoCase();
    const health = kase.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon);
    const goal = await api(kari, 'POST', `/api/cases/${kase.id}/goals`, { text: 'Emma sover bedre' });
    const goalId = goal.body.goals[0].id;
    const missing = await api(kari, 'POST', `/api/cases/${kase.id}/measures`, { description: 'Samtaler', goalId });
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(['evaluationDueOn', 'responsibleParticipantId']);
    const measure = await api(kari, 'POST', `/api/cases/${kase.id}/measures`, {
      description: 'Samtaler med helsesykepleier',
      goalId,
      responsibleParticipantId: health.id,
      evaluationDueOn: daysFromToday(42),
    });
    expect(measure.status).toBe(200);
    const m = measure.body.measures[0];
    expect(m).toMatchObject({
      responsibleUnitName: 'Fjordvik helsestasjon',
      evaluationDueOn: daysFromToday(42),
      status: 'active',
      version: 1,
    });
    // The responsible unit evaluates the measure as it read it; "continue" needs the next date.
    const noNext = await api(
      hanne,
      'POST',
      `/api/cases/${kase.id}/measures/${m.id}/evaluations`,
      { evaluatedOn: daysFromToday(-2), effect: 'partly', childView: 'Emma sier det hjelper litt', decision: 'continue' },
      ifMatch(m.version),
    );
    expect(noNext.status).toBe(400);
    expect(fields(noNext.body)).toEqual(['nextEvaluationDueOn']);
    const evaluation = {
      evaluatedOn: daysFromToday(-2),
      effect: 'partly',
      childView: 'Emma sier det hjelper litt',
      decision: 'continue',
      nextEvaluationDueOn: daysFromToday(73),
    };
    expect((await api(hanne, 'POST', `/api/cases/${kase.id}/measures/${m.id}/evaluations`, evaluation)).status).toBe(428);
    const evaluated = await api(hanne, 'POST', `/api/cases/${kase.id}/measures/${m.id}/evaluations`, evaluation, ifMatch(m.version));
    expect(evaluated.status).toBe(200);
    // The evaluation changed the measure (its next date): it answers the case without an ETag, the measure's version in it.
    expect(evaluated.etag).toBeNull();
    expect(evaluated.body.measures[0].version).toBe(m.version + 1);
    expect(evaluated.body.measures[0]).toMatchObject({
      evaluationDueOn: daysFromToday(73),
      evaluations: [{ effect: 'partly', childView: 'Emma sier det hjelper litt', decision: 'continue' }],
    });
    const stop = { evaluatedOn: daysFromToday(-1), effect: 'achieved', childView: 'Emma er fornøyd', decision: 'stop' };
    // On the version before Hanne's evaluation: someone else changed the measure meanwhile.
    expect((await api(kari, 'POST', `/api/cases/${kase.id}/measures/${m.id}/evaluations`, stop, ifMatch(m.version))).status).toBe(412);
    const stopped = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/measures/${m.id}/evaluations`,
      stop,
      ifMatch(evaluated.body.measures[0].version),
    );
    expect(stopped.body.measures[0].status).toBe('stopped');
  });

  it('lets two editors of one measure from the same version: one wins, the other gets 412, nothing is lost', async () => {
    const kase = await levelTwoCase();
    const health = kase.participants.find((p: { unitId: string }) => p.unitId === world.helsestasjon);
    const withMeasure = await api(kari, 'POST', `/api/cases/${kase.id}/measures`, {
      description: 'Samtaler',
      responsibleParticipantId: health.id,
      evaluationDueOn: daysFromToday(42),
    });
    const m = withMeasure.body.measures[0];
    const edits = await Promise.all([
      api(kari, 'PATCH', `/api/cases/${kase.id}/measures/${m.id}`, { description: 'Kari sin tekst' }, { 'if-match': `"${m.version}"` }),
      api(hanne, 'PATCH', `/api/cases/${kase.id}/measures/${m.id}`, { description: 'Hanne sin tekst' }, { 'if-match': `"${m.version}"` }),
    ]);
    expect(edits.map((e) => e.status).sort()).toEqual([200, 412]);
    const winner = edits.find((e) => e.status === 200);
    const [stored] = await queryOnce<{ description: string; version: number }>(
      t.db.ownerUrl,
      'SELECT description, version FROM case_measure WHERE id = $1',
      [m.id],
    );
    expect(stored).toEqual({ description: winner?.body.measures[0].description, version: 2 });
    expect(edits.find((e) => e.status === 412)?.body.detail).toMatch(/changed by someone else/);
    // Without If-Match: 428.
    expect((await api(kari, 'PATCH', `/api/cases/${kase.id}/measures/${m.id}`, { description: 'x' })).status).toBe(428);
  });

  it('holds meetings with draft then final minutes, and takes a level decision in one', async () => {
    const kase = await levelTwoCase();
    const meeting = await api(kari, 'POST', `/api/cases/${kase.id}/meetings`, {
      meetingAt: instantDaysFromNow(7, 10),
      attendeeParticipantIds: kase.participants.map((p: { id: string }) => p.id),
      otherAttendees: 'Mor og far',
      agenda: 'Status og videre plan',
    });
    expect(meeting.status).toBe(200);
    const mt = meeting.body.meetings[0];
    expect(mt.minutesStatus).toBe('draft');
    const early = await api(kari, 'POST', `/api/cases/${kase.id}/meetings/${mt.id}/finalize`, undefined, { 'if-match': `"${mt.version}"` });
    expect(early.status).toBe(400);
    expect(fields(early.body)).toEqual(['decisions']);
    const edited = await api(
      kari,
      'PATCH',
      `/api/cases/${kase.id}/meetings/${mt.id}`,
      { decisions: 'Fortsette samtaler' },
      {
        'if-match': `"${mt.version}"`,
      },
    );
    const v = edited.body.meetings[0].version;
    const final = await api(kari, 'POST', `/api/cases/${kase.id}/meetings/${mt.id}/finalize`, undefined, { 'if-match': `"${v}"` });
    expect(final.body.meetings[0].minutesStatus).toBe('final');
    const late = await api(kari, 'PATCH', `/api/cases/${kase.id}/meetings/${mt.id}`, { agenda: 'x' }, { 'if-match': `"${v + 1}"` });
    expect(late.status).toBe(400);
    // PPT joins on a new version of the consent that also names it.
    await giveConsent(api, kari, kase.id, [world.healthService, world.pptService], [anne, erik]);
    const decided = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/level`,
      { toLevel: 3, reason: 'Omfattende behov', meetingId: mt.id, joining: [{ unitId: world.ppt, role: 'advisory' }] },
      await currentVersion(api, kari, `/api/cases/${kase.id}`),
    );
    expect(decided.status).toBe(200);
    expect(decided.body.levelHistory.at(-1)).toMatchObject({ kind: 'escalated', toLevel: 3, meetingId: mt.id });
  });

  it('keeps private notes inside their unit, in the case and in the count of my cases', async () => {
    const kase = await levelTwoCase();
    const wrongUnit = await api(hanne, 'POST', `/api/cases/${kase.id}/private-notes`, { unitId: world.sentrum, text: 'x' });
    expect(wrongUnit.status).toBe(400);
    expect(
      (await api(hanne, 'POST', `/api/cases/${kase.id}/private-notes`, { unitId: world.helsestasjon, text: 'Helsenotat' })).status,
    ).toBe(200);
    const asHanne = await api(hanne, 'GET', `/api/cases/${kase.id}`);
    const asKari = await api(kari, 'GET', `/api/cases/${kase.id}`);
    expect(asHanne.body.privateNotes.map((n: { text: string }) => n.text)).toEqual(['Helsenotat']);
    expect(asKari.body.privateNotes).toEqual([]);
    expect(JSON.stringify(asKari.body)).not.toContain('Helsenotat');
    const count = async (who: SignedIn) =>
      ((await api(who, 'GET', '/api/cases')).body as Array<{ id: string; privateNotes: number }>).find((c) => c.id === kase.id)
        ?.privateNotes;
    expect(await count(hanne)).toBe(1);
    expect(await count(kari)).toBe(0);
  });

  it('closes with a reason ("other" needs text), refuses writes when closed, and reopens as a decision', async () => {
    const kase = await openLevel1Case(api, kari, world);
    const bare = await api(kari, 'POST', `/api/cases/${kase.id}/close`, { reason: 'other' }, ifMatch(kase.version));
    expect(fields(bare.body)).toEqual(['otherText']);
    const closed = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/close`,
      { reason: 'goals_reached', childView: 'Emma er glad' },
      ifMatch(kase.version),
    );
    expect(closed.body).toMatchObject({ status: 'closed', closure: { reason: 'goals_reached' } });
    for (const [path, body] of [
      ['goals', { text: 'x' }],
      ['log-entries', { text: 'x' }],
      ['private-notes', { unitId: world.sentrum, text: 'x' }],
    ] as const) {
      const res = await api(kari, 'POST', `/api/cases/${kase.id}/${path}`, body);
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['status']);
    }
    // "My cases" follows the status at once (the grants carry the list's order): closed cases after every open one.
    const listed = async () => {
      const rows = (await api(kari, 'GET', '/api/cases?limit=200')).body as Array<{ id: string; status: string }>;
      return { status: rows.find((c) => c.id === kase.id)?.status, statuses: rows.map((c) => c.status) };
    };
    const whenClosed = await listed();
    expect(whenClosed.status).toBe('closed');
    expect(whenClosed.statuses).toEqual([...whenClosed.statuses].sort().reverse());
    expect(whenClosed.statuses).toContain('open');
    const reopened = await api(kari, 'POST', `/api/cases/${kase.id}/reopen`, { reason: 'Ny bekymring' }, ifMatch(closed));
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.levelHistory.map((d: { kind: string }) => d.kind)).toEqual(['opened', 'closed', 'reopened']);
    const whenReopened = await listed();
    expect(whenReopened.status).toBe('open');
    expect(whenReopened.statuses).toEqual([...whenReopened.statuses].sort().reverse());
  });

  it('lets a leader take over and re-assign a case whose coordinator has left, and lists it in their tasks', async () => {
    const kase = await openLevel1Case(api, siri, world);
    // Not while the coordinator is active.
    expect((await api(ola, 'POST', `/api/cases/${kase.id}/reassign`, { reason: 'x' }, ifMatch(kase.version))).status).toBe(400);
    await queryOnce(t.db.ownerUrl, `UPDATE app_user SET active = false WHERE id = $1`, [world.siri]);
    try {
      const tasks = await api(ola, 'GET', '/api/tasks');
      expect(tasks.body.casesWithoutActiveCoordinator.map((c: { caseId: string }) => c.caseId)).toContain(kase.id);
      const [kari_] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM app_user WHERE subject = 'kari.larsen'`);
      const res = await api(
        ola,
        'POST',
        `/api/cases/${kase.id}/reassign`,
        { reason: 'Siri har sluttet', toUserId: kari_.id },
        ifMatch(kase.version),
      );
      expect(res.status).toBe(200);
      expect(res.body.coordinator.displayName).toContain('Ola Berg');
      expect(res.body.pendingTransfer.to.userId).toBe(kari_.id);
      const accepted = await api(
        kari,
        'POST',
        `/api/cases/${kase.id}/transfers/${res.body.pendingTransfer.id}/accept`,
        undefined,
        ifMatch(res),
      );
      expect(accepted.body.coordinator.displayName).toContain('Kari Larsen');
    } finally {
      await queryOnce(t.db.ownerUrl, `UPDATE app_user SET active = true WHERE id = $1`, [world.siri]);
    }
  });

  it('gives the baton back to the owning unit when the consent of the coordinator’s service is withdrawn: its leader sees it and takes over', async () => {
    const kase = await levelTwoCase();
    const asked = await api(kari, 'POST', `/api/cases/${kase.id}/transfers`, { toUserId: world.hanne }, ifMatch(kase.version));
    await api(hanne, 'POST', `/api/cases/${kase.id}/transfers/${asked.body.pendingTransfer.id}/accept`, undefined, ifMatch(asked));
    const held = await api(ola, 'GET', `/api/cases/${kase.id}`);
    expect(held.body.coordinator).toMatchObject({ userId: world.hanne, active: true, inactiveReason: null });
    expect(held.body.permissions.canReassign).toBe(false);
    // While the health nurse can do the work, the owning unit's leader does not take it from her.
    expect((await api(ola, 'POST', `/api/cases/${kase.id}/reassign`, { reason: 'x' }, ifMatch(held))).status).toBe(403);
    const listed = async () =>
      ((await api(ola, 'GET', '/api/tasks')).body.casesWithoutActiveCoordinator as Array<{ caseId: string; reason: string }>).filter(
        (c) => c.caseId === kase.id,
      );
    expect(await listed()).toEqual([]);

    const [consent] = (await api(anne, 'GET', `/api/cases/${kase.id}/consents`)).body;
    expect(
      (await api(anne, 'POST', `/api/consents/${consent.id}/withdraw`, { reason: 'Vi vil ikke dele mer' }, ifMatch(consent.version)))
        .status,
    ).toBe(200);

    // The coordinator's service lost access at once — and so nobody held the baton: the owning unit's leader is told.
    expect((await api(hanne, 'GET', `/api/cases/${kase.id}`)).status).toBe(404);
    expect(await listed()).toEqual([expect.objectContaining({ caseId: kase.id, reason: 'no_access' })]);
    const asKari = await api(kari, 'GET', `/api/cases/${kase.id}`);
    expect(asKari.body.coordinator).toMatchObject({ userId: world.hanne, active: false, inactiveReason: 'no_access' });
    expect(asKari.body.permissions.canReassign).toBe(false);
    expect((await api(kari, 'POST', `/api/cases/${kase.id}/reassign`, { reason: 'x' }, ifMatch(asKari))).status).toBe(403);
    const asOla = await api(ola, 'GET', `/api/cases/${kase.id}`);
    expect(asOla.body.permissions.canReassign).toBe(true);

    const [kari_] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM app_user WHERE subject = 'kari.larsen'`);
    const taken = await api(
      ola,
      'POST',
      `/api/cases/${kase.id}/reassign`,
      { reason: 'Samtykket er trukket', toUserId: kari_.id },
      {
        'if-match': asOla.etag as string,
      },
    );
    expect(taken.status).toBe(200);
    expect(taken.body.coordinator).toMatchObject({ displayName: expect.stringContaining('Ola Berg'), unitId: world.sentrum, active: true });
    expect(taken.body.pendingTransfer.to.userId).toBe(kari_.id);
    const backWithKari = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/transfers/${taken.body.pendingTransfer.id}/accept`,
      undefined,
      ifMatch(taken),
    );
    expect(backWithKari.status).toBe(200);
    expect(await listed()).toEqual([]);
    // Handing it back to the health station needs a new consent first.
    const back = await api(kari, 'POST', `/api/cases/${kase.id}/transfers`, { toUserId: world.hanne }, ifMatch(backWithKari));
    expect(back.status).toBe(400);
  });

  it('shares a health nurse’s note with the team only when she chooses to, even with consent', async () => {
    const kase = await levelTwoCase();
    const asHanne = await api(hanne, 'GET', `/api/cases/${kase.id}`);
    expect(asHanne.body.permissions.writesUnderHealthRegime).toBe(true);
    expect((await api(kari, 'GET', `/api/cases/${kase.id}`)).body.permissions.writesUnderHealthRegime).toBe(false);
    const entries = async () =>
      (
        await queryOnce<{ n: number }>(
          t.db.ownerUrl,
          `SELECT count(*)::int AS n FROM case_log_entry WHERE case_id = $1 AND kind = 'note'`,
          [kase.id],
        )
      )[0].n;
    const before = await entries();

    for (const share of [undefined, false]) {
      const refused = await api(hanne, 'POST', `/api/cases/${kase.id}/log-entries`, {
        text: 'Emma har vondt i magen',
        ...(share === undefined ? {} : { shareHealthInformation: share }),
      });
      expect(refused.status).toBe(400);
      expect(fields(refused.body)).toEqual(['shareHealthInformation']);
    }
    expect(await entries()).toBe(before);
    const notString = await api(hanne, 'POST', `/api/cases/${kase.id}/log-entries`, { text: 'x', shareHealthInformation: 'yes' });
    expect(fields(notString.body)).toEqual(['shareHealthInformation']);

    const shared = await api(hanne, 'POST', `/api/cases/${kase.id}/log-entries`, {
      text: 'Emma har fått time hos lege',
      shareHealthInformation: true,
    });
    expect(shared.status).toBe(200);
    expect((await api(kari, 'GET', `/api/cases/${kase.id}/log`)).body.map((l: { text: string }) => l.text)).toContain(
      'Emma har fått time hos lege',
    );
    // The kindergarten teacher is under no such duty: her notes need no choice.
    expect((await api(kari, 'POST', `/api/cases/${kase.id}/log-entries`, { text: 'Emma lekte godt i dag' })).status).toBe(200);
    expect(await entries()).toBe(before + 2);
  });

  it('refuses privileged and unknown fields, and bad input on every command, naming the fields, changing nothing', async () => {
    const kase = await openLevel1Case(api, kari, world);
    const before = await queryOnce(t.db.ownerUrl, 'SELECT level, version, coordinator_user_id FROM coordinated_case WHERE id = $1', [
      kase.id,
    ]);
    const bad = await api(
      kari,
      'POST',
      `/api/cases/${kase.id}/level`,
      { toLevel: 5, reason: '', coordinatorUserId: world.hanne },
      ifMatch(kase.version),
    );
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['coordinatorUserId', 'reason', 'toLevel']);
    expect(
      await queryOnce(t.db.ownerUrl, 'SELECT level, version, coordinator_user_id FROM coordinated_case WHERE id = $1', [kase.id]),
    ).toEqual(before);
  });
});
