import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser } from './browser';

/** Signs in through the client, the API and the bundled identity provider, as a person would. */
async function signInAs(page: Page, baseUrl: string, choice: 'sign-in-staff' | 'sign-in-citizen', who: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByTestId(choice).click();
  await page.getByRole('button', { name: who }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Every entry of the main navigation, in order: the exact set the user sees. */
async function navLinks(page: Page): Promise<Array<string | null>> {
  const links = page.getByRole('navigation', { name: 'Hovedmeny' }).locator('[data-testid^="nav-"]');
  await links.first().waitFor();
  return links.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-testid')));
}

describe('browser: sign-in through the bundled identity provider', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, webDistDir: join(__dirname, '../../../dist/apps/web') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs a staff member in, shows the navigation their rules allow, and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInAs(page, t.baseUrl, 'sign-in-staff', 'Kari Larsen');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Kari Larsen');
    // A name is shown in its own bidirectional isolate (styles.css), whatever script it is written in.
    expect(await page.getByTestId('signed-in-as').evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate');
    expect(await navLinks(page)).toEqual(['nav-children', 'nav-concerns', 'nav-tasks', 'nav-cases', 'nav-discussions', 'nav-reports']);
    await page.getByTestId('nav-children').click();
    await page.getByTestId('children-table').getByText('Emma').waitFor();
    expect(await page.getByTestId('children-table').textContent()).not.toContain('Lucas');

    // Signing out passes through the identity provider's end-session endpoint, which sends the browser back.
    const visited: string[] = [];
    page.on('request', (request) => visited.push(new URL(request.url()).pathname));
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-heading').waitFor();
    expect(visited).toContain('/idp/staff/endsession');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === '__Host-stafett-session')).toBeUndefined();
    // The old session is gone on the server too: the protected page sends us to sign in.
    await page.goto(`${t.baseUrl}/children`);
    await page.getByTestId('sign-in-heading').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs a guardian in through ID-porten, shows the family’s navigation and only their own child', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, t.baseUrl, 'sign-in-citizen', 'Anne Nordmann');
    // Her own entries — her child, and her children's cases — and none of the staff's.
    expect(await navLinks(page)).toEqual(['nav-children', 'nav-family']);
    expect(await page.getByRole('link', { name: 'Mine barns saker', exact: true }).getAttribute('href')).toBe('/family');
    await page.getByTestId('nav-children').click();
    await page.getByTestId('children-table').getByText('Emma').waitFor();
    const table = (await page.getByTestId('children-table').textContent()) ?? '';
    expect(table).not.toContain('Lucas');
    expect(table).not.toContain('Sofie');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-heading').waitFor();
    await context.close();
  });

  it('shows an administrator the users page and not the children', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, t.baseUrl, 'sign-in-staff', 'Lise Aas');
    expect(await navLinks(page)).toEqual(['nav-users', 'nav-services', 'nav-settings', 'nav-imports']);
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').getByText('Kari Larsen').first().waitFor();
    await page.goto(`${t.baseUrl}/children`);
    await page.getByTestId('not-found-heading').waitFor();
    await context.close();
  });
});
