import { browserJourney, daysFromNow, optionValue } from './journey';

/**
 * Level 0 as people do it in the browser: a concern, an anonymous discussion with another service,
 * the decision; and a report to child welfare that child welfare reviews. Each person signs in
 * through the bundled identity provider in a browser context of their own.
 */
describe('browser: level 0 journeys', () => {
  const journey = browserJourney();
  const { pageErrors } = journey;

  const signedIn = journey.signedIn;

  it('concern → steps → anonymous discussion with the health station → advice → closing the concern', async () => {
    // Kari, kindergarten teacher, registers a concern about Emma in Sentrum barnehage.
    const kari = await signedIn('Kari Larsen');
    await kari.getByTestId('nav-concerns').click();
    await kari.getByTestId('new-concern-link').click();
    await kari.getByTestId('concern-form').waitFor();
    await kari.getByTestId('concern-unit').selectOption({ label: 'Sentrum barnehage' });
    await kari.getByTestId('concern-child').selectOption(await optionValue(kari, 'concern-child', 'Emma'));
    await kari.getByTestId('concern-arose-on').fill(daysFromNow(-3));
    await kari.getByTestId('concern-observed-by').fill('pedagogisk leder');
    await kari.getByTestId('concern-description').fill('Trekker seg unna i lek og virker sliten om morgenen.');
    await kari.getByTestId('concern-category-wellbeing').check();
    await kari.getByTestId('concern-submit').click();
    await kari.waitForURL(/\/concerns\/[0-9a-f-]{36}$/);
    const concernUrl = kari.url();
    const concernId = concernUrl.split('/').pop() as string;
    expect(await kari.getByTestId('concern-status').getAttribute('data-status')).toBe('open');

    // She records that she talked with the guardians.
    await kari.getByTestId('steps-talked-with-guardians-on').fill(daysFromNow(-1));
    await kari.getByTestId('steps-save').click();
    await kari.getByText('Stegene er lagret.').waitFor();

    // She starts an anonymous discussion, inviting the health station and linking her concern.
    await kari.getByTestId('nav-discussions').click();
    await kari.getByTestId('new-discussion-link').click();
    await kari.getByTestId('discussion-form').waitFor();
    expect(await kari.getByTestId('discussion-unit').inputValue()).not.toBe('');
    await kari.getByTestId('discussion-topic').fill('Trekker seg unna i lek');
    await kari.getByTestId('discussion-description').fill('Et barn i avdelingen har over tid trukket seg unna lek og virker ofte sliten.');
    await kari.getByTestId('discussion-age-band').selectOption('3-5');
    await kari.locator('[data-unit-name="Fjordvik helsestasjon"]').check();
    // Another kindergarten is the same service: it is not offered.
    expect(await kari.locator('[data-unit-name="Nordli barnehage"]').count()).toBe(0);
    await kari.getByTestId('discussion-link-concern').selectOption(concernId);
    await kari.getByTestId('discussion-submit').click();
    await kari.waitForURL(/\/discussions\/[0-9a-f-]{36}$/);
    const discussionPath = new URL(kari.url()).pathname;
    // Sentrum barnehage is small: the details fit fewer than five children, and she is told.
    await kari.getByTestId('identifiability-warning').waitFor();
    expect(await kari.getByTestId('discussion-linked-concern').getAttribute('href')).toBe(`/concerns/${concernId}`);

    // Hanne, health nurse, opens it from her list and gives advice; she does not get the link to the concern.
    const hanne = await signedIn('Hanne Moe');
    await hanne.getByTestId('nav-discussions').click();
    await hanne.getByRole('link', { name: 'Trekker seg unna i lek' }).click();
    await hanne.waitForURL(`**${discussionPath}`);
    await hanne.getByTestId('advice-text').fill('Foreslå for foreldrene en samtale på helsestasjonen om søvn og trivsel.');
    await hanne.getByTestId('advice-submit').click();
    await hanne.getByTestId('advice-item').filter({ hasText: 'samtale på helsestasjonen' }).waitFor();
    expect(await hanne.getByTestId('discussion-linked-concern').count()).toBe(0);
    expect(await hanne.getByTestId('discussion-close').count()).toBe(0);

    // Kari sees the advice.
    await kari.reload();
    await kari.getByTestId('advice-item').filter({ hasText: 'samtale på helsestasjonen' }).waitFor();
    expect(await kari.getByTestId('advice-item').textContent()).toContain('Hanne Moe');

    // Then she decides to close the concern, with a reason, and sees it decided.
    await kari.getByTestId('discussion-linked-concern').click();
    await kari.waitForURL(concernUrl);
    await kari.getByTestId('decision-close').check();
    await kari.getByTestId('decision-reason').fill('Drøftet anonymt med helsestasjonen; foreldrene følger opp med helsesykepleier.');
    await kari.getByTestId('decision-submit').click();
    await kari.locator('[data-testid="concern-status"][data-status="decided"]').waitFor();
    expect(pageErrors).toEqual([]);
  }, 120000);

  it('report to child welfare → child welfare sees it and marks it reviewed', async () => {
    const content = 'Emma fortalte i dag at hun er redd for å gå hjem, og hun har blåmerker på armene.';
    const kari = await signedIn('Kari Larsen');
    await kari.getByTestId('nav-reports').click();
    await kari.getByTestId('new-report-link').click();
    await kari.getByTestId('report-form').waitFor();
    await kari.getByText('trenger ikke samtykke', { exact: false }).waitFor();
    await kari.getByTestId('report-unit').selectOption({ label: 'Sentrum barnehage' });
    await kari.getByTestId('report-child').selectOption(await optionValue(kari, 'report-child', 'Emma'));
    await kari.getByTestId('report-content').fill(content);
    await kari.getByTestId('report-urgent').check();
    await kari.getByTestId('report-submit').click();
    await kari.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const reportPath = new URL(kari.url()).pathname;
    expect(await kari.getByTestId('report-status').getAttribute('data-status')).toBe('received');
    expect(await kari.getByTestId('mark-reviewed').count()).toBe(0);

    // Jon, child welfare, finds it among the reports awaiting review and in his list, and marks it reviewed.
    const jon = await signedIn('Jon Vik');
    await jon.getByTestId('nav-reports').click();
    await jon.getByTestId('report-awaiting-item').filter({ hasText: 'Emma' }).waitFor();
    const row = jon.getByTestId('reports-table').getByTestId('report-row').filter({ hasText: 'Emma Nordmann' });
    await row.getByRole('link', { name: 'Emma Nordmann' }).click();
    await jon.waitForURL(`**${reportPath}`);
    expect(await jon.getByTestId('report-content-text').textContent()).toBe(content);
    await jon.getByTestId('mark-reviewed').click();
    await jon.locator('[data-testid="report-status"][data-status="reviewed"]').waitFor();
    expect(await jon.getByTestId('mark-reviewed').count()).toBe(0);

    // Back in the list the report no longer awaits review; Kari sees it reviewed too.
    await jon.getByTestId('nav-reports').click();
    await jon.getByTestId('reports-awaiting-empty').waitFor();
    await kari.getByTestId('nav-reports').click();
    await kari
      .getByTestId('report-row')
      .filter({ hasText: 'Emma Nordmann' })
      .locator('[data-testid="report-row-status"][data-status="reviewed"]')
      .waitFor();
    expect(pageErrors).toEqual([]);
  }, 120000);
});
