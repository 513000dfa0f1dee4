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

  it('ChildrenApi.page() reads /api/children, then the next link as given', async () => {
    const api = TestBed.inject(ChildrenApi);
    const first = firstValueFrom(api.page());
    const next = '/api/children?cursor=abc';
    http.expectOne({ method: 'GET', url: '/api/children' }).flush([], { headers: { Link: `<${next}>; rel="next"` } });
    await expect(first).resolves.toEqual({ items: [], next });
    const last = firstValueFrom(api.page(next));
    http.expectOne({ method: 'GET', url: next }).flush([]);
    await expect(last).resolves.toEqual({ items: [], next: null });
  });

  it('ChildrenApi.all() reads every page, 200 at a time, in order', async () => {
    const result = firstValueFrom(TestBed.inject(ChildrenApi).all());
    const child = (id: string) => ({ id, givenName: id, familyName: 'Nordmann', birthDate: '2016-03-04', units: [] });
    http
      .expectOne({ method: 'GET', url: '/api/children?limit=200' })
      .flush([child('a'), child('b')], { headers: { Link: '</api/children?limit=200&cursor=p2>; rel="next"' } });
    http
      .expectOne({ method: 'GET', url: '/api/children?limit=200&cursor=p2' })
      .flush([child('c')], { headers: { Link: '</api/children?limit=200&cursor=p3>; rel="next"' } });
    http.expectOne({ method: 'GET', url: '/api/children?limit=200&cursor=p3' }).flush([child('d')]);
    await expect(result).resolves.toEqual([child('a'), child('b'), child('c'), child('d')]);
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
