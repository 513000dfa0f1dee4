import { addDays } from '../concerns/concern';
import { endOfAssignment, roleScopeError, roleValidOn, settingsProblems, staffIdentifiersOf } from './staff-administration';

const today = new Date().toISOString().slice(0, 10);

describe('role scope', () => {
  it('needs a unit for staff and unit leaders, and none for municipality-wide roles', () => {
    expect(roleScopeError('staff', null)).toMatch(/unitId is required/);
    expect(roleScopeError('unit_leader', 'u1')).toBeNull();
    expect(roleScopeError('admin', 'u1')).toMatch(/municipality-wide/);
    expect(roleScopeError('privacy_officer', undefined)).toBeNull();
  });
});

describe('role validity', () => {
  it('holds from the first to the last day, both included', () => {
    expect(roleValidOn({ validFrom: today, validTo: null }, today)).toBe(true);
    expect(roleValidOn({ validFrom: today, validTo: today }, today)).toBe(true);
    expect(roleValidOn({ validFrom: addDays(today, 1), validTo: null }, today)).toBe(false);
    expect(roleValidOn({ validFrom: addDays(today, -10), validTo: addDays(today, -1) }, today)).toBe(false);
  });
});

describe('ending a role assignment', () => {
  it('ends now by default: yesterday was the last day', () => {
    expect(endOfAssignment({ validFrom: addDays(today, -30), validTo: null }, today)).toEqual({ validTo: addDays(today, -1) });
  });

  it('ends one that began today or has not begun the day before it began (never held)', () => {
    expect(endOfAssignment({ validFrom: today, validTo: null }, today)).toEqual({ validTo: addDays(today, -1) });
    const future = addDays(today, 10);
    expect(endOfAssignment({ validFrom: future, validTo: null }, today)).toEqual({ validTo: addDays(future, -1) });
  });

  it('takes a later last day, never one in the past, never later than an end already set', () => {
    const from = addDays(today, -30);
    expect(endOfAssignment({ validFrom: from, validTo: null }, today, addDays(today, 5))).toEqual({ validTo: addDays(today, 5) });
    expect(endOfAssignment({ validFrom: from, validTo: null }, today, addDays(today, -2))).toEqual({
      error: expect.stringMatching(/past/),
    });
    expect(endOfAssignment({ validFrom: from, validTo: addDays(today, 3) }, today, addDays(today, 9))).toEqual({
      error: expect.stringMatching(/earlier/),
    });
  });

  it('refuses one that has already ended', () => {
    expect(endOfAssignment({ validFrom: addDays(today, -30), validTo: addDays(today, -1) }, today)).toEqual({
      error: 'The role assignment has already ended',
    });
  });
});

describe('identifiers of a staff token', () => {
  it('takes e-mail, upn and preferred_username, lower-cased, once each', () => {
    expect(
      staffIdentifiersOf({ sub: 'x', email: 'Kari@Fjordvik.example', upn: 'kari@fjordvik.example', preferred_username: 'k@x.example' }),
    ).toEqual(['kari@fjordvik.example', 'k@x.example']);
  });

  it('skips an e-mail the provider says is not verified, and anything that is not an address', () => {
    expect(staffIdentifiersOf({ email: 'a@b.example', email_verified: false, preferred_username: 'kari' })).toEqual([]);
  });
});

describe('settings as a whole', () => {
  it('refuses a reminder earlier than the default consent is long', () => {
    expect(settingsProblems({ consentDefaultMonths: 1, consentReminderDays: [30, 7] })).toEqual({
      consentReminderDays: expect.stringContaining('28 days'),
    });
    expect(settingsProblems({ consentDefaultMonths: 12, consentReminderDays: [30, 7, 1] })).toEqual({});
  });
});
