import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { guardianInTwoMunicipalities, TwoMunicipalities } from '../support/two-municipalities';
import { launchBrowser } from './browser';

/** A guardian registered in Fjordvik and Nabodal sees both children's cases in the family portal and opens each. */
describe('browser: the family portal of a guardian in two municipalities', () => {
  let t: TestApp;
  let browser: Browser;
  let world: TwoMunicipalities;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, webDistDir: join(__dirname, '../../../dist/apps/web') });
    world = await guardianInTwoMunicipalities(t.baseUrl, t.db.ownerUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists Emma’s case in Fjordvik and Ida’s in Nabodal, and opens Ida’s after switching to Nabodal', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.baseUrl}/sign-in`);
    await page.getByTestId('sign-in-citizen').click();
    await page.getByRole('button', { name: 'Anne Nordmann' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${t.baseUrl}/family`);

    const own = page.getByTestId('family-cases');
    await own.getByText('Emma Nordmann').waitFor();
    expect(await own.textContent()).not.toContain('Ida');
    expect(await page.getByTestId('family-current-municipality').textContent()).toBe('Saker i Fjordvik kommune');
    const nabodal = page.locator('[data-testid="family-municipality"][data-municipality="Nabodal kommune"]');
    await nabodal.waitFor();
    expect(await nabodal.locator('h3').textContent()).toBe('Saker i Nabodal kommune');
    expect(await nabodal.textContent()).not.toContain('Emma');

    await nabodal.getByRole('button', { name: 'Ida Nabo: Åpne saken i Nabodal kommune' }).click();
    await page.waitForURL(`${t.baseUrl}/family/cases/${world.nabodalCaseId}`);
    await page.getByText('Ida Nabo').first().waitFor();

    // Back on the overview, Nabodal is now the current municipality and Fjordvik the other.
    await page.goto(`${t.baseUrl}/family`);
    await page.getByTestId('family-cases').getByText('Ida Nabo').waitFor();
    expect(await page.getByTestId('family-current-municipality').textContent()).toBe('Saker i Nabodal kommune');
    const fjordvik = page.locator('[data-testid="family-municipality"][data-municipality="Fjordvik kommune"]');
    await fjordvik.getByRole('button', { name: 'Emma Nordmann: Åpne saken i Fjordvik kommune' }).click();
    await page.waitForURL(`${t.baseUrl}/family/cases/${world.fjordvikCaseId}`);
    await page.getByText('Emma Nordmann').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
