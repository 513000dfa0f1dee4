import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import type { ConcernResponse } from '@stafett/web-data-access';
import { caseResponse } from '../../testing/cases';
import { byTestId, click, concernResponse, enter, textOf } from '../../testing/concerns';
import { LEVEL0_SESSIONS, MUNICIPALITIES, ORGANISATION, problem } from '../../testing/level0';
import { StartCaseForm } from './start-case-form';

/** Kari's concern about Emma in Sentrum barnehage, decided. */
const decided = (overrides: Partial<ConcernResponse>) =>
  concernResponse({ unitId: 'unit-kg', unitName: 'Sentrum barnehage', status: 'decided', ...overrides });

describe('StartCaseForm', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(concern: ConcernResponse, session: SessionInfo = LEVEL0_SESSIONS.kari) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(StartCaseForm);
    fixture.componentRef.setInput('concern', concern);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  async function organisation(fixture: ComponentFixture<StartCaseForm>): Promise<void> {
    http.expectOne('/api/municipalities').flush(MUNICIPALITIES);
    await fixture.whenStable();
    http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
    await fixture.whenStable();
  }

  it('starts a level-1 case for a concern decided as own service and goes to it', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const { fixture, el } = await render(decided({ decision: 'own_service', requestedCaseLevel: 1 }));
    expect(textOf(el, 'start-case-level')).toBe('Nivå 1 – egen tjeneste');
    expect(byTestId(el, 'start-case-units')).toBeNull();
    enter(el, 'start-case-child-view', 'Emma vil ha hjelp til å sove');
    click(el, 'start-case-submit');
    await fixture.whenStable();
    const request = http.expectOne({ method: 'POST', url: '/api/cases' });
    expect(request.request.body).toEqual({ concernId: 'concern-1', childView: 'Emma vil ha hjelp til å sove' });
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-token-1');
    request.flush(caseResponse({ id: 'case-9' }), { status: 201, statusText: 'Created', headers: { ETag: '"1"' } });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/cases', 'case-9']);
  });

  it('asks for the units of other services when the concern was decided as collaboration, each with a role', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const { fixture, el } = await render(decided({ decision: 'collaboration', requestedCaseLevel: 3 }));
    await organisation(fixture);
    expect(textOf(el, 'start-case-level')).toBe('Nivå 3 – helhetlig samarbeid');
    // Another kindergarten is the same service: not offered.
    const offered = Array.from(el.querySelectorAll<HTMLInputElement>('[data-unit-name]')).map((i) => i.dataset['unitName']);
    expect(offered).toEqual(['Fjordvik skole', 'Fjordvik helsestasjon', 'Fjordvik barneverntjeneste']);
    click(el, 'start-case-submit');
    await fixture.whenStable();
    http.expectNone('/api/cases');
    expect(textOf(el, 'start-case-units-error')).toBe('Velg minst én enhet fra en annen tjeneste.');

    (el.querySelector('[data-unit-name="Fjordvik helsestasjon"]') as HTMLInputElement).click();
    await fixture.whenStable();
    const role = el.querySelector('[id="start-unit-role-unit-health"]') as HTMLSelectElement;
    role.value = 'health_follow_up';
    role.dispatchEvent(new Event('change'));
    click(el, 'start-case-submit');
    await fixture.whenStable();
    const request = http.expectOne({ method: 'POST', url: '/api/cases' });
    expect(request.request.body).toEqual({ concernId: 'concern-1', participants: [{ unitId: 'unit-health', role: 'health_follow_up' }] });
    request.flush(caseResponse(), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
  });

  it('says so when the case has already been started (409), with the way to My cases', async () => {
    const { fixture, el } = await render(decided({ decision: 'own_service', requestedCaseLevel: 1 }));
    click(el, 'start-case-submit');
    await fixture.whenStable();
    http.expectOne('/api/cases').flush({ status: 409, title: 'Conflict' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(textOf(el, 'start-case-problem')).toContain('Saken for denne bekymringen er allerede startet.');
    expect(byTestId(el, 'start-case-cases-link')?.getAttribute('href')).toBe('/cases');
  });

  it('shows the server’s refusal of the units at the units', async () => {
    const { fixture, el } = await render(decided({ decision: 'collaboration', requestedCaseLevel: 2 }));
    await organisation(fixture);
    (el.querySelector('[data-unit-name="Fjordvik skole"]') as HTMLInputElement).click();
    await fixture.whenStable();
    click(el, 'start-case-submit');
    await fixture.whenStable();
    const refused = problem([{ field: 'participants', messages: ['Collaboration needs a unit of another service'] }]);
    http.expectOne('/api/cases').flush(refused.body, refused.init);
    await fixture.whenStable();
    expect(textOf(el, 'start-case-units-error')).toBe('Enhetene ble ikke godtatt. Velg enheter fra andre tjenester enn bekymringens.');
  });
});
