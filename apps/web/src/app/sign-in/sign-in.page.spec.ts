import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FULL_PAGE_NAVIGATION, SessionStore } from '@stafett/web-data-access';
import { I18n } from '../core/i18n/i18n';
import { SignInPage } from './sign-in.page';

describe('SignInPage', () => {
  let navigations: string[];

  beforeEach(() => {
    localStorage.clear();
    navigations = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: FULL_PAGE_NAVIGATION, useValue: (url: string) => navigations.push(url) },
      ],
    });
  });

  async function render(returnTo?: string) {
    const fixture = TestBed.createComponent(SignInPage);
    if (returnTo !== undefined) fixture.componentRef.setInput('returnTo', returnTo);
    await fixture.whenStable();
    return fixture;
  }

  it('offers the two ways in as real buttons with their explanations', async () => {
    const el = (await render()).nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="sign-in-heading"]')?.tagName).toBe('H1');
    const staff = el.querySelector('[data-testid="sign-in-staff"]') as HTMLButtonElement;
    const citizen = el.querySelector('[data-testid="sign-in-citizen"]') as HTMLButtonElement;
    expect(staff.tagName).toBe('BUTTON');
    expect(staff.textContent?.trim()).toBe('Ansatt i kommunen');
    expect(citizen.textContent?.trim()).toBe('Foresatt eller ungdom (ID-porten)');
    expect(el.querySelector(`#${staff.getAttribute('aria-describedby')}`)?.textContent).toContain('kommunens');
    expect(el.querySelector(`#${citizen.getAttribute('aria-describedby')}`)?.textContent).toContain('ID-porten');
  });

  it('sends staff to the municipal identity provider and back to returnTo', async () => {
    const el = (await render('/children')).nativeElement as HTMLElement;
    (el.querySelector('[data-testid="sign-in-staff"]') as HTMLButtonElement).click();
    expect(navigations).toEqual(['/api/auth/login?as=staff&returnTo=%2Fchildren']);
  });

  it('sends guardians and youth to ID-porten, back to the front page when no returnTo is given', async () => {
    const el = (await render()).nativeElement as HTMLElement;
    (el.querySelector('[data-testid="sign-in-citizen"]') as HTMLButtonElement).click();
    expect(navigations).toEqual(['/api/auth/login?as=citizen&returnTo=%2F']);
  });

  it('ignores a returnTo that leads off-site', async () => {
    const el = (await render('https://evil.example/')).nativeElement as HTMLElement;
    (el.querySelector('[data-testid="sign-in-staff"]') as HTMLButtonElement).click();
    expect(navigations).toEqual(['/api/auth/login?as=staff&returnTo=%2F']);
  });

  it('says so when the server could not tell whether the user is signed in', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    TestBed.inject(HttpTestingController).expectOne('/api/me').flush('down', { status: 503, statusText: 'Unavailable' });
    await loaded;
    const fixture = await render();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain('tjeneren ikke svarte');
  });

  it('is translated', async () => {
    const fixture = await render();
    TestBed.inject(I18n).language.set('en');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="sign-in-heading"]')?.textContent).toBe('Sign in');
    expect(el.querySelector('[data-testid="sign-in-staff"]')?.textContent?.trim()).toBe('Municipal employee');
  });
});
