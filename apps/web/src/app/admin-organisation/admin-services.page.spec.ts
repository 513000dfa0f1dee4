import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionStore } from '@stafett/web-data-access';
import type { AdminService } from '@stafett/web-data-access';
import { byTestId, click, enter, textOf } from '../../testing/concerns';
import { problem } from '../../testing/level0';
import { SESSIONS } from '../../testing/sessions';
import { AdminServicesPage } from './admin-services.page';

const SCHOOLS: AdminService = {
  id: 'service-school',
  kind: 'school',
  name: 'Skoletjenesten',
  regime: 'administrative',
  version: 1,
  units: [{ id: 'unit-vestli', serviceId: 'service-school', name: 'Vestli skole', code: '974000123', closedOn: null, version: 2 }],
};

describe('AdminServicesPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(services: AdminService[] = [SCHOOLS]) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.admin);
    await loaded;
    const fixture = TestBed.createComponent(AdminServicesPage);
    http.expectOne('/api/admin/services').flush(services);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows each unit with the code the enrolment files name it by', async () => {
    const { el } = await render();
    expect(textOf(el, 'unit-unit-vestli')).toContain('Vestli skole');
    expect(textOf(el, 'unit-code-unit-vestli')).toBe('(kode 974000123)');
  });

  it('adds a unit with a code, and says so in bokmål when another unit has the code', async () => {
    const { fixture, el } = await render();
    enter(el, 'unit-name-service-school', 'Østli skole');
    enter(el, 'unit-code-service-school', '974000123');
    click(el, 'add-unit-service-school');
    const created = http.expectOne('/api/admin/units');
    expect(created.request.body).toEqual({ serviceId: 'service-school', name: 'Østli skole', code: '974000123' });
    expect(created.request.headers.get('Idempotency-Key')).toBeTruthy();
    created.flush({ status: 409 }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(textOf(el, 'unit-name-error-service-school')).toBe('En annen enhet i kommunen har denne koden.');
  });

  it('refuses a code with spaces at the field, sending nothing', async () => {
    const { fixture, el } = await render();
    enter(el, 'unit-name-service-school', 'Østli skole');
    enter(el, 'unit-code-service-school', '974 000');
    click(el, 'add-unit-service-school');
    await fixture.whenStable();
    expect(textOf(el, 'unit-name-error-service-school')).toContain('Koden kan ha 1–40 bokstaver');
  });

  it('changes a unit’s code with the version it read, clears it when emptied, and lists again', async () => {
    const { fixture, el } = await render();
    enter(el, 'edit-unit-code-unit-vestli', '974000999');
    click(el, 'save-unit-unit-vestli');
    const patch = http.expectOne('/api/admin/units/unit-vestli');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('"2"');
    expect(patch.request.body).toEqual({ name: 'Vestli skole', code: '974000999' });
    const changed = { ...SCHOOLS.units[0], code: '974000999', version: 3 };
    patch.flush(changed);
    http.expectOne('/api/admin/services').flush([{ ...SCHOOLS, units: [changed] }]);
    await fixture.whenStable();
    expect(textOf(el, 'unit-code-unit-vestli')).toBe('(kode 974000999)');

    enter(el, 'edit-unit-code-unit-vestli', '');
    click(el, 'save-unit-unit-vestli');
    const cleared = http.expectOne('/api/admin/units/unit-vestli');
    expect(cleared.request.body).toEqual({ name: 'Vestli skole', code: null });
    const stale = problem([]);
    cleared.flush(stale.body, { ...stale.init, status: 412, statusText: 'Precondition Failed' });
    await fixture.whenStable();
    expect(textOf(el, 'edit-unit-error-unit-vestli')).toBe('Dette er endret av noen andre. Last siden på nytt.');
    expect(byTestId(el, 'unit-code-unit-vestli')).not.toBeNull();
  });

  it('renames a service and changes its regime with the version it read; a regime in use is refused in plain words', async () => {
    const { fixture, el } = await render();
    enter(el, 'edit-service-name-service-school', 'Grunnskolene');
    enter(el, 'edit-service-regime-service-school', 'health');
    click(el, 'save-service-service-school');
    const patch = http.expectOne('/api/admin/services/service-school');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('"1"');
    expect(patch.request.body).toEqual({ name: 'Grunnskolene', regime: 'health' });
    patch.flush({ status: 409 }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(textOf(el, 'edit-service-error-service-school')).toBe(
      'Regimet kan ikke endres fordi tjenesten har saker eller bekymringer. Opprett en ny tjeneste i stedet.',
    );

    enter(el, 'edit-service-regime-service-school', 'administrative');
    click(el, 'save-service-service-school');
    const renamed = http.expectOne('/api/admin/services/service-school');
    expect(renamed.request.body).toEqual({ name: 'Grunnskolene' });
    renamed.flush({ ...SCHOOLS, name: 'Grunnskolene', version: 2 });
    http.expectOne('/api/admin/services').flush([{ ...SCHOOLS, name: 'Grunnskolene', version: 2 }]);
    await fixture.whenStable();
    expect(el.querySelector('#service-service-school')?.textContent).toBe('Grunnskolene');
  });
});
