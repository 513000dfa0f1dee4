import fc from 'fast-check';
import { DomainRuleError } from '../concerns/concern';
import type { CoordinatorStanding } from '../auth/ability';
import {
  acceptTransfer,
  addMeasure,
  addParticipant,
  cancelTransfer,
  CaseLevel,
  CaseState,
  caseInvariantViolations,
  changeLevel,
  closeCase,
  declineTransfer,
  openCase,
  evaluateMeasure,
  finalizeMinutes,
  removeParticipant,
  reopenCase,
  requestTransfer,
  takeOverBaton,
  assertNoteSharedDeliberately,
  writesUnderHealthRegime,
  updateMeasure,
} from './case-rules';

// A small world: three services, one unit each, two people per unit.
const SERVICES = ['kindergarten', 'health', 'ppt'];
const unitOf = (service: string) => `${service}-unit`;
const peopleOf = (service: string) => [`${service}-a`, `${service}-b`];
const participant = (service: string) => ({ serviceId: service, unitId: unitOf(service) });

const start = () => openCase({ userId: 'kindergarten-a', serviceId: 'kindergarten', unitId: unitOf('kindergarten') }, 1);

describe('case rules', () => {
  it('escalates to level 2 only together with a second service, and back to 1 only when it leaves', () => {
    const level1 = start();
    expect(() => changeLevel(level1, 2, 'need health')).toThrow(/at least two services/);
    expect(() => addParticipant(level1, participant('health'))).toThrow(/Level 1 involves exactly one service/);
    const level2 = changeLevel(level1, 2, 'need health', { joining: [participant('health')] });
    expect(level2.participants.map((p) => p.serviceId)).toEqual(['kindergarten', 'health']);
    expect(() => changeLevel(level2, 1, 'better now')).toThrow(/exactly one service/);
    expect(changeLevel(level2, 1, 'better now', { leaving: [unitOf('health')] }).level).toBe(1);
  });

  it('asks the consent check (the seam for the consent issue) on escalation, joining and transfer', () => {
    const refuse = () => false;
    expect(() => changeLevel(start(), 2, 'x', { joining: [participant('health')] }, refuse)).toThrow(/active consent/);
    const level2 = changeLevel(start(), 2, 'x', { joining: [participant('health')] });
    expect(() => addParticipant(level2, participant('ppt'), refuse)).toThrow(/active consent/);
    expect(() => requestTransfer(level2, { toUserId: 'health-a', toUnitId: unitOf('health'), toServiceId: 'health' }, refuse)).toThrow(
      /active consent/,
    );
  });

  it('passes the baton only when the person asked accepts', () => {
    const level2 = changeLevel(start(), 2, 'x', { joining: [participant('health')] });
    const pending = requestTransfer(level2, { toUserId: 'health-a', toUnitId: unitOf('health'), toServiceId: 'health' });
    expect(pending.coordinatorUserId).toBe('kindergarten-a');
    expect(() => acceptTransfer(pending, 'health-b')).toThrow(/Only the person asked/);
    expect(acceptTransfer(pending, 'health-a')).toMatchObject({
      coordinatorUserId: 'health-a',
      coordinatorUnitId: unitOf('health'),
      coordinatorServiceId: 'health',
      pendingTransfer: null,
    });
    expect(declineTransfer(pending, 'health-a', 'no capacity').coordinatorUserId).toBe('kindergarten-a');
    expect(() => declineTransfer(pending, 'health-a', ' ')).toThrow(/why/);
    expect(cancelTransfer(pending, 'kindergarten-a').pendingTransfer).toBeNull();
  });

  it('needs a responsible participant and an evaluation date for every measure', () => {
    expect(() => addMeasure(start(), { id: 'm1', evaluationDueOn: '2026-01-01' })).toThrow(/responsible/);
    expect(() => addMeasure(start(), { id: 'm1', responsibleUnitId: unitOf('kindergarten') })).toThrow(/evaluation due date/);
    expect(() => addMeasure(start(), { id: 'm1', responsibleUnitId: unitOf('ppt'), evaluationDueOn: '2026-01-01' })).toThrow(/take part/);
  });

  it('closes with a reason (free text for "other"), refuses writes when closed, and reopens as a decision', () => {
    expect(() => closeCase(start(), 'other')).toThrow(/Describe/);
    const closed = closeCase(start(), 'goals_reached');
    expect(() => addMeasure(closed, { id: 'm', responsibleUnitId: unitOf('kindergarten'), evaluationDueOn: '2026-01-01' })).toThrow(
      /closed/,
    );
    expect(reopenCase(closed, 'new worry').status).toBe('open');
  });
});

