import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { App } from './app';
import { HomePage } from './home/home.page';
import { I18n } from './core/i18n/i18n';

describe('App shell', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [App], providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  it('renders the header in bokmål by default and switches to English', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.tagline')?.textContent).toContain('Tidlig innsats');
    TestBed.inject(I18n).language.set('en');
    fixture.detectChanges();
    expect(el.querySelector('.tagline')?.textContent).toContain('Early help');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('HomePage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [HomePage], providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  it('shows the first municipality and its services from the API', async () => {
    const fixture = TestBed.createComponent(HomePage);
    const http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    http.expectOne('/api/municipalities').flush([{ id: 'm1', code: '9999', name: 'Fjordvik kommune' }]);
    http.expectOne('/api/municipalities/9999/organisation').flush({
      municipality: { id: 'm1', code: '9999', name: 'Fjordvik kommune' },
      services: [
        { id: 's1', kind: 'school', name: 'Skoletjenesten', regime: 'administrative', units: [{ id: 'u1', name: 'Fjordvik skole' }] },
      ],
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="municipality-name"]')?.textContent).toBe('Fjordvik kommune');
    expect(el.textContent).toContain('Fjordvik skole');
    http.verify();
  });

  it('says so when the API fails', async () => {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).expectOne('/api/municipalities').flush('down', { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain('Kunne ikke hente');
  });
});
