import { ConsentWindow, grantAdmits, liveAccessGrants, Participation } from './access-rule';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 11, 1);
const own: Participation = { participantId: 'p-own', unitId: 'kindergarten-unit', serviceId: 'kindergarten', from: t0, to: null };
const health: Participation = { participantId: 'p-health', unitId: 'health-unit', serviceId: 'health', from: t0 + DAY, to: null };
const consent: ConsentWindow = {
  id: 'c1',
  serviceIds: ['health'],
  categories: ['wellbeing', 'health'],
  excludedCategories: ['health'],
  excludedUserIds: ['hanne'],
  validFrom: t0,
  validToEnd: t0 + 365 * DAY,
  activatedAt: t0 + 2 * DAY,
  withdrawnAt: null,
  supersededAt: null,
};

describe('the live access rule', () => {
  it('admits the owning service without consent, and another service only while a consent names it', () => {
    expect(liveAccessGrants('kindergarten', [own, health], [])).toEqual([
      expect.objectContaining({ unitId: 'kindergarten-unit', basis: 'ownership' }),
    ]);
    const grants = liveAccessGrants('kindergarten', [own, health], [consent]);
    expect(grants[1]).toMatchObject({ unitId: 'health-unit', basis: 'consent', consentId: 'c1', from: t0 + 2 * DAY, to: t0 + 365 * DAY });
    expect(liveAccessGrants('kindergarten', [own, health], [{ ...consent, serviceIds: ['ppt'] }])).toHaveLength(1);
  });

  it('covers the consent’s categories less the excluded ones, and never an excluded person', () => {
    const [, g] = liveAccessGrants('kindergarten', [own, health], [consent]);
    expect(g.categories).toEqual(['wellbeing']);
    expect(grantAdmits([g], 'health-unit', 'hanne', t0 + 10 * DAY)).toBe(false);
    expect(grantAdmits([g], 'health-unit', 'colleague', t0 + 10 * DAY)).toBe(true);
  });

  it('lets a unit admitted by consent know of the consent’s services and the owning one only; the owning service knows all', () => {
    const [owner, g] = liveAccessGrants('kindergarten', [own, health], [{ ...consent, serviceIds: ['health', 'ppt'] }]);
    expect(owner.serviceIds).toBeNull();
    expect(g.serviceIds).toEqual(['health', 'kindergarten', 'ppt']);
  });

  it('ends at withdrawal, supersession, the day after the last day, or leaving — whichever comes first', () => {
    const at = (c: Partial<ConsentWindow>, p: Participation = health) =>
      liveAccessGrants('kindergarten', [p], [{ ...consent, ...c }])[0]?.to;
    expect(at({ withdrawnAt: t0 + 5 * DAY })).toBe(t0 + 5 * DAY);
    expect(at({ supersededAt: t0 + 6 * DAY })).toBe(t0 + 6 * DAY);
    expect(at({}, { ...health, to: t0 + 7 * DAY })).toBe(t0 + 7 * DAY);
    // Withdrawn before it began: no grant at all; never activated: none either.
    expect(liveAccessGrants('kindergarten', [health], [{ ...consent, withdrawnAt: t0 + DAY }])).toEqual([]);
    expect(liveAccessGrants('kindergarten', [health], [{ ...consent, activatedAt: null }])).toEqual([]);
  });
});
