import { findIdentifyingText, identifiabilityWarning } from './anonymity';
import { reportDeadlines } from './child-welfare-report';
import {
  caseLevelFor,
  checkGuardianStep,
  concernForReader,
  decideConcern,
  decisionDueOn,
  DomainRuleError,
  isOverdue,
  seesConcernOutcome,
} from './concern';

const open = { status: 'open' as const, decision: null };

describe('concern rules', () => {
  it('makes the decision due 14 days (the setting) after the concern arose, across month ends', () => {
    expect(decisionDueOn('2025-01-25', { concernDecisionDays: 14 })).toBe('2025-02-08');
    expect(decisionDueOn('2025-11-22', { concernDecisionDays: 10 })).toBe('2025-12-02');
    expect(isOverdue('2025-12-02', '2025-12-03')).toBe(true);
    expect(isOverdue('2025-12-02', '2025-12-02')).toBe(false);
  });

  it('decides an open concern once, and only once', () => {
    const decided = decideConcern(open, { decision: 'own_service', reason: null });
    expect(decided).toEqual({ status: 'decided', decision: 'own_service' });
    expect(() => decideConcern(decided, { decision: 'close', reason: 'x' })).toThrow('already been decided');
  });

  it('needs a reason to close and a level of 2 or 3 for collaboration', () => {
    expect(() => decideConcern(open, { decision: 'close', reason: '  ' })).toThrow(DomainRuleError);
    expect(() => decideConcern(open, { decision: 'collaboration', reason: null, level: 1 })).toThrow(/level 2 or 3/);
    expect(() => decideConcern(open, { decision: 'own_service', reason: null, level: 2 })).toThrow(/only chosen for collaboration/);
    expect(decideConcern(open, { decision: 'collaboration', reason: null, level: 3 })).toEqual({
      status: 'decided',
      decision: 'collaboration',
    });
  });

  it('opens a case at level 1 for own service, 2 or 3 for collaboration, none otherwise', () => {
    expect(caseLevelFor({ decision: 'own_service', reason: null })).toBe(1);
    expect(caseLevelFor({ decision: 'collaboration', reason: null, level: 3 })).toBe(3);
    expect(caseLevelFor({ decision: 'close', reason: 'ok' })).toBeNull();
    expect(caseLevelFor({ decision: 'report_to_child_welfare', reason: null })).toBeNull();
  });

  it('takes either the date of talking with the guardians or the reason why not', () => {
    expect(() => checkGuardianStep('2025-11-20', 'could not reach them')).toThrow(DomainRuleError);
    expect(() => checkGuardianStep(null, 'suspected violence at home')).not.toThrow();
    expect(() => checkGuardianStep('2025-11-20', null)).not.toThrow();
  });

  it('tracks the review (one week) and receipt (three weeks) deadlines of a report', () => {
    expect(reportDeadlines('2025-11-22')).toEqual({ reviewDueOn: '2025-11-29', receiptDueOn: '2025-12-13' });
  });
});

describe('anonymity checks', () => {
  it.each([
    ['Født 14.03.2015, bor med mor', 'date'],
    ['født 2015-03-14', 'date'],
    ['født 14. mars 2015', 'date'],
    ['fnr 14831550012', 'identity_number'],
    ['fnr 148315 50012', 'identity_number'],
  ])('finds identifying text in %p', (text, finding) => {
    expect(findIdentifyingText(text)).toContain(finding);
  });

  it('lets plain descriptions through', () => {
    expect(findIdentifyingText('Gutt i småskolen, trekker seg unna i friminutt de siste ukene; 3 av 5 dager.')).toEqual([]);
  });

  it('warns when a small unit, a class and a diagnosis together narrow it below five children', () => {
    expect(identifiabilityWarning({ unitSize: 40, namesGroup: true, namesDiagnosis: true, ageBand: null })).toBe(true);
    expect(identifiabilityWarning({ unitSize: 400, namesGroup: false, namesDiagnosis: false, ageBand: '6-9' })).toBe(false);
  });
});

describe('who sees how a concern was decided', () => {
  const concern = { authorUserId: 'kari', unitId: 'sentrum' };
  const staff = (userId: string, role: string, unitId: string, serviceKind = 'kindergarten') => ({
    userId,
    roles: [{ role, unitId, serviceKind }],
  });

  it('is the author, a leader of the concern’s unit, and child welfare — not a colleague or another unit’s leader', () => {
    expect(seesConcernOutcome(staff('kari', 'staff', 'sentrum'), concern)).toBe(true);
    expect(seesConcernOutcome(staff('ola', 'unit_leader', 'sentrum'), concern)).toBe(true);
    expect(seesConcernOutcome(staff('jon', 'staff', 'barnevern', 'child_welfare'), concern)).toBe(true);
    expect(seesConcernOutcome(staff('siri', 'staff', 'sentrum'), concern)).toBe(false);
    expect(seesConcernOutcome(staff('per', 'unit_leader', 'skole'), concern)).toBe(false);
  });

  it('blanks every outcome field alike for those who may not know it, and keeps the rest', () => {
    const read = { id: 'c1', status: 'decided', decision: 'close', decisionReason: 'Avklart', requestedCaseLevel: 1, caseId: 'k1' };
    expect(concernForReader(read, true)).toEqual(read);
    expect(concernForReader(read, false)).toEqual({
      id: 'c1',
      status: 'decided',
      decision: null,
      decisionReason: null,
      requestedCaseLevel: null,
      caseId: null,
    });
  });
});
