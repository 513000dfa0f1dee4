import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { OrganisationOverview, RoleGrant, SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { SessionStore } from '../session/session.store';
import { OwnOrganisation, workUnits } from './own-organisation';

const OVERVIEW: OrganisationOverview = {
  municipality: { id: 'm1', name: 'Fjordvik kommune', code: '9999' },
  consentPolicy: { consentDefaultMonths: 12, youthConsentAge: 16, guardiansSignForYouth: false },
  services: [
    { id: 's-kg', kind: 'kindergarten', name: 'Barnehage', regime: 'administrative', units: [{ id: 'u-kg', name: 'Sentrum barnehage' }] },
    { id: 's-h', kind: 'health_station', name: 'Helsestasjon', regime: 'health', units: [{ id: 'u-h', name: 'Fjordvik helsestasjon' }] },
  ],
};

describe('OwnOrganisation', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it("reads the organisation of the signed-in user's municipality, found by its id", async () => {
    const loaded = TestBed.inject(SessionStore).load();
    const session: SessionInfo = {
      user: { id: 'u', displayName: 'K', kind: 'staff', municipalityId: 'm1', familyRole: null },
      roles: [],
      rules: [],
      csrfToken: 't',
    };
    http.expectOne('/api/me').flush(session);
    await loaded;
    const result = firstValueFrom(TestBed.inject(OwnOrganisation).overview());
    http.expectOne('/api/municipalities').flush([
      { id: 'm0', code: '1111', name: 'Nabodal kommune' },
      { id: 'm1', code: '9999', name: 'Fjordvik kommune' },
    ]);
    http.expectOne('/api/municipalities/9999/organisation').flush(OVERVIEW);
    await expect(result).resolves.toEqual(OVERVIEW);
  });

  it('answers null when the list cannot be read', async () => {
    const result = firstValueFrom(TestBed.inject(OwnOrganisation).overview());
    http.expectOne('/api/municipalities').flush('down', { status: 503, statusText: 'Unavailable' });
    await expect(result).resolves.toBeNull();
  });
});

describe('workUnits', () => {
  const role = (r: Partial<RoleGrant>): RoleGrant => ({ role: 'staff', unitId: null, serviceId: null, serviceKind: null, ...r });

  it('names the units the user works in, once each, by name, and skips municipality-wide roles', () => {
    const roles = [
      role({ unitId: 'u-kg', serviceId: 's-kg' }),
      role({ role: 'unit_leader', unitId: 'u-h', serviceId: 's-h' }),
      role({ role: 'unit_leader', unitId: 'u-kg', serviceId: 's-kg' }),
      role({ role: 'admin' }),
    ];
    expect(workUnits(roles, OVERVIEW)).toEqual([
      { id: 'u-h', name: 'Fjordvik helsestasjon', serviceId: 's-h' },
      { id: 'u-kg', name: 'Sentrum barnehage', serviceId: 's-kg' },
    ]);
  });

  it('keeps a unit the organisation does not list, without a name, last', () => {
    expect(workUnits([role({ unitId: 'u-x', serviceId: 's-x' }), role({ unitId: 'u-kg' })], OVERVIEW)).toEqual([
      { id: 'u-kg', name: 'Sentrum barnehage', serviceId: 's-kg' },
      { id: 'u-x', name: null, serviceId: 's-x' },
    ]);
  });
});
