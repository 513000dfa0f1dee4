/**
 * Body checks the matrix rows share: what a persona may find in a case, in "my cases", in the log
 * and in "my tasks". Lists are compared with what the same persona gets when opening each row they
 * name, so neither a row nor a count ever tells of something the persona cannot open (SECURITY.md
 * S4, S7). Every check can fail: each compares the answer with the persona's relation or their
 * own view of the same records.
 */
import type { Answer, BodyCheck, MatrixTargets, Persona, RowExpect, Seen, SignedInPersona } from './personas';

/** The top-level fields of a case, the same for everyone who reads it (what differs is inside them). */
export const CASE_FIELDS = [
  'child',
  'closure',
  'concernId',
  'coordinator',
  'coordinatorWishes',
  'goals',
  'id',
  'level',
  'levelHistory',
  'log',
  'measures',
  'meetings',
  'openedAt',
  'ownerUnit',
  'participants',
  'pendingTransfer',
  'permissions',
  'privateNotes',
  'status',
  'version',
  'whereaboutsHidden',
];

const SUMMARY_FIELDS = [
  'activeMeasures',
  'child',
  'coordinator',
  'id',
  'isCoordinator',
  'level',
  'nextMeetingAt',
  'overdueEvaluations',
  'participantUnitNames',
  'privateNotes',
  'status',
  'version',
  'whereaboutsHidden',
];

const isFamily = (p: Persona) => p === 'guardian' || p === 'youth';

/** The units where a persona keeps private notes on the matrix's cases (where they take part); citizens none. */
export function ownUnitsOf(persona: Persona, t: MatrixTargets): string[] {
  if (persona === 'ownUnitStaff' || persona === 'unitColleague' || persona === 'unitLeader') return [t.ownUnit];
  if (persona === 'healthNurse') return [t.healthUnit];
  return [];
}

/** Sorted keys, to compare a record's fields with the allowed set. */
export const keysOf = (o: object) => Object.keys(o).sort();

/** A GET as the persona that must answer 200; its body. */
export async function opened(seen: Seen, path: string): Promise<Answer> {
  const res = await seen.read(path);
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  return res.body;
}

/**
 * A case as the persona may see it, whatever the route that answered it: the same fields for all;
 * private notes only of the persona's own units (none for the family); draft minutes without
 * decisions for the family; permissions that fit the persona's relation; a health nurse learns of
 * no service her consent does not name.
 */
export function expectCaseSeenBy(body: Answer, seen: Seen): void {
  const { persona, t } = seen;
  const own = ownUnitsOf(persona, t);
  expect(keysOf(body)).toEqual(CASE_FIELDS);
  const text = JSON.stringify(body);
  expect(body.privateNotes.map((n: { unitId: string }) => n.unitId).filter((u: string) => !own.includes(u))).toEqual([]);
  if (!own.includes(t.ownUnit)) expect(text).not.toContain(t.kindergartenNoteText);
  if (!own.includes(t.healthUnit)) expect(text).not.toContain(t.healthNoteText);
  const p = body.permissions;
  if (isFamily(persona)) {
    expect(body.privateNotes).toEqual([]);
    expect(
      body.meetings.filter((m: { minutesStatus: string; decisions: unknown }) => m.minutesStatus === 'draft' && m.decisions !== null),
    ).toEqual([]);
    expect(p).toEqual({
      isCoordinator: false,
      canCoordinate: false,
      canContribute: false,
      canAnswerTransfer: false,
      canReassign: false,
      ownParticipantUnitIds: [],
      writesUnderHealthRegime: false,
    });
    return;
  }
  const me = seen.t.users[persona as SignedInPersona];
  const coordinates = body.coordinator.userId === me;
  expect(p).toEqual({
    isCoordinator: coordinates,
    canCoordinate: coordinates,
    canContribute: true,
    canAnswerTransfer: body.pendingTransfer?.to.userId === me,
    // Reassigning is for a coordinator who can no longer hold the baton; the matrix's coordinators are active.
    canReassign: body.coordinator.active ? false : p.canReassign,
    ownParticipantUnitIds: own,
    writesUnderHealthRegime: persona === 'healthNurse',
  });
  if (persona === 'healthNurse') {
    // Her consent names the health station and PPT; the owning service she may know of too.
    const known = [t.healthService, t.pptService, body.ownerUnit.serviceId];
    expect(body.participants.map((x: { serviceId: string }) => x.serviceId).filter((s: string) => !known.includes(s))).toEqual([]);
  }
}

/** The matrix's level-2 case as each member of the team and the family see it. */
export const levelTwoCaseSeen: BodyCheck = (body, seen) => {
  const { persona, t } = seen;
  expect(body.id).toBe(t.levelTwoCase);
  expect(body.child).toMatchObject({ id: t.childInOwnUnit, givenName: 'Emma' });
  expectCaseSeenBy(body, seen);
  const noteTexts = body.privateNotes.map((n: { text: string }) => n.text);
  if (ownUnitsOf(persona, t).includes(t.ownUnit)) expect(noteTexts).toContain(t.kindergartenNoteText);
  if (persona === 'healthNurse') expect(noteTexts).toContain(t.healthNoteText);
  expect(body.measures.map((m: { id: string }) => m.id)).toContain(t.soonMeasure);
  const meeting = body.meetings.find((m: { id: string }) => m.id === t.soonMeeting);
  expect(meeting).toMatchObject({ minutesStatus: 'draft', decisions: isFamily(persona) ? null : t.draftDecisions });
  expect(body.log.map((l: { id: string }) => l.id)).toContain(t.levelTwoLogEntry);
};

