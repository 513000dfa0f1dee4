import { queryOnce } from '@stafett/testing';
import { apiFor, CaseWorld, caseWorld, giveConsent, openLevel1Case } from './support/cases';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

/** The coordinator is reminded before a consent's last day — 30, 7 and 1 days before by default — and only then. */
describe('reminders before a consent ends, in my tasks', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiFor>;
  let world: CaseWorld;
  let kari: SignedIn;
  let siri: SignedIn;
  let anne: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    api = apiFor(t.baseUrl);
    world = await caseWorld(t.db.ownerUrl);
    [kari, siri, anne] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'staff', 'Siri Nilsen'),
      await signIn(t.baseUrl, 'citizen', 'Anne Nordmann'),
    ];
  }, 60000);
  afterAll(() => t?.close());

  const inDays = async (days: number) =>
    (
      await queryOnce<{ d: string }>(
        t.db.ownerUrl,
        `SELECT to_char((now() AT TIME ZONE 'Europe/Oslo')::date + $1::int, 'YYYY-MM-DD') AS d`,
        [days],
      )
    )[0].d;

  it('lists active consents ending within the reminder days with the reminder reached, and nothing further off', async () => {
    const made: Record<number, string> = {};
    for (const days of [0, 1, 5, 7, 20, 30, 31, 90]) {
      const kase = await openLevel1Case(api, kari, world);
      const consent = await giveConsent(api, kari, kase.id, [world.healthService], [anne], { validTo: await inDays(days) });
      expect(consent.status).toBe('active');
      made[days] = consent.id;
    }
    const tasks = (await api(kari, 'GET', '/api/tasks')).body;
    const reminders = new Map(
      (tasks.consentReminders as Array<{ consentId: string; daysLeft: number; reminderDay: number }>).map((r) => [r.consentId, r]),
    );
    const expected: Array<[number, number | null]> = [
      [0, 1],
      [1, 1],
      [5, 7],
      [7, 7],
      [20, 30],
      [30, 30],
      [31, null],
      [90, null],
    ];
    for (const [days, reminderDay] of expected) {
      const r = reminders.get(made[days]);
      expect({ days, reminderDay: r?.reminderDay ?? null, daysLeft: r?.daysLeft ?? null }).toEqual({
        days,
        reminderDay,
        daysLeft: reminderDay === null ? null : days,
      });
    }
    // Only the coordinator is reminded; a colleague who reads the case is not.
    expect((await api(siri, 'GET', '/api/tasks')).body.consentReminders).toEqual([]);
  });

  it('follows the municipality’s reminder days', async () => {
    await queryOnce(
      t.db.ownerUrl,
      `UPDATE municipality SET settings = jsonb_set(settings, '{consentReminderDays}', '[14, 3]') WHERE code = '9999'`,
    );
    try {
      const kase = await openLevel1Case(api, kari, world);
      const consent = await giveConsent(api, kari, kase.id, [world.healthService], [anne], { validTo: await inDays(10) });
      const r = (await api(kari, 'GET', '/api/tasks')).body.consentReminders.find((x: { consentId: string }) => x.consentId === consent.id);
      expect(r).toMatchObject({ daysLeft: 10, reminderDay: 14 });
    } finally {
      await queryOnce(
        t.db.ownerUrl,
        `UPDATE municipality SET settings = jsonb_set(settings, '{consentReminderDays}', '[30, 7, 1]') WHERE code = '9999'`,
      );
    }
  });
});
