import { browserJourney, daysFromNow, optionValue } from './journey';

/**
 * The administrator's journey in the browser (issue 12): a new unit in an existing service, a staff member
 * invited by e-mail, a role in the new unit from today, the settings' field errors — and the new staff member
 * signing in through the bundled identity provider, bound at that first sign-in, working in the new unit.
 */
describe('browser: administration journey', () => {
  const journey = browserJourney();
  const { pageErrors } = journey;

  it('unit → invited user → role with dates → the user signs in and works in the unit; settings refuse reminders that do not fit', async () => {
    const lise = await journey.signedIn('Lise Aas');

    // A new kindergarten in the kindergarten service.
    await lise.getByTestId('nav-services').click();
    await lise.getByTestId('services-heading').waitFor();
    const kindergarten = lise.locator('section.service', { has: lise.getByRole('heading', { name: 'Barnehagetjenesten' }) });
    await kindergarten.locator('input[name="unitName"]').fill('Vestli barnehage');
    await kindergarten.getByRole('button', { name: 'Legg til enhet' }).click();
    await kindergarten.getByText('Vestli barnehage').waitFor();

    // A too short name is refused at the field, in Norwegian.
    await lise.getByTestId('service-name').fill('x');
    await lise.getByTestId('create-service-submit').click();
    await lise.getByTestId('service-name-error').getByText('Skriv et navn på 2–120 tegn.').waitFor();

    // A staff member invited by e-mail; an invalid address is refused first.
    await lise.getByTestId('nav-users').click();
    await lise.getByTestId('user-name').fill('Vera Vestli');
    await lise.getByTestId('user-email').fill('ikke-en-adresse');
    await lise.getByTestId('create-user-submit').click();
    await lise.getByTestId('user-email-error').waitFor();
    await lise.getByTestId('user-email').fill('vera.vestli@fjordvik.example');
    await lise.getByTestId('create-user-submit').click();
    await lise.getByTestId('user-created').waitFor();
    await lise.getByTestId('created-user-roles').click();
    await lise.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await lise.getByTestId('roles-none').waitFor();

    // A staff role in Vestli barnehage from today; a to-date before the from-date is refused first.
    await lise.getByTestId('role-role').selectOption('staff');
    await lise.getByTestId('role-unit').selectOption(await optionValue(lise, 'role-unit', 'Vestli barnehage'));
    await lise.getByTestId('role-from').fill(daysFromNow(0));
    await lise.getByTestId('role-to').fill(daysFromNow(-1));
    await lise.getByTestId('add-role-submit').click();
    await lise.getByTestId('role-to-error').waitFor();
    await lise.getByTestId('role-to').fill(daysFromNow(180));
    await lise.getByTestId('add-role-submit').click();
    const row = lise.locator('[data-testid^="role-row-"]');
    await row.getByText('Vestli barnehage').waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(3).innerText()).toBe('Gjelder nå');

    // The settings refuse a consent length the reminders do not fit, naming the field.
    await lise.getByTestId('nav-settings').click();
    await lise.getByTestId('settings-form').waitFor();
    await lise.getByTestId('settings-consent-months').fill('1');
    await lise.getByTestId('settings-reminders').fill('30, 7');
    await lise.getByTestId('settings-save').click();
    await lise.getByTestId('settings-reminders-error').waitFor();
    await lise.getByTestId('settings-consent-months').fill('12');
    await lise.getByTestId('settings-save').click();
    await lise.getByTestId('settings-saved').waitFor();

    // Vera signs in: the bundled provider lists her as invited; her first sign-in binds her, with her role.
    const vera = await journey.signedIn('Vera Vestli');
    expect(await vera.getByTestId('signed-in-as').innerText()).toContain('Vera Vestli');
    await vera.getByTestId('nav-concerns').click();
    await vera.getByTestId('new-concern-link').click();
    await vera.getByTestId('concern-form').waitFor();
    const unitOption = vera.getByTestId('concern-unit').locator('option', { hasText: 'Vestli barnehage' });
    await unitOption.waitFor({ state: 'attached' });
    expect(await vera.getByTestId('concern-unit').locator('option').allInnerTexts()).toEqual([expect.any(String), 'Vestli barnehage']);

    // Back with the administrator: Vera has signed in.
    await lise.getByTestId('nav-users').click();
    await lise
      .getByRole('row', { name: /Vera Vestli/ })
      .getByText('Har logget inn')
      .waitFor();
    expect(pageErrors).toEqual([]);
  }, 120000);
});
