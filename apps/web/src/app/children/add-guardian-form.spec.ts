import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionInfo } from '@stafett/domain';
import { syntheticNationalId } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import type { ChildListItem } from '@stafett/web-data-access';
import { byTestId, click, enter, textOf } from '../../testing/concerns';
import { problem } from '../../testing/level0';
import { SESSIONS } from '../../testing/sessions';
import { ChildrenPage } from './children.page';

const GRO_ID = syntheticNationalId('1985-11-12', 300);

const OLA: ChildListItem = {
  id: 'c1',
  givenName: 'Ola',
  familyName: 'Nordmann',
  birthDate: '2016-03-04',
  addressProtection: null,
  units: [{ id: 'unit-school', name: 'Fjordvik skole', groupName: '3B' }],
  guardians: [
    { id: 'g1', displayName: 'Mona Nordmann', relation: 'mor', parentalResponsibility: true, verified: true, source: 'register' },
  ],
};
/** A child of another unit: staff of the school see it only if the server lists it, and may not add to it. */
const KARI: ChildListItem = {
  ...OLA,
  id: 'c2',
  givenName: 'Kari',
  units: [{ id: 'unit-kg', name: 'Solsiden barnehage', groupName: null }],
  guardians: [],
};

const WITH_GRO: ChildListItem = {
  ...OLA,
  guardians: [
    { id: 'g2', displayName: 'Gro Hånd', relation: 'annen_foresatt', parentalResponsibility: false, verified: false, source: 'manual' },
    ...(OLA.guardians ?? []),
  ],
};

