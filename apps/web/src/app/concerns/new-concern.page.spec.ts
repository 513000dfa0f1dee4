import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { nationalIdCheckDigits } from '@stafett/domain';
import type { OrganisationOverview, SessionInfo } from '@stafett/domain';
import type { ChildListItem } from '@stafett/web-data-access';
import { SessionStore } from '@stafett/web-data-access';
import { byTestId, click, concernResponse, enter, textOf } from '../../testing/concerns';
import { daysFromToday } from '../../testing/dates';
import { MUNICIPALITY_ID, SESSIONS, sessionFor } from '../../testing/sessions';
import { NewConcernPage } from './new-concern.page';

@Component({ selector: 'st-dummy', template: '' })
class Dummy {}

const CHILDREN: ChildListItem[] = [
  {
    id: 'child-1',
    givenName: 'Ola',
    familyName: 'Nordmann',
    birthDate: '2016-03-04',
    addressProtection: null,
    units: [{ id: 'unit-school', name: 'Fjordvik skole', groupName: '3B' }],
  },
  {
    id: 'child-2',
    givenName: 'Kari',
    familyName: 'Berg',
    birthDate: '2020-05-06',
    addressProtection: null,
    units: [{ id: 'unit-kg', name: 'Sentrum barnehage', groupName: null }],
  },
];

const ORGANISATION: OrganisationOverview = {
  municipality: { id: MUNICIPALITY_ID, name: 'Fjordvik kommune', code: '9999' },
  consentPolicy: { consentDefaultMonths: 12, youthConsentAge: 16, guardiansSignForYouth: false },
  services: [
    { id: 's1', kind: 'school', name: 'Skole', regime: 'administrative', units: [{ id: 'unit-school', name: 'Fjordvik skole' }] },
    { id: 's2', kind: 'kindergarten', name: 'Barnehage', regime: 'administrative', units: [{ id: 'unit-kg', name: 'Sentrum barnehage' }] },
  ],
};

/** A synthetic identity number (month + 80) with valid check digits, born 4 March 2016. */
function syntheticNationalId(): string {
  for (let individual = 500; individual < 1000; individual++) {
    const firstNine = `048316${individual}`;
    const digits = nationalIdCheckDigits(firstNine);
    if (digits) return `${firstNine}${digits.join('')}`;
  }
  throw new Error('no number');
}

/** The children are read whole, in the largest pages the server gives, before the select offers them. */
const FIRST_CHILDREN = '/api/children?limit=200';