describe('measures, evaluations, re-assignment and minutes', () => {
  const withMeasure = () => addMeasure(start(), { id: 'm1', responsibleUnitId: unitOf('kindergarten'), evaluationDueOn: '2026-01-01' });

  it('keeps a responsible participant and a due date through every edit', () => {
    expect(() => updateMeasure(withMeasure(), 'm1', { responsibleUnitId: unitOf('ppt') })).toThrow(/take part/);
    expect(() => updateMeasure(withMeasure(), 'm1', { evaluationDueOn: '' })).toThrow(/due date/);
    expect(updateMeasure(withMeasure(), 'm1', { evaluationDueOn: '2026-02-01' }).measures[0].evaluationDueOn).toBe('2026-02-01');
  });

  it('ends a measure on stop and otherwise needs the next evaluation date, after this one', () => {
    expect(evaluateMeasure(withMeasure(), 'm1', { decision: 'stop', evaluatedOn: '2025-12-01' }).measures).toEqual([]);
    expect(() => evaluateMeasure(withMeasure(), 'm1', { decision: 'continue', evaluatedOn: '2025-12-01' })).toThrow(/next evaluation/);
    expect(() =>
      evaluateMeasure(withMeasure(), 'm1', { decision: 'change', evaluatedOn: '2025-12-01', nextEvaluationDueOn: '2025-12-01' }),
    ).toThrow(/after this one/);
    const next = evaluateMeasure(withMeasure(), 'm1', {
      decision: 'continue',
      evaluatedOn: '2025-12-01',
      nextEvaluationDueOn: '2026-03-01',
    });
    expect(next.measures[0].evaluationDueOn).toBe('2026-03-01');
  });

  it('lets a leader of the coordinator’s unit take the baton only when the coordinator is inactive', () => {
    const leader = { userId: 'kindergarten-b', unitId: unitOf('kindergarten'), serviceId: 'kindergarten' };
    const owner = unitOf('kindergarten');
    expect(() => takeOverBaton(start(), leader, { standing: 'active', ownerUnitId: owner })).toThrow(/is active/);
    expect(() => takeOverBaton(start(), { ...leader, unitId: unitOf('health') }, { standing: 'left', ownerUnitId: owner })).toThrow(
      /leader of the coordinator/,
    );
    expect(takeOverBaton(start(), leader, { standing: 'left', ownerUnitId: owner }).coordinatorUserId).toBe('kindergarten-b');
  });

  it('gives the baton back to the owning unit’s leader when the coordinator’s service lost its consent', () => {
    const level2 = changeLevel(start(), 2, 'x', { joining: [participant('health')] });
    const healthHolds = acceptTransfer(
      requestTransfer(level2, { toUserId: 'health-a', toUnitId: unitOf('health'), toServiceId: 'health' }),
      'health-a',
    );
    const owner = unitOf('kindergarten');
    const healthLeader = { userId: 'health-b', unitId: unitOf('health'), serviceId: 'health' };
    const ownerLeader = { userId: 'kindergarten-b', unitId: owner, serviceId: 'kindergarten' };
    expect(() => takeOverBaton(healthHolds, healthLeader, { standing: 'no_access', ownerUnitId: owner })).toThrow(
      /unit that owns the case/,
    );
    expect(() => takeOverBaton(healthHolds, ownerLeader, { standing: 'left', ownerUnitId: owner })).toThrow(/leader of the coordinator/);
    expect(takeOverBaton(healthHolds, ownerLeader, { standing: 'no_access', ownerUnitId: owner })).toMatchObject({
      coordinatorUserId: 'kindergarten-b',
      coordinatorUnitId: owner,
      coordinatorServiceId: 'kindergarten',
      pendingTransfer: null,
    });
  });

  it('lets a note from a health-regime unit into the shared log only when its author chooses to share it', () => {
    expect(() => assertNoteSharedDeliberately(['health'], undefined)).toThrow(/choose to share/);
    expect(() => assertNoteSharedDeliberately(['administrative', 'health'], false)).toThrow(DomainRuleError);
    expect(() => assertNoteSharedDeliberately(['health'], true)).not.toThrow();
    expect(() => assertNoteSharedDeliberately(['administrative'], undefined)).not.toThrow();
    expect(() => assertNoteSharedDeliberately(['child_welfare', 'nav'], undefined)).not.toThrow();
    expect(writesUnderHealthRegime(['administrative'])).toBe(false);
  });

  it('makes minutes final only with decisions written, and never edits final minutes', () => {
    expect(() => finalizeMinutes({ minutesStatus: 'draft', decisions: ' ' })).toThrow(/decided/);
    expect(finalizeMinutes({ minutesStatus: 'draft', decisions: 'Ny time hos helsesykepleier' })).toBe('final');
    expect(() => finalizeMinutes({ minutesStatus: 'final', decisions: 'x' })).toThrow(/final/);
  });
});

/** Random command sequences: whatever is attempted, no accepted command breaks an invariant. */
type Command = (s: CaseState) => CaseState;

