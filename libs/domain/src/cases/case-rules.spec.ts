import fc from 'fast-check';
import { DomainRuleError } from '../concerns/concern';
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
  removeParticipant,
  reopenCase,
  requestTransfer,
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
    expect(() => requestTransfer(level2, { toUserId: 'health-a', toServiceId: 'health' }, refuse)).toThrow(/active consent/);
  });

  it('passes the baton only when the person asked accepts', () => {
    const level2 = changeLevel(start(), 2, 'x', { joining: [participant('health')] });
    const pending = requestTransfer(level2, { toUserId: 'health-a', toServiceId: 'health' });
    expect(pending.coordinatorUserId).toBe('kindergarten-a');
    expect(() => acceptTransfer(pending, 'health-b')).toThrow(/Only the person asked/);
    expect(acceptTransfer(pending, 'health-a')).toMatchObject({
      coordinatorUserId: 'health-a',
      coordinatorServiceId: 'health',
      pendingTransfer: null,
    });
    expect(declineTransfer(pending, 'health-a', 'no capacity').coordinatorUserId).toBe('kindergarten-a');
    expect(() => declineTransfer(pending, 'health-a', ' ')).toThrow(/why/);
    expect(cancelTransfer(pending, 'kindergarten-a').pendingTransfer).toBeNull();
  });

  it('needs a responsible participant and an evaluation date for every measure', () => {
    expect(() => addMeasure(start(), { id: 'm1', evaluationDueOn: '2027-01-01' })).toThrow(/responsible/);
    expect(() => addMeasure(start(), { id: 'm1', responsibleUnitId: unitOf('kindergarten') })).toThrow(/evaluation due date/);
    expect(() => addMeasure(start(), { id: 'm1', responsibleUnitId: unitOf('ppt'), evaluationDueOn: '2027-01-01' })).toThrow(/take part/);
  });

  it('closes with a reason (free text for "other"), refuses writes when closed, and reopens as a decision', () => {
    expect(() => closeCase(start(), 'other')).toThrow(/Describe/);
    const closed = closeCase(start(), 'goals_reached');
    expect(() => addMeasure(closed, { id: 'm', responsibleUnitId: unitOf('kindergarten'), evaluationDueOn: '2027-01-01' })).toThrow(
      /closed/,
    );
    expect(reopenCase(closed, 'new worry').status).toBe('open');
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
    run: (s: CaseState) => requestTransfer(s, { toUserId: p, toServiceId: sv }),
  })),
  person.map(({ person: p }) => ({ name: `accept by ${p}`, run: (s: CaseState) => acceptTransfer(s, p) })),
  person.map(({ person: p }) => ({ name: `decline by ${p}`, run: (s: CaseState) => declineTransfer(s, p, 'busy') })),
  person.map(({ person: p }) => ({ name: `cancel by ${p}`, run: (s: CaseState) => cancelTransfer(s, p) })),
  fc.record({ sv: service, due: fc.option(fc.constant('2027-03-01')) }).map(({ sv, due }) => ({
    name: `measure for ${sv}`,
    run: (s: CaseState) => addMeasure(s, { id: `m${s.measures.length}`, responsibleUnitId: unitOf(sv), evaluationDueOn: due ?? undefined }),
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
          // The baton moves only through acceptance by the person asked.
          if (next.coordinatorUserId !== before.coordinatorUserId) {
            expect(before.pendingTransfer?.toUserId).toBe(next.coordinatorUserId);
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
