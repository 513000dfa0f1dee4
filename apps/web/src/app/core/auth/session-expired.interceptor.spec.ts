import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SessionStore } from '@stafett/web-data-access';
import { firstValueFrom } from 'rxjs';
import { SESSIONS, UNAUTHORIZED } from '../../../testing/sessions';
import { sessionExpiredInterceptor } from './session-expired.interceptor';

describe('sessionExpiredInterceptor', () => {
  let http: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([sessionExpiredInterceptor])), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.staff);
    await loaded;
  });

  it('forgets an expired session and offers sign-in', async () => {
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const request = firstValueFrom(TestBed.inject(HttpClient).get('/api/children'));
    http.expectOne('/api/children').flush(UNAUTHORIZED.body, UNAUTHORIZED.init);
    await expect(request).rejects.toMatchObject({ status: 401 });
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
    expect(router.serializeUrl(navigate.mock.calls[0][0] as never)).toBe('/sign-in?returnTo=%2F');
  });

  it('leaves other errors to the page', async () => {
    const navigate = jest.spyOn(router, 'navigateByUrl');
    const request = firstValueFrom(TestBed.inject(HttpClient).get('/api/children'));
    http.expectOne('/api/children').flush(null, { status: 404, statusText: 'Not Found' });
    await expect(request).rejects.toMatchObject({ status: 404 });
    expect(TestBed.inject(SessionStore).signedIn()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });
});