/** Checks for every persona a row answers 2xx: the case as that persona may see it, then what the write did. */
export function caseAnswer(statuses: RowExpect, also?: BodyCheck): Partial<Record<Persona, BodyCheck>> {
  const check: BodyCheck = async (body, seen) => {
    expectCaseSeenBy(body, seen);
    await also?.(body, seen);
  };
  return Object.fromEntries(
    (Object.entries(statuses) as Array<[Persona, number]>).filter(([, s]) => s >= 200 && s < 300).map(([p]) => [p, check]),
  );
}

/**
 * "My cases": every row is a case the persona opens, and its counts are the rows they see there —
 * active measures, overdue evaluations, their own private notes, the next meeting, the units taking part.
 */
export function caseListSeen(listsLevelTwoCase: boolean): BodyCheck {
  return async (body, seen) => {
    expect(Array.isArray(body)).toBe(true);
    expect(body.some((r: { id: string }) => r.id === seen.t.levelTwoCase)).toBe(listsLevelTwoCase);
    for (const row of body) {
      expect(keysOf(row)).toEqual(SUMMARY_FIELDS);
      const page = await opened(seen, `/api/cases/${row.id}`);
      expectCaseSeenBy(page, seen);
      const active = page.measures.filter((m: { status: string }) => m.status === 'active');
      const upcoming = page.meetings
        .map((m: { meetingAt: string }) => m.meetingAt)
        .filter((at: string) => Date.parse(at) >= Date.now())
        .sort();
      expect({ id: row.id, ...row, participantUnitNames: [...row.participantUnitNames].sort() }).toEqual({
        id: row.id,
        child: { id: page.child.id, givenName: page.child.givenName, familyName: page.child.familyName },
        status: page.status,
        level: page.level,
        coordinator: {
          userId: page.coordinator.userId,
          displayName: page.coordinator.displayName,
          unitName: page.coordinator.unitName,
          active: page.coordinator.active,
        },
        participantUnitNames: page.participants
          .filter((x: { leftAt: string | null }) => x.leftAt === null)
          .map((x: { unitName: string }) => x.unitName)
          .sort(),
        activeMeasures: active.length,
        overdueEvaluations: active.filter((m: { evaluationOverdue: boolean }) => m.evaluationOverdue).length,
        privateNotes: page.privateNotes.length,
        nextMeetingAt: upcoming[0] ?? null,
        isCoordinator: page.permissions.isCoordinator,
        version: page.version,
        whereaboutsHidden: page.whereaboutsHidden,
      });
    }
  };
}

/** The shared log alone: exactly the entries the persona's case page shows, in the same order. */
export const logSeen: BodyCheck = async (body, seen) => {
  const page = await opened(seen, `/api/cases/${seen.t.levelTwoCase}`);
  expect(body).toEqual(page.log);
  expect(body.map((l: { id: string }) => l.id)).toContain(seen.t.levelTwoLogEntry);
  for (const entry of body) expect(keysOf(entry)).toEqual(['author', 'category', 'createdAt', 'id', 'kind', 'text']);
};

/**
 * "My tasks": every item is something the persona opens — the case, and in it the measure, the
 * meeting, the transfer or the consent the item names, with the same text; concerns and reports
 * they may read. `expected` names the level-2 case's tasks the persona must have.
 */
export function tasksSeen(expected: { evaluation: boolean; meeting: boolean }): BodyCheck {
  return async (body, seen) => {
    expect(keysOf(body)).toEqual([
      'casesWithoutActiveCoordinator',
      'concernsAwaitingDecision',
      'consentReminders',
      'consentsEnded',
      'evaluationsDue',
      'meetingsComingUp',
      'reportsAwaitingReview',
      'transfersAwaitingMe',
    ]);
    const pages = new Map<string, Answer>();
    const page = async (caseId: string) => {
      if (!pages.has(caseId)) pages.set(caseId, await opened(seen, `/api/cases/${caseId}`));
      return pages.get(caseId);
    };
    for (const item of body.evaluationsDue) {
      const measure = (await page(item.caseId)).measures.find((m: { id: string }) => m.id === item.measureId);
      expect(measure).toMatchObject({ description: item.description, evaluationDueOn: item.evaluationDueOn, status: 'active' });
    }
    for (const item of body.meetingsComingUp) {
      const meeting = (await page(item.caseId)).meetings.find((m: { id: string }) => m.id === item.meetingId);
      expect(meeting).toMatchObject({ agenda: item.agenda, meetingAt: item.meetingAt });
    }
    for (const item of body.transfersAwaitingMe) expect((await page(item.caseId)).pendingTransfer?.id).toBe(item.transferId);
    for (const item of body.casesWithoutActiveCoordinator) expect((await page(item.caseId)).coordinator.active).toBe(false);
    for (const item of [...body.consentReminders, ...body.consentsEnded]) {
      await page(item.caseId);
      expect((await opened(seen, `/api/consents/${item.consentId}`)).caseId).toBe(item.caseId);
    }
    for (const concern of body.concernsAwaitingDecision) expect((await opened(seen, `/api/concerns/${concern.id}`)).status).toBe('open');
    for (const report of body.reportsAwaitingReview)
      expect((await opened(seen, `/api/child-welfare-reports/${report.id}`)).id).toBe(report.id);
    expect(body.evaluationsDue.some((i: { measureId: string }) => i.measureId === seen.t.soonMeasure)).toBe(expected.evaluation);
    expect(body.meetingsComingUp.some((i: { meetingId: string }) => i.meetingId === seen.t.soonMeeting)).toBe(expected.meeting);
  };
}

/** Nothing to do for the persona: every list of their tasks is empty. */
export const noTasks: BodyCheck = (body) => {
  expect(keysOf(body)).toHaveLength(8);
  expect(Object.values(body).filter((list) => (list as unknown[]).length > 0)).toEqual([]);
};
