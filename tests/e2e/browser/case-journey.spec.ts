import { apiFor, caseWorld, giveConsent } from '../support/cases';
import { signIn } from '../support/sign-in';
import { browserJourney, daysFromNow, optionValue } from './journey';

/**
 * The coordinated case as people run it in the browser: Kari (kindergarten) starts a level-1 case
 * from her concern about Emma, builds the plan, brings in the health station at level 2, holds a
 * meeting, evaluates the measure with Emma's view and asks Hanne (health nurse) to take over the
 * baton; Hanne finds the request in her tasks and accepts it. Each person signs in through the
 * bundled identity provider in a browser context of their own.
 */
describe('browser: the coordinated case', () => {
  const journey = browserJourney();
  const { pageErrors } = journey;

  const signedIn = journey.signedIn;

  it('level 1 → plan → level 2 with the health station → meeting → evaluation → the baton passes to the health nurse', async () => {
    const measure = 'Ukentlige samtaler med Emma og foreldrene om søvn og trivsel';
    const emmasView = 'Emma sier hun vil snakke med helsesykepleieren om at hun er trøtt.';
    const emmasEvaluation = 'Emma sier at det hjelper litt å legge seg tidligere.';

    // Kari registers a concern about Emma in Sentrum barnehage and decides to follow it up in her own service.
    const kari = await signedIn('Kari Larsen');
    await kari.getByTestId('nav-concerns').click();
    await kari.getByTestId('new-concern-link').click();
    await kari.getByTestId('concern-form').waitFor();
    await kari.getByTestId('concern-unit').selectOption({ label: 'Sentrum barnehage' });
    await kari.getByTestId('concern-child').selectOption(await optionValue(kari, 'concern-child', 'Emma'));
    await kari.getByTestId('concern-arose-on').fill(daysFromNow(-3));
    await kari.getByTestId('concern-observed-by').fill('pedagogisk leder');
    await kari.getByTestId('concern-description').fill('Virker sliten om morgenen og sovner i hvilen hver dag.');
    await kari.getByTestId('concern-category-wellbeing').check();
    await kari.getByTestId('concern-submit').click();
    await kari.waitForURL(/\/concerns\/[0-9a-f-]{36}$/);
    await kari.getByTestId('decision-own_service').check();
    await kari.getByTestId('decision-submit').click();
    await kari.locator('[data-testid="concern-status"][data-status="decided"]').waitFor();

    // She starts the case from the concern: level 1, and she holds the baton.
    const start = kari.getByRole('region', { name: 'Start saken' });
    expect(await start.getByTestId('start-case-level').textContent()).toBe('Nivå 1 – egen tjeneste');
    await start.getByRole('button', { name: 'Start saken' }).click();
    await kari.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const casePath = new URL(kari.url()).pathname;
    await kari.getByRole('heading', { level: 1, name: /^Sak: Emma / }).waitFor();
    expect(await kari.getByTestId('case-level-now').textContent()).toBe('Nivå 1 – egen tjeneste');
    const baton = kari.getByRole('region', { name: 'Stafettholder' });
    expect(await baton.getByTestId('case-coordinator').textContent()).toContain('Kari Larsen');
    await baton.getByText('Du er stafettholder').waitFor();

    // Emma's guardians consent to the health station taking part. The consent screens are not part of
    // this journey (yet): Kari asks for the consent and Anne and Erik sign it over HTTP, as the API's tests do.
    const world = await caseWorld(journey.t.db.ownerUrl);
    const caseId = casePath.split('/').pop() as string;
    const [kariOverHttp, anne, erik] = await Promise.all([
      signIn(journey.t.baseUrl, 'staff', 'Kari Larsen'),
      signIn(journey.t.baseUrl, 'citizen', 'Anne Nordmann'),
      signIn(journey.t.baseUrl, 'citizen', 'Erik Nordmann'),
    ]);
    await giveConsent(apiFor(journey.t.baseUrl), kariOverHttp, caseId, [world.healthService], [anne, erik]);

    // The plan: a goal, and a measure her own unit is responsible for.
    const plan = kari.getByRole('region', { name: 'Plan: mål og tiltak' });
    await plan.getByLabel('Nytt mål').fill('Emma sover godt og orker å leke i barnehagen.');
    await plan.getByRole('button', { name: 'Legg til målet' }).click();
    await plan.getByTestId('goal-item').filter({ hasText: 'Emma sover godt' }).waitFor();
    await plan.getByRole('button', { name: 'Legg til et tiltak' }).click();
    const measureForm = plan.getByTestId('measure-form');
    await measureForm.getByLabel('Tiltak', { exact: true }).fill(measure);
    await measureForm.getByLabel('Ansvarlig enhet').selectOption({ label: 'Sentrum barnehage' });
    await measureForm.getByLabel('Evalueres innen').fill(daysFromNow(7));
    await measureForm.getByLabel(/^Mål/).selectOption({ label: 'Emma sover godt og orker å leke i barnehagen.' });
    await measureForm.getByRole('button', { name: 'Legg til tiltaket' }).click();
    await kari.getByText('Tiltaket er lagt til.').waitFor();
    const measureItem = plan.getByTestId('measure-item').filter({ hasText: measure });
    expect(await measureItem.getByTestId('measure-responsible').textContent()).toBe('Sentrum barnehage');

    // She brings in the health station: level 2, with a reason and Emma's own view, as one decision.
    await kari.getByRole('button', { name: 'Endre nivå' }).click();
    const levelDialog = kari.getByRole('dialog', { name: 'Endre nivå' });
    await levelDialog.getByLabel('Nivå 2 – samarbeid mellom tjenester').check();
    // Without a second service the decision is refused at the field, before anything is sent.
    await levelDialog.getByLabel('Begrunnelse').fill('Emma trenger oppfølging av søvn fra helsestasjonen.');
    await levelDialog.getByRole('button', { name: 'Lagre beslutningen' }).click();
    expect(await levelDialog.getByTestId('level-joining-error').textContent()).toContain('Velg minst én enhet fra en annen tjeneste');
    await levelDialog.getByLabel('Fjordvik helsestasjon').check();
    await levelDialog.getByLabel('Rolle for Fjordvik helsestasjon').selectOption({ label: 'Helseoppfølging' });
    await levelDialog.getByLabel('Barnets syn').fill(emmasView);
    await levelDialog.getByRole('button', { name: 'Lagre beslutningen' }).click();
    await kari.getByText('Nivået er endret.').waitFor();
    expect(await levelDialog.isVisible()).toBe(false);
    expect(await kari.getByTestId('case-level-now').textContent()).toBe('Nivå 2 – samarbeid mellom tjenester');
    const escalation = kari.locator('[data-testid="level-decision"][data-kind="escalated"]');
    expect(await escalation.textContent()).toContain('Nivå 1 – egen tjeneste → Nivå 2 – samarbeid mellom tjenester');
    expect(await escalation.getByTestId('level-decision-child-view').textContent()).toBe(emmasView);
    const team = kari.getByTestId('case-team');
    const health = team.getByTestId('participant-row').filter({ hasText: 'Fjordvik helsestasjon' });
    expect(await health.getByTestId('participant-row-role').textContent()).toBe('Helseoppfølging');

    // The team meets: agenda and decisions, then the minutes are made final.
    const meetings = kari.getByRole('region', { name: 'Møter' });
    await meetings.getByRole('button', { name: 'Legg til et møte' }).click();
    await meetings.getByLabel('Tidspunkt').fill(`${daysFromNow(-1)}T09:00`);
    await meetings.getByLabel('Sentrum barnehage').check();
    await meetings.getByLabel('Fjordvik helsestasjon').check();
    await meetings.getByLabel('Andre som deltok').fill('mor, far');
    await meetings.getByLabel('Saksliste').fill('Emmas søvn og trivsel; fordeling av oppgaver');
    await meetings
      .getByLabel('Beslutninger')
      .fill('Helsesykepleier har samtale med foreldrene om søvn; barnehagen legger til rette for hvile.');
    await meetings.getByRole('button', { name: 'Legg til møtet' }).click();
    await kari.getByText('Møtet er lagt til.').waitFor();
    const meeting = meetings.getByTestId('meeting-item').filter({ hasText: 'Emmas søvn og trivsel' });
    expect(await meeting.getByTestId('meeting-decisions').textContent()).toContain('samtale med foreldrene om søvn');
    await meeting.getByRole('button', { name: 'Gjør referatet endelig' }).click();
    await meeting.getByRole('button', { name: 'Ja, gjør referatet endelig' }).click();
    await kari.getByText('Referatet er endelig.').waitFor();
    expect(await meetings.getByTestId('meeting-status').first().textContent()).toContain('Endelig referat');

    // She evaluates the measure: partly effective, Emma's own view, continue with a next date.
    await plan.getByRole('button', { name: `Evaluer tiltaket: ${measure}` }).click();
    const evaluation = plan.getByTestId('evaluation-form');
    await evaluation.getByLabel('Delvis virkning').check();
    // The child's view is required: without it the form says so at the field.
    await evaluation.getByLabel('Fortsetter').check();
    await evaluation.getByLabel('Neste evaluering innen').fill(daysFromNow(10));
    await evaluation.getByRole('button', { name: 'Lagre evalueringen' }).click();
    await evaluation.getByText('Skriv barnets syn.').waitFor();
    await evaluation.getByLabel(/^Barnets stemme/).fill(emmasEvaluation);
    await evaluation.getByRole('button', { name: 'Lagre evalueringen' }).click();
    await kari.getByText('Evalueringen er lagret.').waitFor();
    expect(await measureItem.getByTestId('evaluation-child-view-text').textContent()).toBe(`«${emmasEvaluation}»`);

    // She asks Hanne, the health nurse, to take over the baton; until Hanne accepts, Kari holds it.
    await kari.getByRole('button', { name: 'Be noen ta over stafetten' }).click();
    const transferDialog = kari.getByRole('dialog', { name: 'Be noen ta over stafetten' });
    await transferDialog.getByLabel(/Hanne Moe/).check();
    await transferDialog.getByLabel('Melding').fill('Helse er mest involvert nå.');
    await transferDialog.getByRole('button', { name: 'Send forespørselen' }).click();
    await kari.getByText('Forespørselen er sendt.', { exact: false }).waitFor();
    expect(await baton.getByTestId('pending-transfer').textContent()).toContain('Hanne Moe');
    expect(await baton.getByTestId('case-coordinator').textContent()).toContain('Kari Larsen');

    // Hanne sees the request among her tasks, opens the case and accepts the baton.
    const hanne = await signedIn('Hanne Moe');
    await hanne.getByTestId('nav-tasks').click();
    const offered = hanne.getByRole('region', { name: 'Stafetten er tilbudt deg' });
    const request = offered.getByTestId('task-transfer').filter({ hasText: 'Emma' });
    expect(await request.textContent()).toContain('Kari Larsen');
    await request.getByRole('link', { name: /Emma/ }).click();
    await hanne.waitForURL(`**${casePath}`);
    const hannesBaton = hanne.getByRole('region', { name: 'Stafettholder' });
    await hannesBaton.getByText('Du er spurt om å ta over stafetten.', { exact: false }).waitFor();
    await hannesBaton.getByRole('button', { name: 'Ta imot stafetten' }).click();
    await hanne.getByText('Du har tatt imot stafetten og er nå stafettholder.').waitFor();
    expect(await hannesBaton.getByTestId('case-coordinator').textContent()).toContain('Hanne Moe');
    await hannesBaton.getByText('Du er stafettholder').waitFor();
    expect(await hannesBaton.getByTestId('pending-transfer').count()).toBe(0);
    // Hanne now runs the case; her unit's private notes are hers alone.
    await hanne.getByRole('button', { name: 'Endre nivå' }).waitFor();
    await hanne.getByTestId('notes-privacy').getByText('Bare ansatte i din enhet ser disse notatene.', { exact: false }).waitFor();

    // In her tasks the request is gone and the measure's next evaluation is hers to follow up; in her cases she is the coordinator.
    await hanne.getByTestId('nav-tasks').click();
    await hanne.getByTestId('tasks-transfers-empty').waitFor();
    const due = hanne
      .getByRole('region', { name: 'Evalueringer som skal gjøres' })
      .getByTestId('task-evaluation')
      .filter({ hasText: measure });
    expect(await due.getByRole('link').textContent()).toContain('Emma');
    await hanne.getByTestId('nav-cases').click();
    await hanne.getByRole('heading', { level: 1, name: 'Mine saker' }).waitFor();
    const row = hanne.getByTestId('case-row').filter({ has: hanne.locator(`a[href="${casePath}"]`) });
    expect(await row.getByTestId('case-row-coordinator').textContent()).toContain('Hanne Moe');
    expect(await row.getByTestId('case-row-you').textContent()).toBe('Du er stafettholder');

    // Kari still takes part, but no longer runs the case.
    await kari.reload();
    await kari.getByRole('heading', { level: 1, name: /^Sak: Emma / }).waitFor();
    expect(await baton.getByTestId('case-coordinator').textContent()).toContain('Hanne Moe');
    expect(await kari.getByRole('button', { name: 'Endre nivå' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 180000);
});
