import fc from 'fast-check';
import { DomainRuleError } from '../concerns/concern';
import { DEFAULT_MUNICIPALITY_SETTINGS } from '../organisation/organisation';
import {
  ageOn,
  checkScope,
  ConsentScope,
  ConsentState,
  decline,
  defaultValidTo,
  effectiveStatus,
  isValidOn,
  requiredSigners,
  sign,
  signerKeyOf,
  submitForSignatures,
  withdraw,
} from './consent-rules';

// A fixed day in the past: these rules take "today" as an argument, so the specs need no clock.
const TODAY = '2025-12-01';
const guardians = [
  { userId: 'mother', parentalResponsibility: true },
  { userId: 'father', parentalResponsibility: true },
  { userId: 'stepfather', parentalResponsibility: false },
];
const draft = (
  signers = requiredSigners({ birthDate: '2021-04-12', youthUserId: null }, guardians, DEFAULT_MUNICIPALITY_SETTINGS, TODAY),
) => ({ status: 'draft', validTo: '2026-11-30', requiredSigners: signers, singleSignatureReason: null, answers: [] }) as ConsentState;

describe('who signs a consent', () => {
  it('asks every guardian with parental responsibility, and nobody without it', () => {
    expect(draft().requiredSigners.map((s) => s.userId)).toEqual(['mother', 'father']);
  });

  it('lets a youth at the consent age sign for themself, guardians too only where the municipality says so', () => {
    const youth = { birthDate: '2009-11-30', youthUserId: 'sofie' };
    expect(ageOn(youth.birthDate, TODAY)).toBe(16);
    expect(requiredSigners(youth, guardians, DEFAULT_MUNICIPALITY_SETTINGS, TODAY)).toEqual([{ userId: 'sofie', role: 'youth' }]);
    expect(requiredSigners(youth, guardians, { ...DEFAULT_MUNICIPALITY_SETTINGS, youthConsentAge: 17 }, TODAY).map((s) => s.role)).toEqual([
      'guardian',
      'guardian',
    ]);
    expect(
      requiredSigners(youth, guardians, { ...DEFAULT_MUNICIPALITY_SETTINGS, guardiansSignForYouth: true }, TODAY).map((s) => s.userId),
    ).toEqual(['sofie', 'mother', 'father']);
    // The day before the 16th birthday the guardians still sign.
    expect(requiredSigners(youth, guardians, DEFAULT_MUNICIPALITY_SETTINGS, '2025-11-29').map((s) => s.role)).toEqual([
      'guardian',
      'guardian',
    ]);
  });
});

describe('the consent’s scope', () => {
  const scope: ConsentScope = {
    purpose: 'Samarbeid om Emmas trivsel',
    categories: ['wellbeing', 'health'],
    serviceIds: ['health'],
    excludedUserIds: [],
    excludedCategories: [],
    validFrom: TODAY,
    validTo: defaultValidTo(TODAY, DEFAULT_MUNICIPALITY_SETTINGS),
  };

  it('lasts the municipality’s default length when no to-date is chosen', () => {
    expect(defaultValidTo('2025-12-01', DEFAULT_MUNICIPALITY_SETTINGS)).toBe('2026-11-30');
    expect(defaultValidTo('2025-12-01', { consentDefaultMonths: 6 })).toBe('2026-05-31');
  });

  it('must say what, who and until when, with no category both covered and excluded', () => {
    expect(() => checkScope(scope, TODAY)).not.toThrow();
    expect(() => checkScope({ ...scope, purpose: ' ' }, TODAY)).toThrow(/what the collaboration/);
    expect(() => checkScope({ ...scope, categories: [] }, TODAY)).toThrow(/category/);
    expect(() => checkScope({ ...scope, serviceIds: [] }, TODAY)).toThrow(/service/);
    expect(() => checkScope({ ...scope, validTo: '' }, TODAY)).toThrow(/last day/);
    expect(() => checkScope({ ...scope, validTo: '2025-11-30' }, TODAY)).toThrow(/before the first/);
    expect(() => checkScope({ ...scope, excludedCategories: ['health'] }, TODAY)).toThrow(/both covered and excluded/);
  });

  it('expires by the date alone: active past its last day is expired, and gives no access', () => {
    expect(effectiveStatus('active', '2025-11-30', TODAY)).toBe('expired');
    expect(effectiveStatus('active', TODAY, TODAY)).toBe('active');
    expect(isValidOn({ status: 'active', validFrom: '2025-01-01', validTo: '2025-11-30' }, TODAY)).toBe(false);
    expect(isValidOn({ status: 'active', validFrom: '2025-01-01', validTo: TODAY }, TODAY)).toBe(true);
    expect(isValidOn({ status: 'withdrawn', validFrom: '2025-01-01', validTo: '2026-01-01' }, TODAY)).toBe(false);
  });
});

