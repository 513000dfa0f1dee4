import type { Locator, Page } from 'playwright-core';
import { apiFor, caseWorld, openLevel1Case } from '../support/cases';
import { signIn } from '../support/sign-in';
import { browserJourney } from './journey';

const NOT_FOUND = 'Siden finnes ikke, eller du har ikke tilgang til den.';

/**
 * Issue 6's browser journey: Kari (coordinator, Sentrum barnehage) asks for consent for two
 * services on her level-1 case about Emma; both guardians sign it in the family portal; Kari
 * brings in the health station at level 2 and PPT to the team; Eva (PPT) can now read the plan;
 * Anne withdraws the consent with one action and a confirmation; Eva's next page load of the case
 * shows not found; and Anne's access log lists Eva's earlier reads, on the basis of the consent.
 * Each person signs in through the bundled identity provider in a browser context of their own —
 * staff through the municipality's sign-in, the guardians through the ID-porten stand-in.
 */
describe('browser: consent — asked, signed, used, withdrawn', () => {
  const journey = browserJourney();
  const { pageErrors } = journey;

  const signedIn = journey.signedIn;

  /** A guardian opens Emma's case from "My children's cases" and gives the consent they are asked for. */
  async function signInPortal(page: Page): Promise<Locator> {
    await page.getByRole('link', { name: 'Mine barns saker', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine barns saker' }).waitFor();
    await page.getByTestId('family-case').getByRole('link', { name: 'Emma Nordmann' }).click();
    await page.getByRole('heading', { level: 1, name: 'Saken om Emma Nordmann' }).waitFor();
    const consents = page.getByRole('region', { name: 'Samtykke', exact: true });
    const asked = consents.getByTestId('family-consent').filter({ hasText: 'Samarbeid om Emmas søvn og trivsel' });
    expect(await asked.getByTestId('consent-services').textContent()).toBe('Helsestasjon og skolehelsetjeneste, PPT');
    await asked.getByRole('button', { name: 'Gi samtykke' }).click();
    const confirm = page.getByRole('dialog', { name: 'Vil du gi samtykke?' });
    await confirm.getByText('Du kan trekke samtykket tilbake når du vil.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Ja, jeg gir samtykke' }).click();
    return consents;
  }

  it('asks for consent for two services → both guardians sign → PPT reads the plan → withdrawal → not found → the access log', async () => {
    const goalText = 'Emma sover godt og orker å leke i barnehagen.';

    // Before the journey: Kari has a level-1 case about Emma, from her concern (set up over HTTP).
    const world = await caseWorld(journey.t.db.ownerUrl);
    const kariOverHttp = await signIn(journey.t.baseUrl, 'staff', 'Kari Larsen');
    const opened = await openLevel1Case(apiFor(journey.t.baseUrl), kariOverHttp, world);
    const casePath = `/cases/${opened.id}`;

    // Kari opens the case: only her own service takes part, so no consent is needed yet.
    const kari = await signedIn('Kari Larsen');
    await kari.goto(`${journey.t.baseUrl}${casePath}`);
    await kari.getByRole('heading', { level: 1, name: /^Sak: Emma / }).waitFor();
    const consent = kari.getByRole('region', { name: 'Samtykke', exact: true });
    await consent.getByText('Det er ikke bedt om samtykke i saken.').waitFor();
    const plan = kari.getByRole('region', { name: 'Plan: mål og tiltak' });
    await plan.getByLabel('Nytt mål').fill(goalText);
    await plan.getByRole('button', { name: 'Legg til målet' }).click();
    await plan.getByTestId('goal-item').filter({ hasText: 'Emma sover godt' }).waitFor();

    // She asks for consent: what, in plain words; which information; the health station and PPT; the default period.
    await consent.getByRole('button', { name: 'Be om samtykke' }).click();
    const ask = kari.getByRole('dialog', { name: 'Be om samtykke' });
    await ask.getByLabel('Hva samtykket gjelder').fill('Samarbeid om Emmas søvn og trivsel');
    const shared = ask.getByRole('group', { name: 'Opplysninger som kan deles' });
    await shared.getByLabel('Trivsel', { exact: true }).check();
    await shared.getByLabel('Helse', { exact: true }).check();
    const services = ask.getByRole('group', { name: 'Tjenester som kan se saken' });
    await services.getByLabel('Helsestasjon og skolehelsetjeneste').check();
    await services.getByLabel('PPT', { exact: true }).check();
    expect(await ask.getByTestId('consent-valid-to-hint').textContent()).toContain('standardlengde, 12 måneder');
    await ask.getByRole('button', { name: 'Lagre utkastet' }).click();
    await kari.getByText('Utkastet er lagret.', { exact: false }).waitFor();
    const draft = consent.getByTestId('consent-item').first();
    expect(await draft.getByTestId('consent-status').textContent()).toContain('Utkast – ikke sendt');

    // She sends it: both guardians with parental responsibility are asked.
    await draft.getByRole('button', { name: 'Send til underskrift' }).click();
    const send = kari.getByRole('dialog', { name: 'Send til underskrift' });
    const signers = (await send.getByTestId('consent-submit-signers').textContent()) ?? '';
    expect(signers).toContain('Anne Nordmann');
    expect(signers).toContain('Erik Nordmann');
    await send.getByRole('button', { name: 'Send til underskrift' }).click();
    await kari.getByText('Samtykket er sendt til underskrift.').waitFor();
    expect(await consent.getByTestId('consent-waiting').textContent()).toContain('Anne Nordmann, Erik Nordmann');

    // Anne and Erik sign it in the family portal, each signed in through ID-porten.
    const anne = await signedIn('Anne Nordmann', 'citizen');
    const annesConsents = await signInPortal(anne);
    await annesConsents.getByText('Takk. Du har gitt samtykke. Det gjelder når alle som må svare, har gitt samtykke.').waitFor();
    const erik = await signedIn('Erik Nordmann', 'citizen');
    const eriksConsents = await signInPortal(erik);
    await eriksConsents.getByText('Takk. Du har gitt samtykke, og det gjelder nå.').waitFor();
    expect(await eriksConsents.getByTestId('consent-status').first().textContent()).toContain('Gjelder nå');

    // Kari sees the consent in force, and brings in the health station (level 2) and PPT.
    await kari.reload();
    await consent.getByTestId('consent-active').waitFor();
    expect(await consent.getByTestId('consent-active').textContent()).toContain('Aktivt samtykke til og med');
    await kari.getByRole('button', { name: 'Endre nivå' }).click();
    const levelDialog = kari.getByRole('dialog', { name: 'Endre nivå' });
    await levelDialog.getByLabel('Nivå 2 – samarbeid mellom tjenester').check();
    await levelDialog.getByLabel('Fjordvik helsestasjon').check();
    // The consent names the health station: nothing to warn about.
    expect(await levelDialog.getByTestId('level-consent-needed').count()).toBe(0);
    await levelDialog.getByLabel('Begrunnelse').fill('Emma trenger oppfølging av søvn fra helsestasjonen og PPT.');
    await levelDialog.getByRole('button', { name: 'Lagre beslutningen' }).click();
    await kari.getByText('Nivået er endret.').waitFor();
    const team = kari.getByRole('region', { name: 'Laget rundt barnet' });
    await team.getByRole('button', { name: 'Legg til en enhet' }).click();
    await team.getByLabel('Enhet', { exact: true }).selectOption({ label: 'PPT Fjordvik (PPT)' });
    await team.getByRole('button', { name: 'Legg til enheten' }).click();
    await kari.getByText('Enheten er med i laget rundt barnet.').waitFor();
    await team.getByTestId('participant-row').filter({ hasText: 'PPT Fjordvik' }).waitFor();
    expect(await consent.getByTestId('consent-covered').textContent()).toBe('Alle tjenestene i laget er med i samtykket.');

    // Eva (PPT) finds the case among her cases and reads the plan.
    const eva = await signedIn('Eva Strand');
    await eva.getByRole('link', { name: 'Mine saker', exact: true }).click();
    await eva.getByRole('heading', { level: 1, name: 'Mine saker' }).waitFor();
    await eva.getByTestId('case-row').getByRole('link', { name: /Emma/ }).click();
    await eva.waitForURL(`**${casePath}`);
    await eva.getByRole('heading', { level: 1, name: /^Sak: Emma / }).waitFor();
    await eva.getByRole('region', { name: 'Plan: mål og tiltak' }).getByText(goalText).waitFor();

    // Anne withdraws the consent: one action, a confirmation that says what happens, then a clear answer.
    await anne.reload();
    await anne.getByRole('heading', { level: 1, name: 'Saken om Emma Nordmann' }).waitFor();
    await annesConsents.getByRole('button', { name: 'Trekk tilbake samtykket' }).click();
    const withdraw = anne.getByRole('dialog', { name: 'Vil du trekke tilbake samtykket?' });
    await withdraw.getByText('De andre tjenestene mister tilgang til saken med en gang.', { exact: false }).waitFor();
    await withdraw.getByRole('button', { name: 'Ja, trekk tilbake samtykket' }).click();
    await annesConsents.getByText('Samtykket er trukket tilbake. De andre tjenestene har ikke lenger tilgang til saken.').waitFor();
    expect(await annesConsents.getByTestId('consent-status').first().textContent()).toContain('Trukket tilbake');

    // Eva's next page load of the case: not found.
    await eva.reload();
    await eva.getByRole('alert').filter({ hasText: NOT_FOUND }).waitFor();
    expect(await eva.getByText(goalText).count()).toBe(0);

    // Anne's access log lists Eva's earlier reads: her name, PPT, on the basis of the consent.
    await anne.reload();
    const accessLog = anne.getByRole('table', { name: 'Hvem har sett saken' });
    const evasReads = accessLog.getByTestId('family-access-row').filter({ hasText: 'Eva Strand' });
    await evasReads.first().waitFor();
    const read = evasReads.filter({ hasText: 'Leste saken' }).first();
    expect(await read.getByTestId('family-access-unit').textContent()).toBe('PPT Fjordvik (PPT)');
    expect(await read.getByTestId('family-access-basis').textContent()).toBe('Samtykke dere har gitt');

    // Kari's tasks propose closing the case or asking for a new consent.
    await kari.getByRole('link', { name: 'Mine oppgaver', exact: true }).click();
    const ended = kari.getByRole('region', { name: 'Samtykker som er trukket tilbake eller utløpt' });
    const endedItem = ended.getByTestId('task-consent-ended').filter({ hasText: 'Emma' });
    expect(await endedItem.textContent()).toContain('Trukket tilbake');
    expect(await endedItem.getByRole('link').getAttribute('href')).toBe(casePath);
    expect(pageErrors).toEqual([]);
  }, 240000);
});