const service = fc.constantFrom(...SERVICES);
const person = service.chain((s) => fc.constantFrom(...peopleOf(s)).map((p) => ({ person: p, service: s })));
const level = fc.constantFrom<CaseLevel>(1, 2, 3);

const command: fc.Arbitrary<{ name: string; run: Command }> = fc.oneof(
  fc.record({ to: level, joining: fc.subarray(SERVICES), leaving: fc.subarray(SERVICES) }).map(({ to, joining, leaving }) => ({
    name: `level ${to} +${joining} -${leaving}`,
    run: (s: CaseState) => changeLevel(s, to, 'reason', { joining: joining.map(participant), leaving: leaving.map(unitOf) }),
  })),
  service.map((sv) => ({ name: `join ${sv}`, run: (s: CaseState) => addParticipant(s, participant(sv)) })),
  service.map((sv) => ({ name: `leave ${sv}`, run: (s: CaseState) => removeParticipant(s, unitOf(sv)) })),
  person.map(({ person: p, service: sv }) => ({
    name: `transfer to ${p}`,
    run: (s: CaseState) => requestTransfer(s, { toUserId: p, toUnitId: unitOf(sv), toServiceId: sv }),
  })),
  person.map(({ person: p }) => ({ name: `accept by ${p}`, run: (s: CaseState) => acceptTransfer(s, p) })),
  person.map(({ person: p }) => ({ name: `decline by ${p}`, run: (s: CaseState) => declineTransfer(s, p, 'busy') })),
  person.map(({ person: p }) => ({ name: `cancel by ${p}`, run: (s: CaseState) => cancelTransfer(s, p) })),
  fc.record({ sv: service, due: fc.option(fc.constant('2026-03-01')) }).map(({ sv, due }) => ({
    name: `measure for ${sv}`,
    run: (s: CaseState) => addMeasure(s, { id: `m${s.measures.length}`, responsibleUnitId: unitOf(sv), evaluationDueOn: due ?? undefined }),
  })),
  fc.record({ i: fc.nat(5), stop: fc.boolean() }).map(({ i, stop }) => ({
    name: `evaluate measure ${i} ${stop ? 'stop' : 'continue'}`,
    run: (s: CaseState) =>
      evaluateMeasure(s, s.measures[i]?.id ?? 'none', {
        decision: stop ? 'stop' : 'continue',
        evaluatedOn: '2025-12-01',
        nextEvaluationDueOn: stop ? null : '2026-06-01',
      }),
  })),
  fc.record({ i: fc.nat(5), sv: service }).map(({ i, sv }) => ({
    name: `measure ${i} to ${sv}`,
    run: (s: CaseState) => updateMeasure(s, s.measures[i]?.id ?? 'none', { responsibleUnitId: unitOf(sv) }),
  })),
  fc
    .record({ leader: person, standing: fc.constantFrom('active', 'left', 'no_access') as fc.Arbitrary<CoordinatorStanding> })
    .map(({ leader, standing }) => ({
      name: `take over by ${leader.person} (coordinator ${standing})`,
      run: (s: CaseState) =>
        takeOverBaton(
          s,
          { userId: leader.person, unitId: unitOf(leader.service), serviceId: leader.service },
          { standing, ownerUnitId: unitOf('kindergarten') },
        ),
    })),
  fc
    .constantFrom('goals_reached', 'other')
    .map((r) => ({ name: `close ${r}`, run: (s: CaseState) => closeCase(s, r as 'goals_reached' | 'other') })),
  fc.constant({ name: 'reopen', run: (s: CaseState) => reopenCase(s, 'again') }),
);

describe('case invariants under random command sequences (fast-check)', () => {
  it('never two coordinators or none, baton only on acceptance, measures complete, closed refuses writes, level 2/3 with 2+ services', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        let state = start();
        for (const { run } of commands) {
          const before = state;
          let next: CaseState;
          try {
            next = run(state);
          } catch (error) {
            // A refused command is a rule at work, and leaves the case as it was.
            if (!(error instanceof DomainRuleError)) throw error;
            expect(state).toBe(before);
            continue;
          }
          expect(caseInvariantViolations(next)).toEqual([]);
          // The baton moves only through acceptance by the person asked — or to a leader of the
          // coordinator's unit who takes it over from an inactive coordinator.
          if (next.coordinatorUserId !== before.coordinatorUserId) {
            const accepted = before.pendingTransfer?.toUserId === next.coordinatorUserId;
            const takenOver = next.coordinatorUnitId === before.coordinatorUnitId;
            expect(accepted || takenOver).toBe(true);
            expect(next.pendingTransfer).toBeNull();
          }
          // A closed case changes only by reopening.
          if (before.status === 'closed') expect(next.status).toBe('open');
          state = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});