describe('signing, declining and withdrawing', () => {
  it('becomes active when both guardians have signed, not before', () => {
    const pending = submitForSignatures(draft(), null);
    const one = sign(pending, 'mother', TODAY);
    expect(one.status).toBe('pending_signatures');
    expect(() => sign(one, 'mother', TODAY)).toThrow(/already answered/);
    expect(() => sign(one, 'stepfather', TODAY)).toThrow(/parental responsibility/);
    expect(sign(one, 'father', TODAY).status).toBe('active');
  });

  it('accepts one signature only with a documented reason', () => {
    expect(() => submitForSignatures(draft(), ' ')).toThrow(/why one signature/);
    const pending = submitForSignatures(draft(), 'Far kan ikke nås');
    expect(sign(pending, 'father', TODAY).status).toBe('active');
  });

  it('records a refusal as declined, and lets any signer withdraw an active consent at once', () => {
    expect(decline(submitForSignatures(draft(), null), 'father').status).toBe('declined');
    const active = sign(sign(submitForSignatures(draft(), null), 'mother', TODAY), 'father', TODAY);
    expect(withdraw(active, 'father', TODAY).status).toBe('withdrawn');
    expect(() => withdraw(active, 'stepfather', TODAY)).toThrow(/parental responsibility/);
    expect(() => withdraw({ ...active, validTo: '2025-11-30' }, 'mother', TODAY)).toThrow(/active/);
  });

  it('refuses to send anything but a draft, and a consent nobody can give', () => {
    expect(() => submitForSignatures(submitForSignatures(draft(), null), null)).toThrow(/draft/);
    expect(() => submitForSignatures(draft([]), null)).toThrow(/Nobody can give/);
  });
});

describe('consent invariants under random answers (fast-check)', () => {
  const signer = fc.constantFrom('mother', 'father', 'stepfather');
  const step = fc.oneof(
    signer.map((who) => ({ kind: 'sign' as const, who })),
    signer.map((who) => ({ kind: 'decline' as const, who })),
    signer.map((who) => ({ kind: 'withdraw' as const, who })),
  );

  it('is active only when every required signer (or, with a reason, one) signed; withdrawn only from active; final states stay', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { maxLength: 12 }), (single, steps) => {
        let state = submitForSignatures(draft(), single ? 'Eneansvar' : null);
        for (const s of steps) {
          const before = state;
          try {
            state =
              s.kind === 'sign' ? sign(state, s.who, TODAY) : s.kind === 'decline' ? decline(state, s.who) : withdraw(state, s.who, TODAY);
          } catch (error) {
            if (!(error instanceof DomainRuleError)) throw error;
            continue;
          }
          const signed = new Set(state.answers.filter((a) => a.decision === 'signed').map((a) => a.signerKey));
          if (state.status === 'active') {
            expect(single ? signed.size >= 1 : state.requiredSigners.every((r) => signed.has(signerKeyOf(r)))).toBe(true);
          }
          if (state.status === 'withdrawn') expect(['active', 'withdrawn']).toContain(before.status);
          if (['withdrawn', 'declined'].includes(before.status)) expect(state).toBe(before);
          expect(signed.has('stepfather')).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
