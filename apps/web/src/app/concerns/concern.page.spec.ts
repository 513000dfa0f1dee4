import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import type { ConcernResponse } from '@stafett/web-data-access';
import { SessionStore } from '@stafett/web-data-access';
import { byTestId, click, concernResponse, enter, textOf } from '../../testing/concerns';
import { daysFromToday, longDate } from '../../testing/dates';
import { SESSIONS, sessionFor } from '../../testing/sessions';
import { ConcernPage } from './concern.page';

const URL = '/api/concerns/concern-1';

describe('ConcernPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(concern: ConcernResponse, session: SessionInfo = SESSIONS.staff) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(ConcernPage);
    fixture.componentRef.setInput('id', 'concern-1');
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: URL }).flush(concern, { headers: { ETag: `"${concern.version}"` } });
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the facts, the status and the overdue badge', async () => {
    const { el } = await render(concernResponse({ overdue: true, childWords: 'Jeg er lei meg.' }));
    expect(textOf(el, 'concern-heading')).toBe('Bekymring: Ola Nordmann');
    expect(textOf(el, 'concern-status')).toBe('Åpen – venter på beslutning');
    expect(byTestId(el, 'concern-status')?.getAttribute('data-status')).toBe('open');
    expect(textOf(el, 'overdue-badge')).toBe('Over fristen');
    const facts = textOf(el, 'concern-facts') ?? '';
    expect(facts).toContain('Fjordvik skole');
    expect(facts).toContain('Trivsel, Fravær');
    expect(facts).toContain('Jeg er lei meg.');
    // The fixture's concern arose ten days ago and is to be decided within 14 days.
    expect(textOf(el, 'concern-due-on')).toBe(longDate(daysFromToday(4)));
  });

  it('lets the author record steps, sending the version read as If-Match', async () => {
    const { fixture, el } = await render(concernResponse({ version: 3 }));
    enter(el, 'steps-talked-with-guardians-on', daysFromToday(-7));
    click(el, 'steps-save');
    const request = http.expectOne({ method: 'PATCH', url: `${URL}/steps` });
    expect(request.request.headers.get('If-Match')).toBe('"3"');
    expect(request.request.body).toMatchObject({ talkedWithGuardiansOn: daysFromToday(-7), guardiansNotTalkedReason: null });
    request.flush(concernResponse({ version: 4, talkedWithGuardiansOn: daysFromToday(-7) }), { headers: { ETag: '"4"' } });
    await fixture.whenStable();
    expect(textOf(el, 'concern-notice')).toBe('Stegene er lagret.');

    // The next change is based on the version just saved.
    click(el, 'decision-own_service');
    click(el, 'decision-submit');
    const decision = http.expectOne({ method: 'POST', url: `${URL}/decision` });
    expect(decision.request.headers.get('If-Match')).toBe('"4"');
    decision.flush(concernResponse({ version: 5, status: 'decided', decision: 'own_service', requestedCaseLevel: 1 }), {
      headers: { ETag: '"5"' },
    });
    await fixture.whenStable();
  });

  it('says clearly when someone else changed the concern, and shows the latest version', async () => {
    const { fixture, el } = await render(concernResponse({ version: 3 }));
    enter(el, 'steps-talked-with-child-on', daysFromToday(-8));
    click(el, 'steps-save');
    http
      .expectOne(`${URL}/steps`)
      .flush(
        { type: 'https://stafett.no/problems/412', title: 'Precondition Failed', status: 412 },
        { status: 412, statusText: 'Precondition Failed', headers: { 'Content-Type': 'application/problem+json' } },
      );
    http.expectOne({ method: 'GET', url: URL }).flush(concernResponse({ version: 4, talkedWithChildOn: daysFromToday(-9) }), {
      headers: { ETag: '"4"' },
    });
    await fixture.whenStable();
    expect(textOf(el, 'concern-notice')).toBe(
      'Noen andre har endret bekymringen mens du arbeidet. Den nyeste versjonen er hentet – se over og prøv igjen.',
    );
    expect(byTestId(el, 'concern-notice')?.getAttribute('role')).toBe('alert');
    expect((byTestId(el, 'steps-talked-with-child-on') as HTMLInputElement).value).toBe(daysFromToday(-9));

    click(el, 'steps-save');
    const retry = http.expectOne(`${URL}/steps`);
    expect(retry.request.headers.get('If-Match')).toBe('"4"');
    retry.flush(concernResponse({ version: 5 }), { headers: { ETag: '"5"' } });
  });

  it('records a decision, then shows it instead of the forms', async () => {
    const { fixture, el } = await render(concernResponse());
    click(el, 'decision-close');
    enter(el, 'decision-reason', 'Ikke behov for mer.');
    click(el, 'decision-submit');
    const request = http.expectOne({ method: 'POST', url: `${URL}/decision` });
    expect(request.request.body).toEqual({ decision: 'close', reason: 'Ikke behov for mer.' });
    request.flush(concernResponse({ version: 2, status: 'decided', decision: 'close', decisionReason: 'Ikke behov for mer.' }), {
      headers: { ETag: '"2"' },
    });
    await fixture.whenStable();
    expect(textOf(el, 'concern-notice')).toBe('Beslutningen er lagret.');
    expect(textOf(el, 'concern-status')).toBe('Besluttet');
    expect(byTestId(el, 'decision-form')).toBeNull();
    expect(byTestId(el, 'steps-form')).toBeNull();
    expect(textOf(el, 'concern-decision')).toContain('Avslutt');
    expect(textOf(el, 'concern-decision')).toContain('Ikke behov for mer.');
  });

  it("shows the server's field errors in the decision form", async () => {
    const { fixture, el } = await render(concernResponse());
    click(el, 'decision-collaboration');
    await fixture.whenStable();
    click(el, 'decision-level-2');
    click(el, 'decision-submit');
    http
      .expectOne(`${URL}/decision`)
      .flush(
        { status: 400, errors: [{ field: 'level', messages: ['Collaboration with other services is level 2 or 3'] }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(textOf(el, 'decision-level-error')).toBe('Velg nivå 2 eller 3.');
  });

  it('says the concern was already decided on 409 and reloads it', async () => {
    const { fixture, el } = await render(concernResponse());
    click(el, 'decision-report_to_child_welfare');
    click(el, 'decision-submit');
    http.expectOne(`${URL}/decision`).flush({ status: 409 }, { status: 409, statusText: 'Conflict' });
    http.expectOne(URL).flush(concernResponse({ version: 2, status: 'decided', decision: 'own_service' }));
    await fixture.whenStable();
    expect(textOf(el, 'concern-notice')).toContain('allerede besluttet');
    expect(byTestId(el, 'decision-form')).toBeNull();
  });

  it('shows no forms to a colleague who may only read a shared concern', async () => {
    const colleague = sessionFor({
      userId: 'user-2',
      displayName: 'Per Kollega',
      kind: 'staff',
      roles: [{ role: 'staff', unitId: 'unit-school', serviceId: 'service-school', serviceKind: 'school' }],
    });
    const { el } = await render(concernResponse({ isAuthor: false, sharedWithUnit: true }), colleague);
    expect(byTestId(el, 'steps-form')).toBeNull();
    expect(byTestId(el, 'decision-form')).toBeNull();
    expect(textOf(el, 'concern-not-allowed')).toContain('Bare den som registrerte bekymringen');
    expect(textOf(el, 'concern-steps')).toContain('Ja');
  });

  it("lets the unit's leader decide a concern someone else registered", async () => {
    const leader = sessionFor({
      userId: 'user-3',
      displayName: 'Lena Leder',
      kind: 'staff',
      roles: [{ role: 'unit_leader', unitId: 'unit-school', serviceId: 'service-school', serviceKind: 'school' }],
    });
    const { el } = await render(concernResponse({ isAuthor: false }), leader);
    expect(byTestId(el, 'decision-form')).not.toBeNull();
  });

  it('hides the forms when the server refuses the change (403)', async () => {
    const { fixture, el } = await render(concernResponse());
    click(el, 'steps-save');
    http.expectOne(`${URL}/steps`).flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(byTestId(el, 'steps-form')).toBeNull();
    expect(byTestId(el, 'decision-form')).toBeNull();
    expect(textOf(el, 'concern-notice')).toContain('Bare den som registrerte bekymringen');
  });

  it('says "not found or no access" when the concern cannot be read', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.staff);
    await loaded;
    const fixture = TestBed.createComponent(ConcernPage);
    fixture.componentRef.setInput('id', 'concern-1');
    await fixture.whenStable();
    http.expectOne(URL).flush(null, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toBe(
      'Siden finnes ikke, eller du har ikke tilgang til den.',
    );
  });

  it('offers to start the case once the concern is decided as own service or collaboration', async () => {
    const { el } = await render(concernResponse({ status: 'decided', decision: 'own_service', requestedCaseLevel: 1 }));
    expect(byTestId(el, 'concern-start-case')?.querySelector('h2')?.textContent).toBe('Start saken');
    expect(textOf(el, 'start-case-level')).toBe('Nivå 1 – egen tjeneste');
  });

  it('links to the case once one has been started from the concern, instead of offering to start it', async () => {
    const { el } = await render(concernResponse({ status: 'decided', decision: 'own_service', requestedCaseLevel: 1, caseId: 'case-7' }));
    expect(byTestId(el, 'concern-start-case')).toBeNull();
    expect(byTestId(el, 'concern-case')?.querySelector('h2')?.textContent).toBe('Saken');
    expect(textOf(el, 'concern-case')).toContain('Det er startet en stafettsak fra denne bekymringen.');
    const link = byTestId(el, 'concern-case-link');
    expect(link?.getAttribute('href')).toBe('/cases/case-7');
    expect(link?.textContent?.trim()).toBe('Gå til saken');
  });

  it('offers no case for a concern decided to be closed', async () => {
    const { el } = await render(concernResponse({ status: 'decided', decision: 'close', decisionReason: 'Ikke behov' }));
    expect(byTestId(el, 'concern-start-case')).toBeNull();
  });

  it('offers no case to a colleague who may only read the concern', async () => {
    const colleague = sessionFor({
      userId: 'user-2',
      displayName: 'Per Kollega',
      kind: 'staff',
      roles: [{ role: 'staff', unitId: 'unit-school', serviceId: 'service-school', serviceKind: 'school' }],
    });
    const { el } = await render(
      concernResponse({ isAuthor: false, sharedWithUnit: true, status: 'decided', decision: 'own_service', requestedCaseLevel: 1 }),
      colleague,
    );
    expect(byTestId(el, 'concern-start-case')).toBeNull();
  });
});
