import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AddGuardianRequest, SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import { fieldErrorsOf } from '../http/problem';
import { SessionStore } from '../session/session.store';
import { ChildrenApi } from './children.api';
import type { ChildListItem } from './children.api';

const SESSION: SessionInfo = {
  user: { id: 'user-1', displayName: 'Kari Lærer', kind: 'staff', municipalityId: 'm1', familyRole: null },
  roles: [],
  rules: [],
  csrfToken: 'csrf-123',
};

const REQUEST: AddGuardianRequest = {
  nationalId: '12927913028',
  givenName: 'Gro',
  familyName: 'Hånd',
  relation: 'annen_foresatt',
  parentalResponsibility: false,
};

const CHILD: ChildListItem = {
  id: 'c 1',
  givenName: 'Ola',
  familyName: 'Nordmann',
  birthDate: '2016-03-04',
  addressProtection: null,
  units: [],
  guardians: [
    { id: 'g1', displayName: 'Gro Hånd', relation: 'annen_foresatt', parentalResponsibility: false, verified: false, source: 'manual' },
  ],
};

describe('ChildrenApi.addGuardian', () => {
  let http: HttpTestingController;
  let api: ChildrenApi;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(ChildrenApi);
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSION);
    await loaded;
  });

  afterEach(() => http.verify());

  it('posts the guardian to the child with the CSRF token and an Idempotency-Key, and answers the child with its guardians', async () => {
    const answer = firstValueFrom(api.addGuardian('c 1', REQUEST));
    const request = http.expectOne('/api/children/c%201/guardians');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual(REQUEST);
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    const key = request.request.headers.get('Idempotency-Key');
    expect(key).toBeTruthy();
    request.flush(CHILD, { status: 201, statusText: 'Created' });
    await expect(answer).resolves.toEqual(CHILD);

    // Answered: the next guardian, even the same one, is another action with another key.
    void firstValueFrom(api.addGuardian('c 1', REQUEST)).catch(() => undefined);
    const next = http.expectOne('/api/children/c%201/guardians');
    expect(next.request.headers.get('Idempotency-Key')).not.toBe(key);
    next.flush({ status: 409 }, { status: 409, statusText: 'Conflict' });
  });
});

describe('fieldErrorsOf', () => {
  const refused = (status: number) =>
    new HttpErrorResponse({
      status,
      error: {
        errors: [
          { field: 'nationalId', messages: ['bad'] },
          { field: 'nationalId', messages: ['worse'] },
        ],
      },
    });

  it('reads a 400 by default, and another status only when the caller names it', () => {
    expect(fieldErrorsOf(refused(400))).toEqual({ nationalId: ['bad', 'worse'] });
    expect(fieldErrorsOf(refused(422))).toBeNull();
    expect(fieldErrorsOf(refused(422), [400, 422])).toEqual({ nationalId: ['bad', 'worse'] });
    expect(fieldErrorsOf(refused(409), [400, 422])).toBeNull();
  });
});
