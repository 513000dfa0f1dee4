import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser } from './browser';

/** A calendar date `days` from today where the browser runs (the same clock here), `YYYY-MM-DD`. */
export function daysFromNow(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The value of the option whose text contains `text`. */
export async function optionValue(page: Page, selectTestId: string, text: string): Promise<string> {
  const option = page.getByTestId(selectTestId).locator('option', { hasText: text });
  await option.first().waitFor({ state: 'attached' });
  return (await option.first().getAttribute('value')) as string;
}

/**
 * The stage of a browser journey, set up in the describe block that calls it: the real app on a
 * fresh database with the demo municipality, serving the built client, and Chromium. Each person
 * signs in through the bundled identity provider in a browser context of their own; errors thrown
 * in any page are collected, so a journey can assert there were none.
 */
export function browserJourney() {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ seedDemo: true, webDistDir: join(__dirname, '../../../dist/apps/web') });
    browser = await launchBrowser();
  }, 120000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  return {
    get t(): TestApp {
      if (!app) throw new Error('the journey has not started');
      return app;
    },
    pageErrors,
    /** A new browser (context) with the person signed in through the sign-in page, as staff or as a citizen. */
    async signedIn(who: string, as: 'staff' | 'citizen' = 'staff'): Promise<Page> {
      const context = await (browser as Browser).newContext();
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`));
      await page.goto(`${(app as TestApp).baseUrl}/sign-in`);
      await page.getByTestId(as === 'staff' ? 'sign-in-staff' : 'sign-in-citizen').click();
      await page.getByRole('button', { name: who }).click();
      await page.getByTestId('signed-in-as').waitFor();
      return page;
    },
  };
}
