import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { byTestId, click, concernResponse, enter, textOf } from '../../testing/concerns';
import { SESSIONS } from '../../testing/sessions';
import { LEVEL0_SESSIONS, MUNICIPALITIES, ORGANISATION, discussionResponse, problem } from '../../testing/level0';
import { NewDiscussionPage } from './new-discussion.page';

@Component({ selector: 'st-dummy', template: '' })
class Dummy {}

const CONCERNS = [
  concernResponse({
    id: 'concern-open',
    unitId: 'unit-kg',
    child: { id: 'c', givenName: 'Emma', familyName: 'Nordmann', birthDate: '2021-04-12' },
  }),
  concernResponse({ id: 'concern-decided', unitId: 'unit-kg', status: 'decided', decision: 'close' }),
  concernResponse({ id: 'concern-colleague', unitId: 'unit-kg', isAuthor: false, sharedWithUnit: true }),
  concernResponse({ id: 'concern-other-unit', unitId: 'unit-school' }),
];

describe('NewDiscussionPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'discussions/:id', component: Dummy }])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(
    session: SessionInfo = LEVEL0_SESSIONS.kari,
    answerConcerns = () => http.expectOne('/api/concerns?limit=200').flush(CONCERNS),
  ) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(NewDiscussionPage);
    await fixture.whenStable();
    http.expectOne('/api/municipalities').flush(MUNICIPALITIES);
    http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
    answerConcerns();
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const options = (el: HTMLElement, testId: string) =>
    Array.from((byTestId(el, testId) as HTMLSelectElement).options).map((o) => ({ value: o.value, text: o.textContent?.trim() }));
  const invites = (el: HTMLElement) =>
    Array.from(el.querySelectorAll<HTMLInputElement>('[data-testid^="discussion-invite-"]')).map((i) => i.getAttribute('data-unit-name'));

  it('has a labelled field for everything, with the only unit chosen', async () => {
    const { el } = await render();
    for (const id of ['discussion-unit', 'discussion-topic', 'discussion-description', 'discussion-age-band', 'discussion-link-concern']) {
      expect(byTestId(el, id)?.id).toBe(id);
      expect(el.querySelector(`label[for="${id}"]`)).not.toBeNull();
    }
    expect((byTestId(el, 'discussion-unit') as HTMLSelectElement).value).toBe('unit-kg');
    expect(options(el, 'discussion-unit').map((o) => o.text)).toEqual(['Velg enhet', 'Sentrum barnehage']);
    expect(options(el, 'discussion-age-band').map((o) => o.text)).toEqual([
      'Ikke oppgitt',
      '0–2 år',
      '3–5 år',
      '6–9 år',
      '10–12 år',
      '13–15 år',
      '16–18 år',
    ]);
    expect(el.querySelectorAll('[data-testid^="discussion-category-"]')).toHaveLength(10);
    expect(el.querySelector('label[for="discussion-names-group"]')?.textContent?.trim()).toBe(
      'Teksten nevner en klasse, avdeling eller gruppe',
    );
    // Not another kindergarten: only units of other services are invited.
    expect(invites(el)).toEqual(['Fjordvik skole', 'Fjordvik helsestasjon', 'Fjordvik barneverntjeneste']);
    expect(el.querySelector('label[for="discussion-invite-unit-health"]')?.textContent?.trim()).toBe('Fjordvik helsestasjon');
  });

  it('offers to link only my own open concerns in the chosen unit', async () => {
    const { el } = await render();
    expect(options(el, 'discussion-link-concern').map((o) => o.value)).toEqual(['', 'concern-open']);
    expect(options(el, 'discussion-link-concern')[1].text).toContain('Emma Nordmann');
  });

  it('offers my open concern even when it comes on a later page of the list', async () => {
    const second = '/api/concerns?limit=200&cursor=p2';
    const { el } = await render(LEVEL0_SESSIONS.kari, () => {
      http.expectOne('/api/concerns?limit=200').flush(CONCERNS.slice(1), { headers: { Link: `<${second}>; rel="next"` } });
      http.expectOne(second).flush(CONCERNS.slice(0, 1));
    });
    expect(options(el, 'discussion-link-concern').map((o) => o.value)).toEqual(['', 'concern-open']);
  });

  it('shows what is missing next to each field and sends nothing', async () => {
    const { fixture, el } = await render();
    click(el, 'discussion-submit');
    await fixture.whenStable();
    expect(textOf(el, 'discussion-topic-error')).toBe('Skriv et tema på minst tre tegn.');
    expect(textOf(el, 'discussion-description-error')).toBe('Beskriv bekymringen.');
    expect(textOf(el, 'discussion-invited-error')).toBe('Velg minst én enhet å drøfte med.');
    expect(byTestId(el, 'discussion-unit-error')).toBeNull();
    expect(textOf(el, 'discussion-form-error')).toBe('Noen felt må rettes. Se meldingene ved feltene.');
    expect(byTestId(el, 'discussion-topic')?.getAttribute('aria-describedby')).toBe('discussion-topic-hint discussion-topic-error');
    expect(document.activeElement).toBe(byTestId(el, 'discussion-topic'));
    http.expectNone('/api/anonymous-discussions');
  });

  it('warns at the field, while typing, about a date or an identity number, and sends nothing', async () => {
    const { fixture, el } = await render();
    enter(el, 'discussion-topic', 'Født 14.03.2021');
    await fixture.whenStable();
    expect(textOf(el, 'discussion-topic-error')).toBe(
      'Teksten ser ut til å inneholde en dato. Ta den bort, og bruk aldersgruppe i stedet for fødselsdato.',
    );
    const description = byTestId(el, 'discussion-description') as HTMLTextAreaElement;
    description.value = 'Fødselsnummer 12042150123 står i mappen';
    description.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(textOf(el, 'discussion-description-error')).toBe(
      'Teksten ser ut til å inneholde et fødselsnummer. Ta det bort – en anonym drøfting skal ikke identifisere barnet.',
    );
    expect(byTestId(el, 'discussion-description')?.getAttribute('aria-invalid')).toBe('true');

    click(el, 'discussion-invite-unit-health');
    click(el, 'discussion-submit');
    await fixture.whenStable();
    http.expectNone('/api/anonymous-discussions');

    enter(el, 'discussion-topic', 'Trekker seg unna i lek');
    await fixture.whenStable();
    expect(byTestId(el, 'discussion-topic-error')).toBeNull();
  });

  it('warns that a group and a diagnosis together may identify the child', async () => {
    const { fixture, el } = await render();
    expect(byTestId(el, 'identifiability-preview')).toBeNull();
    click(el, 'discussion-names-group');
    click(el, 'discussion-names-diagnosis');
    await fixture.whenStable();
    expect(textOf(el, 'identifiability-preview')).toContain('færre enn fem barn');
  });

  it('starts the discussion and opens it, carrying the estimate along', async () => {
    const { fixture, el } = await render();
    enter(el, 'discussion-topic', ' Trekker seg unna i lek ');
    enter(el, 'discussion-description', 'Et barn i avdelingen trekker seg unna lek.');
    enter(el, 'discussion-age-band', '3-5');
    click(el, 'discussion-category-wellbeing');
    click(el, 'discussion-names-group');
    click(el, 'discussion-invite-unit-health');
    click(el, 'discussion-invite-unit-school');
    click(el, 'discussion-invite-unit-school');
    enter(el, 'discussion-link-concern', 'concern-open');
    await fixture.whenStable();
    click(el, 'discussion-submit');

    const request = http.expectOne({ method: 'POST', url: '/api/anonymous-discussions' });
    expect(request.request.body).toEqual({
      authorUnitId: 'unit-kg',
      topic: 'Trekker seg unna i lek',
      description: 'Et barn i avdelingen trekker seg unna lek.',
      ageBand: '3-5',
      categories: ['wellbeing'],
      namesGroup: true,
      namesDiagnosis: false,
      invitedUnitIds: ['unit-health'],
      linkedConcernId: 'concern-open',
    });
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe(LEVEL0_SESSIONS.kari.csrfToken);
    request.flush(discussionResponse({ id: 'discussion-9', identifiabilityWarning: true, estimatedMatchingChildren: 3 }), {
      status: 201,
      statusText: 'Created',
    });
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/discussions/discussion-9');
    expect(TestBed.inject(Location).getState()).toMatchObject({ estimatedMatchingChildren: 3 });
  });

  it("shows the server's field errors at the right fields", async () => {
    const { fixture, el } = await render();
    enter(el, 'discussion-topic', 'Trekker seg unna i lek');
    enter(el, 'discussion-description', 'Et barn i avdelingen trekker seg unna lek.');
    click(el, 'discussion-invite-unit-health');
    enter(el, 'discussion-link-concern', 'concern-open');
    await fixture.whenStable();
    click(el, 'discussion-submit');
    const { body, init } = problem([
      { field: 'invitedUnitIds', messages: ['invitedUnitIds must be units of your municipality in other services than your unit’s'] },
      { field: 'linkedConcernId', messages: ['linkedConcernId must be a concern of your unit that you work on'] },
      { field: 'description', messages: ['description looks like a date; describe age as an age band instead'] },
      { field: 'givenName', messages: ['property givenName should not exist'] },
    ]);
    http.expectOne('/api/anonymous-discussions').flush(body, init);
    await fixture.whenStable();

    expect(textOf(el, 'discussion-invited-error')).toBe('Velg enheter i andre tjenester enn din egen.');
    expect(textOf(el, 'discussion-link-concern-error')).toBe(
      'Bekymringen kan ikke knyttes til. Velg en av dine åpne bekymringer i den valgte enheten.',
    );
    expect(textOf(el, 'discussion-description-error')).toBe('Teksten ble ikke godtatt. Ta bort navn, datoer og fødselsnumre.');
    expect(byTestId(el, 'discussion-description')?.getAttribute('aria-invalid')).toBe('true');
    expect(textOf(el, 'discussion-form-error')).toContain('property givenName should not exist');
    expect((byTestId(el, 'discussion-submit') as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(byTestId(el, 'discussion-description'));

    // Correcting the field takes its complaint away.
    enter(el, 'discussion-description', 'Et barn trekker seg unna.');
    await fixture.whenStable();
    expect(byTestId(el, 'discussion-description-error')).toBeNull();
    expect(byTestId(el, 'discussion-invited-error')).not.toBeNull();
  });

  it('says so when the server does not answer', async () => {
    const { fixture, el } = await render();
    enter(el, 'discussion-topic', 'Trekker seg unna i lek');
    enter(el, 'discussion-description', 'Et barn i avdelingen trekker seg unna lek.');
    click(el, 'discussion-invite-unit-health');
    click(el, 'discussion-submit');
    http.expectOne('/api/anonymous-discussions').flush('boom', { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(textOf(el, 'discussion-form-error')).toBe('Drøftingen ble ikke startet fordi tjeneren ikke svarte. Prøv igjen.');
  });

  it('tells a user without a unit that they cannot start one', async () => {
    const { el } = await render(SESSIONS.admin);
    expect(byTestId(el, 'discussion-form')).toBeNull();
    expect(el.textContent).toContain('Du er ikke knyttet til noen enhet og kan ikke starte drøftinger.');
  });
});
