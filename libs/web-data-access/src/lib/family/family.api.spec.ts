import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { FamilyMunicipalityOverview } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { FamilyApi } from './family.api';

describe('FamilyApi', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads the overview of every municipality where the person is a citizen user', async () => {
    const overview: FamilyMunicipalityOverview[] = [
      {
        userId: 'u-2',
        municipalityId: 'm-2',
        municipalityName: 'Nabodal kommune',
        current: false,
        familyRole: 'guardian',
        cases: [],
        more: false,
      },
    ];
    const read = firstValueFrom(TestBed.inject(FamilyApi).overview());
    const req = http.expectOne('/api/family/overview');
    expect(req.request.method).toBe('GET');
    req.flush(overview);
    expect(await read).toEqual(overview);
  });
});