describe('ChildrenPage: guardians and "Legg til foresatt"', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(session: SessionInfo, children: ChildListItem[]) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(ChildrenPage);
    await fixture.whenStable();
    http.expectOne('/api/children').flush(children);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  async function fillIn(el: HTMLElement, nationalId = GRO_ID) {
    enter(el, 'guardian-national-id', nationalId);
    enter(el, 'guardian-given-name', ' Gro ');
    enter(el, 'guardian-family-name', 'Hånd');
    enter(el, 'guardian-relation', 'annen_foresatt');
  }

  it('shows staff each child’s guardians, with a badge on one not confirmed by a register, and the button only where they may add', async () => {
    const { el } = await render(SESSIONS.staff, [OLA, KARI, { ...WITH_GRO, id: 'c3', givenName: 'Per' }]);
    expect(textOf(el, 'guardian-g1')).toBe('Mona Nordmann (mor, foreldreansvar)');
    const gro = byTestId(el, 'child-guardians-c3')?.querySelector('[data-testid="guardian-g2"]') as HTMLElement;
    expect(gro.textContent?.replace(/\s+/g, ' ').trim()).toBe('Gro Hånd (annen foresatt, uten foreldreansvar) Ikke bekreftet');
    expect(gro.querySelector('st-badge')?.textContent).toBe('Ikke bekreftet');
    expect(byTestId(el, 'child-guardians-c1')?.querySelector('st-badge')).toBeNull();
    expect(textOf(el, 'child-guardians-c2')).toBe('Ingen foresatte registrert.');
    expect(textOf(el, 'add-guardian-c1')).toBe('Legg til foresatt');
    expect(byTestId(el, 'add-guardian-c2')).toBeNull();
  });

  it('checks the identity number and the fields in the browser and sends nothing while they are wrong', async () => {
    const { fixture, el } = await render(SESSIONS.staff, [OLA]);
    click(el, 'add-guardian-c1');
    await fixture.whenStable();
    expect(byTestId(el, 'add-guardian-form')?.textContent).toContain('Legg til foresatt for Ola Nordmann');
    // One digit off: the check digits no longer hold.
    await fillIn(el, GRO_ID.slice(0, 10) + String((Number(GRO_ID[10]) + 1) % 10));
    enter(el, 'guardian-given-name', '   ');
    click(el, 'add-guardian-submit');
    await fixture.whenStable();
    expect(textOf(el, 'guardian-national-id-error')).toBe('Skriv et gyldig fødselsnummer eller D-nummer med 11 siffer.');
    expect(byTestId(el, 'guardian-national-id')?.getAttribute('aria-invalid')).toBe('true');
    expect(byTestId(el, 'guardian-national-id')?.getAttribute('aria-describedby')).toBe(
      'guardian-national-id-hint guardian-national-id-error',
    );
    expect(textOf(el, 'guardian-given-name-error')).toBe('Skriv fornavnet (høyst 200 tegn).');
    expect(byTestId(el, 'guardian-family-name-error')).toBeNull();
    expect(textOf(el, 'add-guardian-problem')).toBe('Noen felt må rettes. Se meldingene ved feltene.');

    enter(el, 'guardian-national-id', `${GRO_ID.slice(0, 6)} ${GRO_ID.slice(6)}`);
    await fixture.whenStable();
    expect(byTestId(el, 'guardian-national-id-error')).toBeNull();
  });

  it('adds the guardian with an Idempotency-Key and shows the child’s guardians as the server answered, the new one not confirmed', async () => {
    const { fixture, el } = await render(SESSIONS.staff, [OLA]);
    click(el, 'add-guardian-c1');
    await fixture.whenStable();
    await fillIn(el, `${GRO_ID.slice(0, 6)} ${GRO_ID.slice(6)}`);
    click(el, 'add-guardian-submit');
    const request = http.expectOne('/api/children/c1/guardians');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      nationalId: GRO_ID,
      givenName: 'Gro',
      familyName: 'Hånd',
      relation: 'annen_foresatt',
      parentalResponsibility: false,
    });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-token-1');
    request.flush(WITH_GRO, { status: 201, statusText: 'Created' });
    await fixture.whenStable();

    expect(byTestId(el, 'add-guardian-form')).toBeNull();
    expect(textOf(el, 'guardian-added-c1')).toBe('Den foresatte er lagt til.');
    const guardians = Array.from(byTestId(el, 'child-guardians-c1')?.querySelectorAll('li') ?? []).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(guardians).toEqual(['Gro Hånd (annen foresatt, uten foreldreansvar) Ikke bekreftet', 'Mona Nordmann (mor, foreldreansvar)']);
  });

  it('shows the server’s field errors at the fields, a person already registered, and keeps the key for a retry after no answer', async () => {
    const { fixture, el } = await render(SESSIONS.staff, [OLA]);
    click(el, 'add-guardian-c1');
    await fixture.whenStable();
    await fillIn(el);
    (byTestId(el, 'guardian-responsibility') as HTMLInputElement).click();
    click(el, 'add-guardian-submit');
    const refused = problem([{ field: 'nationalId', messages: ['nationalId must be a valid national identity number'] }]);
    const first = http.expectOne('/api/children/c1/guardians');
    expect(first.request.body.parentalResponsibility).toBe(true);
    first.flush(refused.body, refused.init);
    await fixture.whenStable();
    expect(textOf(el, 'guardian-national-id-error')).toBe('Skriv et gyldig fødselsnummer eller D-nummer med 11 siffer.');
    expect(textOf(el, 'add-guardian-problem')).toBe('Noen felt må rettes. Se meldingene ved feltene.');

    click(el, 'add-guardian-submit');
    const second = http.expectOne('/api/children/c1/guardians');
    const key = second.request.headers.get('Idempotency-Key');
    second.flush('boom', { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    expect(textOf(el, 'add-guardian-problem')).toBe('Den foresatte ble ikke lagt til. Prøv igjen.');
    expect(byTestId(el, 'guardian-national-id-error')).toBeNull();

    click(el, 'add-guardian-submit');
    const third = http.expectOne('/api/children/c1/guardians');
    // No answer came, so the same action goes again with the same key: the server makes it once.
    expect(third.request.headers.get('Idempotency-Key')).toBe(key);
    third.flush({ status: 409 }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(textOf(el, 'add-guardian-problem')).toBe('Denne personen er allerede registrert som foresatt for barnet.');

    click(el, 'add-guardian-cancel');
    await fixture.whenStable();
    expect(byTestId(el, 'add-guardian-form')).toBeNull();
  });

  it('shows a guardian neither the guardians column nor the button', async () => {
    const { el } = await render(SESSIONS.guardian, [{ ...OLA, id: 'child-1', guardians: undefined }]);
    expect(byTestId(el, 'child-guardians-child-1')).toBeNull();
    expect(byTestId(el, 'add-guardian-child-1')).toBeNull();
    expect(Array.from(el.querySelectorAll('thead th')).map((th) => th.textContent?.trim())).toEqual(['Navn', 'Fødselsdato', 'Enheter']);
  });
});
