import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser } from './browser';

describe('browser smoke', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, webDistDir: join(__dirname, '../../../dist/apps/web') });
    baseUrl = t.baseUrl;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads the client from the API and renders data the API returned', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseUrl);
    await page.getByTestId('municipality-name').waitFor();
    expect(await page.getByTestId('municipality-name').textContent()).toBe('Fjordvik kommune');
    expect(await page.getByText('Fjordvik helsestasjon').count()).toBe(1);
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Services and units' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('applies the global stylesheet under the Content-Security-Policy (no inline handler needed)', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    await page.goto(baseUrl);
    await page.getByTestId('municipality-name').waitFor();
    const sheets = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')).map((l) => ({ media: l.media, loaded: !!l.sheet })),
    );
    expect(sheets.length).toBeGreaterThan(0);
    expect(sheets.every((s) => s.loaded && s.media !== 'print')).toBe(true);
    // A rule only styles.css carries: the outline of a focused element.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineWidth)).toBe('3px');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('serves the client for deep links but keeps unknown API paths as 404', async () => {
    const page = await browser.newPage();
    const deep = await page.goto(`${baseUrl}/some/deep/link`);
    expect(deep?.status()).toBe(200);
    const api = await page.goto(`${baseUrl}/api/nothing-here`);
    expect(api?.status()).toBe(404);
    await page.close();
  });
});
