import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { AdminUsersApi } from './admin-users/admin-users.api';
import { AuditEventsApi } from './audit-events/audit-events.api';
import { ChildrenApi } from './children/children.api';

describe('list APIs', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('ChildrenApi.list() reads /api/children', async () => {
    const result = firstValueFrom(TestBed.inject(ChildrenApi).list());
    http.expectOne({ method: 'GET', url: '/api/children' }).flush([]);
    await expect(result).resolves.toEqual([]);
  });

  it('AdminUsersApi.list() reads /api/admin/users', async () => {
    const result = firstValueFrom(TestBed.inject(AdminUsersApi).list());
    http.expectOne({ method: 'GET', url: '/api/admin/users' }).flush([]);
    await expect(result).resolves.toEqual([]);
  });

  it('AuditEventsApi.latest() asks for 50 events by default', async () => {
    const result = firstValueFrom(TestBed.inject(AuditEventsApi).latest());
    http.expectOne({ method: 'GET', url: '/api/audit-events?limit=50' }).flush([]);
    await expect(result).resolves.toEqual([]);
  });
});
