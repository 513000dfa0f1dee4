import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import type { ChildListItem } from '@stafett/web-data-access';
import { byTestId, click, concernResponse, enter, textOf } from '../../testing/concerns';
import { LEVEL0_SESSIONS, MUNICIPALITIES, ORGANISATION, problem, reportResponse } from '../../testing/level0';
import { NewReportPage } from './new-report.page';

@Component({ selector: 'st-dummy', template: '' })
class Dummy {}

const CHILDREN: ChildListItem[] = [
  {
    id: 'child-ola',
    givenName: 'Ola',
    familyName: 'Berg',
    birthDate: '2020-05-06',
    addressProtection: null,
    units: [{ id: 'unit-kg', name: 'Sentrum barnehage', groupName: null }],
  },
  {
    id: 'child-emma',
    givenName: 'Emma',
    familyName: 'Nordmann',
    birthDate: '2021-04-12',
    addressProtection: null,
    units: [{ id: 'unit-kg', name: 'Sentrum barnehage', groupName: 'Blåklokka' }],
  },
];

describe('NewReportPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'reports/:id', component: Dummy }])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(options: { session?: SessionInfo; concernId?: string } = {}) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(options.session ?? LEVEL0_SESSIONS.kari);
    await loaded;
    const fixture = TestBed.createComponent(NewReportPage);
    if (options.concernId) fixture.componentRef.setInput('concernId', options.concernId);
    await fixture.whenStable();
    http.expectOne('/api/children?limit=200').flush(CHILDREN);
    http.expectOne('/api/municipalities').flush(MUNICIPALITIES);
    http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const options = (el: HTMLElement, testId: string) =>
    Array.from((byTestId(el, testId) as HTMLSelectElement).options).map((o) => ({ value: o.value, text: o.textContent?.trim() }));

  it('says in plain words that the duty to report overrides confidentiality and needs no consent', async () => {
    const { el } = await render();
    const duty = textOf(el, 'report-duty') ?? '';
    expect(duty).toContain('Opplysningsplikten');
    expect(duty).toContain('foran taushetsplikten');
    expect(duty).toContain('trenger ikke samtykke');
  });

  it('has a labelled field for everything, with the only unit chosen and the children by name', async () => {
    const { el } = await render();
    for (const id of ['report-unit', 'report-child', 'report-content', 'report-urgent']) {
      expect(byTestId(el, id)?.id).toBe(id);
      expect(el.querySelector(`label[for="${id}"]`)).not.toBeNull();
    }
    expect((byTestId(el, 'report-unit') as HTMLSelectElement).value).toBe('unit-kg');
    expect(options(el, 'report-unit').map((o) => o.text)).toEqual(['Velg enhet', 'Sentrum barnehage']);
    expect(options(el, 'report-child')).toEqual([
      { value: '', text: 'Velg barn' },
      { value: 'child-ola', text: 'Ola Berg (6. mai 2020) – Sentrum barnehage' },
      { value: 'child-emma', text: 'Emma Nordmann (12. april 2021) – Sentrum barnehage' },
    ]);
  });

  it('shows what is missing next to each field and sends nothing', async () => {
    const { fixture, el } = await render();
    enter(el, 'report-content', 'For kort');
    click(el, 'report-submit');
    await fixture.whenStable();
    expect(textOf(el, 'report-child-error')).toBe('Velg barnet meldingen gjelder.');
    expect(textOf(el, 'report-content-error')).toBe('Beskriv bekymringen med minst ti tegn.');
    expect(byTestId(el, 'report-unit-error')).toBeNull();
    expect(textOf(el, 'report-form-error')).toBe('Noen felt må rettes. Se meldingene ved feltene.');
    expect(document.activeElement).toBe(byTestId(el, 'report-child'));
    http.expectNone('/api/child-welfare-reports');
  });

  it('files a report about a chosen child and opens it', async () => {
    const { fixture, el } = await render();
    enter(el, 'report-child', 'child-emma');
    enter(el, 'report-content', ' Emma har fortalt om vold hjemme. ');
    click(el, 'report-urgent');
    await fixture.whenStable();
    click(el, 'report-submit');
    const request = http.expectOne({ method: 'POST', url: '/api/child-welfare-reports' });
    expect(request.request.body).toEqual({
      reporterUnitId: 'unit-kg',
      childId: 'child-emma',
      content: 'Emma har fortalt om vold hjemme.',
      urgent: true,
    });
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe(LEVEL0_SESSIONS.kari.csrfToken);
    request.flush(reportResponse({ id: 'report-9' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/reports/report-9');
  });

  it('files from a concern: its child is shown instead of the select, and the concern is sent', async () => {
    const { fixture, el } = await render({ concernId: 'concern-1' });
    http.expectOne('/api/concerns/concern-1').flush(
      concernResponse({
        id: 'concern-1',
        unitId: 'unit-kg',
        unitName: 'Sentrum barnehage',
        child: { id: 'child-emma', givenName: 'Emma', familyName: 'Nordmann', birthDate: '2021-04-12' },
      }),
      { headers: { ETag: '"1"' } },
    );
    await fixture.whenStable();
    expect(byTestId(el, 'report-child')).toBeNull();
    expect(textOf(el, 'report-concern-child')).toContain('Emma Nordmann');
    enter(el, 'report-content', 'Emma har fortalt om vold hjemme.');
    click(el, 'report-submit');
    const request = http.expectOne('/api/child-welfare-reports');
    expect(request.request.body).toEqual({
      reporterUnitId: 'unit-kg',
      concernId: 'concern-1',
      content: 'Emma har fortalt om vold hjemme.',
      urgent: false,
    });
    request.flush(reportResponse({ id: 'report-9', concernId: 'concern-1' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
  });

  it('falls back to choosing the child when the concern cannot be read', async () => {
    const { fixture, el } = await render({ concernId: 'concern-x' });
    http.expectOne('/api/concerns/concern-x').flush({ status: 404 }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(textOf(el, 'report-concern-unavailable')).toContain('Fant ikke bekymringen');
    expect(byTestId(el, 'report-child')).not.toBeNull();
    expect((byTestId(el, 'report-child') as HTMLSelectElement).disabled).toBe(false);
  });

  it("shows the server's field errors at the right fields", async () => {
    const { fixture, el } = await render();
    enter(el, 'report-child', 'child-emma');
    enter(el, 'report-content', 'Emma har fortalt om vold hjemme.');
    click(el, 'report-submit');
    const { body, init } = problem([
      { field: 'reporterUnitId', messages: ['reporterUnitId must be a unit you work in'] },
      { field: 'childId', messages: ['childId must be a child you may see'] },
      { field: 'somethingNew', messages: ['somethingNew is wrong'] },
    ]);
    http.expectOne('/api/child-welfare-reports').flush(body, init);
    await fixture.whenStable();
    expect(textOf(el, 'report-unit-error')).toBe('Enheten ble ikke godtatt. Velg en enhet du arbeider i.');
    expect(textOf(el, 'report-child-error')).toBe('Barnet ble ikke godtatt. Velg et barn du har tilgang til.');
    expect(byTestId(el, 'report-child')?.getAttribute('aria-invalid')).toBe('true');
    expect(textOf(el, 'report-form-error')).toContain('somethingNew is wrong');
    expect(document.activeElement).toBe(byTestId(el, 'report-unit'));

    enter(el, 'report-child', 'child-ola');
    await fixture.whenStable();
    expect(byTestId(el, 'report-child-error')).toBeNull();
    expect(byTestId(el, 'report-unit-error')).not.toBeNull();
  });

  it('says so when the server does not answer', async () => {
    const { fixture, el } = await render();
    enter(el, 'report-child', 'child-emma');
    enter(el, 'report-content', 'Emma har fortalt om vold hjemme.');
    click(el, 'report-submit');
    http.expectOne('/api/child-welfare-reports').flush('boom', { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(textOf(el, 'report-form-error')).toBe('Meldingen ble ikke sendt fordi tjeneren ikke svarte. Prøv igjen.');
  });
});