describe('NewConcernPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'concerns/:id', component: Dummy }])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(session: SessionInfo = SESSIONS.staff, answerChildren = () => http.expectOne(FIRST_CHILDREN).flush(CHILDREN)) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(NewConcernPage);
    await fixture.whenStable();
    answerChildren();
    http.expectOne('/api/municipalities').flush([{ id: MUNICIPALITY_ID, code: '9999', name: 'Fjordvik kommune' }]);
    http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const options = (el: HTMLElement, testId: string) =>
    Array.from((byTestId(el, testId) as HTMLSelectElement).options).map((o) => ({ value: o.value, text: o.textContent?.trim() }));

  it('has a labelled field for everything, and the only unit chosen', async () => {
    const { el } = await render();
    for (const id of [
      'concern-unit',
      'concern-child',
      'concern-arose-on',
      'concern-observed-by',
      'concern-description',
      'concern-child-words',
    ]) {
      const field = byTestId(el, id) as HTMLElement;
      expect(field.id).toBe(id);
      expect(el.querySelector(`label[for="${id}"]`)).not.toBeNull();
    }
    expect(el.querySelectorAll('[data-testid^="concern-category-"]')).toHaveLength(10);
    expect(el.querySelector('label[for="concern-category-violence_or_abuse"]')?.textContent?.trim()).toBe('Vold eller overgrep');
    expect((byTestId(el, 'concern-unit') as HTMLSelectElement).value).toBe('unit-school');
    expect(options(el, 'concern-unit').map((o) => o.text)).toEqual(['Velg enhet', 'Fjordvik skole']);
    expect(options(el, 'concern-child')).toEqual([
      { value: '', text: 'Velg barn' },
      { value: 'child-1', text: 'Ola Nordmann (4. mars 2016)' },
      { value: 'new', text: 'Nytt barn – ikke registrert i enheten' },
    ]);
  });

  it('offers the children of every page, by name, not only those of the first', async () => {
    const second = '/api/children?limit=200&cursor=p2';
    const later: ChildListItem = { ...CHILDREN[0], id: 'child-3', givenName: 'Anna', familyName: 'Dahl' };
    const { el } = await render(SESSIONS.staff, () => {
      http.expectOne(FIRST_CHILDREN).flush(CHILDREN, { headers: { Link: `<${second}>; rel="next"` } });
      http.expectOne(second).flush([later]);
    });
    expect(options(el, 'concern-child').map((o) => o.value)).toEqual(['', 'child-3', 'child-1', 'new']);
  });

  it('says the children are still being read until every page has come', async () => {
    const second = '/api/children?limit=200&cursor=p2';
    const { fixture, el } = await render(SESSIONS.staff, () =>
      http.expectOne(FIRST_CHILDREN).flush(CHILDREN, { headers: { Link: `<${second}>; rel="next"` } }),
    );
    expect(textOf(el, 'concern-child-loading')).toBe('Henter …');
    expect(options(el, 'concern-child').map((o) => o.value)).toEqual(['', 'new']);
    http.expectOne(second).flush([]);
    await fixture.whenStable();
    expect(byTestId(el, 'concern-child-loading')).toBeNull();
    expect(options(el, 'concern-child').map((o) => o.value)).toEqual(['', 'child-1', 'new']);
  });

  it('lists only the children of the chosen unit', async () => {
    const session = sessionFor({
      displayName: 'Lena Leder',
      kind: 'staff',
      roles: [
        { role: 'staff', unitId: 'unit-school', serviceId: 's1', serviceKind: 'school' },
        { role: 'unit_leader', unitId: 'unit-kg', serviceId: 's2', serviceKind: 'kindergarten' },
      ],
    });
    const { fixture, el } = await render(session);
    expect((byTestId(el, 'concern-unit') as HTMLSelectElement).value).toBe('');
    expect(options(el, 'concern-unit').map((o) => o.text)).toEqual(['Velg enhet', 'Fjordvik skole', 'Sentrum barnehage']);
    expect(options(el, 'concern-child').map((o) => o.value)).toEqual(['', 'new']);

    enter(el, 'concern-unit', 'unit-kg');
    await fixture.whenStable();
    expect(options(el, 'concern-child').map((o) => o.value)).toEqual(['', 'child-2', 'new']);
    enter(el, 'concern-child', 'child-2');
    enter(el, 'concern-unit', 'unit-school');
    await fixture.whenStable();
    expect((byTestId(el, 'concern-child') as HTMLSelectElement).value).toBe('');
  });

  it('shows the required fields next to each field and sends nothing', async () => {
    const { fixture, el } = await render();
    click(el, 'concern-submit');
    await fixture.whenStable();
    expect(textOf(el, 'concern-child-error')).toBe('Velg barnet, eller velg «Nytt barn».');
    expect(textOf(el, 'concern-arose-on-error')).toBe('Skriv datoen bekymringen oppstod.');
    expect(textOf(el, 'concern-observed-by-error')).toBe('Skriv hvem som observerte.');
    expect(textOf(el, 'concern-description-error')).toBe('Beskriv hva som er observert.');
    expect(textOf(el, 'concern-categories-error')).toBe('Velg minst én kategori.');
    expect(byTestId(el, 'concern-unit-error')).toBeNull();
    expect(byTestId(el, 'concern-child-words-error')).toBeNull();
    expect(byTestId(el, 'concern-child')?.getAttribute('aria-describedby')).toBe('concern-child-hint concern-child-error');
    expect(textOf(el, 'concern-form-error')).toBe('Noen felt må rettes. Se meldingene ved feltene.');
    expect(document.activeElement).toBe(byTestId(el, 'concern-child'));
    http.expectNone('/api/concerns');
  });

  it('asks for the new child with name and birth date, and checks an identity number', async () => {
    const { fixture, el } = await render();
    expect(byTestId(el, 'concern-new-child')).toBeNull();
    enter(el, 'concern-child', 'new');
    await fixture.whenStable();
    enter(el, 'concern-new-child-national-id', '12345678901');
    click(el, 'concern-submit');
    await fixture.whenStable();
    expect(textOf(el, 'concern-new-child-given-name-error')).toBe('Skriv barnets fornavn.');
    expect(textOf(el, 'concern-new-child-family-name-error')).toBe('Skriv barnets etternavn.');
    expect(textOf(el, 'concern-new-child-birth-date-error')).toBe('Skriv barnets fødselsdato.');
    expect(textOf(el, 'concern-new-child-national-id-error')).toBe('Fødselsnummeret må ha 11 siffer med gyldige kontrollsiffer.');
    expect(byTestId(el, 'concern-child-error')).toBeNull();
  });

  it('refuses a date in the future', async () => {
    const { fixture, el } = await render();
    enter(el, 'concern-arose-on', daysFromToday(1));
    await fixture.whenStable();
    expect(textOf(el, 'concern-arose-on-error')).toBe('Datoen kan ikke være fram i tid.');
  });

  async function fillIn(fixture: { whenStable(): Promise<unknown> }, el: HTMLElement): Promise<void> {
    enter(el, 'concern-arose-on', daysFromToday(-10));
    enter(el, 'concern-observed-by', ' kontaktlærer ');
    enter(el, 'concern-description', 'Trekker seg unna i friminuttene.');
    click(el, 'concern-category-wellbeing');
    click(el, 'concern-category-absence');
    await fixture.whenStable();
  }

  it('registers a concern about a child of the unit and opens it', async () => {
    const { fixture, el } = await render();
    enter(el, 'concern-child', 'child-1');
    await fillIn(fixture, el);
    click(el, 'concern-submit');
    const request = http.expectOne({ method: 'POST', url: '/api/concerns' });
    expect(request.request.body).toEqual({
      unitId: 'unit-school',
      childId: 'child-1',
      aroseOn: daysFromToday(-10),
      observedBy: 'kontaktlærer',
      description: 'Trekker seg unna i friminuttene.',
      categories: ['wellbeing', 'absence'],
    });
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe(SESSIONS.staff.csrfToken);
    request.flush(concernResponse({ id: 'concern-9' }), { status: 201, statusText: 'Created', headers: { ETag: '"1"' } });
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/concerns/concern-9');
  });

  it("shows the server's field errors at the right fields", async () => {
    const { fixture, el } = await render();
    const nationalId = syntheticNationalId();
    enter(el, 'concern-child', 'new');
    await fixture.whenStable();
    enter(el, 'concern-new-child-given-name', 'Nora');
    enter(el, 'concern-new-child-family-name', 'Fjell');
    enter(el, 'concern-new-child-birth-date', '2016-03-04');
    enter(el, 'concern-new-child-national-id', nationalId);
    enter(el, 'concern-child-words', 'Jeg vil ikke hjem.');
    await fillIn(fixture, el);
    click(el, 'concern-submit');

    const request = http.expectOne({ method: 'POST', url: '/api/concerns' });
    expect(request.request.body).toMatchObject({
      unitId: 'unit-school',
      newChild: { givenName: 'Nora', familyName: 'Fjell', birthDate: '2016-03-04', nationalId },
      childWords: 'Jeg vil ikke hjem.',
    });
    expect(request.request.body.childId).toBeUndefined();
    request.flush(
      {
        type: 'https://stafett.no/problems/validation',
        title: 'Bad Request',
        status: 400,
        errors: [
          {
            field: 'newChild.nationalId',
            messages: ['nationalId must be a valid national identity number (11 digits, valid check digits)'],
          },
          { field: 'unitId', messages: ['unitId must be a unit you work in'] },
          { field: 'somethingNew', messages: ['somethingNew is wrong'] },
        ],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } },
    );
    await fixture.whenStable();

    expect(textOf(el, 'concern-new-child-national-id-error')).toBe('Fødselsnummeret må ha 11 siffer med gyldige kontrollsiffer.');
    expect(textOf(el, 'concern-unit-error')).toBe('Enheten ble ikke godtatt. Velg en enhet du arbeider i.');
    expect(byTestId(el, 'concern-new-child-national-id')?.getAttribute('aria-invalid')).toBe('true');
    expect(textOf(el, 'concern-form-error')).toContain('somethingNew is wrong');
    expect(document.activeElement).toBe(byTestId(el, 'concern-unit'));
    expect((byTestId(el, 'concern-submit') as HTMLButtonElement).disabled).toBe(false);

    // Correcting the field takes its complaint away.
    enter(el, 'concern-new-child-national-id', '');
    await fixture.whenStable();
    expect(byTestId(el, 'concern-new-child-national-id-error')).toBeNull();
    expect(textOf(el, 'concern-unit-error')).not.toBeNull();
  });

  it('says so when the server does not answer', async () => {
    const { fixture, el } = await render();
    enter(el, 'concern-child', 'child-1');
    await fillIn(fixture, el);
    click(el, 'concern-submit');
    http.expectOne('/api/concerns').flush('boom', { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(textOf(el, 'concern-form-error')).toBe('Bekymringen ble ikke registrert fordi tjeneren ikke svarte. Prøv igjen.');
  });
});
