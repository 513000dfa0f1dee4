import { browserJourney } from './journey';
import { enrolChildrenInUnitOf } from '../support/enrolled-children';

/**
 * A list longer than a page, in the built client: the children list shows the server's first 50
 * and "Vis flere", which appends the rest; nothing is lost or shown twice, and the button goes.
 */
describe('browser: a list longer than one page', () => {
  const journey = browserJourney();
  const EXTRA = 60;

  beforeAll(async () => {
    // Rows inserted as the database owner, as tests/e2e/paging.spec.ts does: children of Kari's unit.
    await enrolChildrenInUnitOf(journey.t.db.ownerUrl, 'kari.larsen', { givenName: 'Sidebarn', count: EXTRA });
  }, 60000);

  it('shows 50 children, then all of them after "Vis flere"', async () => {
    const kari = await journey.signedIn('Kari Larsen');
    const rows = kari.getByTestId('children-table').locator('tbody tr');
    await kari.getByTestId('nav-children').click();
    await kari.getByTestId('children-table').waitFor();
    expect(await rows.count()).toBe(50);
    expect(await kari.getByTestId('show-more-status').textContent()).toBe('Viser 50. Det finnes flere.');

    // The whole list in one page, straight from the API, to compare with what the client put together.
    const whole = await kari.evaluate(async () => {
      const list = (await (await fetch('/api/children?limit=200')).json()) as Array<{ givenName: string; familyName: string }>;
      return list.map((c) => `${c.givenName} ${c.familyName}`);
    });
    expect(whole.length).toBeGreaterThan(EXTRA);
    expect(whole.length).toBeLessThanOrEqual(100);

    await kari.getByRole('button', { name: 'Vis flere' }).click();
    await kari.getByTestId('show-more-status').getByText(`Viser alle ${whole.length}.`).waitFor();
    const names = await kari.getByTestId('children-table').locator('tbody th').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(whole);
    expect(await kari.getByRole('button', { name: 'Vis flere' }).count()).toBe(0);
    // The button took the focus with it; it is on the status, not lost to the top of the page.
    expect(await kari.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('show-more-status');
    expect(journey.pageErrors).toEqual([]);
  });
});
