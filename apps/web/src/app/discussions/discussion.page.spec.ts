import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import type { DiscussionResponse } from '@stafett/web-data-access';
import { byTestId, click, enter, textOf } from '../../testing/concerns';
import { instantDaysFromNow } from '../../testing/dates';
import { LEVEL0_SESSIONS, discussionResponse, problem } from '../../testing/level0';
import { sessionFor } from '../../testing/sessions';
import { DiscussionPage } from './discussion.page';

const ADVICE = {
  id: 'advice-1',
  authorDisplayName: 'Hanne Moe',
  unitName: 'Fjordvik helsestasjon',
  text: 'Foreslå en samtale på helsestasjonen.',
  createdAt: instantDaysFromNow(-1, 11),
};

describe('DiscussionPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(session: SessionInfo, discussion: DiscussionResponse) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(DiscussionPage);
    fixture.componentRef.setInput('id', discussion.id);
    await fixture.whenStable();
    http.expectOne(`/api/anonymous-discussions/${discussion.id}`).flush(discussion);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the question, the advice, the identifiability warning and the link to my concern', async () => {
    const { el } = await render(
      LEVEL0_SESSIONS.kari,
      discussionResponse({ identifiabilityWarning: true, advice: [ADVICE], adviceCount: 1, linkedConcernId: 'concern-1' }),
    );
    expect(textOf(el, 'discussion-heading')).toBe('Anonym drøfting: Trekker seg unna i lek');
    expect(textOf(el, 'identifiability-warning')).toContain('færre enn fem barn');
    expect(byTestId(el, 'identifiability-estimate')).toBeNull();
    expect(textOf(el, 'discussion-invited-units')).toBe('Fjordvik helsestasjon');
    expect(el.querySelectorAll('[data-testid="advice-item"]')).toHaveLength(1);
    expect(textOf(el, 'advice-item')).toContain('Foreslå en samtale på helsestasjonen.');
    expect(textOf(el, 'advice-item')).toContain('Hanne Moe');
    expect(byTestId(el, 'discussion-linked-concern')?.getAttribute('href')).toBe('/concerns/concern-1');
    expect(byTestId(el, 'discussion-close')).not.toBeNull();
  });

  it('lets staff of an invited unit add advice, then empties the form', async () => {
    const discussion = discussionResponse({ isAuthor: false });
    const { fixture, el } = await render(LEVEL0_SESSIONS.hanne, discussion);
    expect(byTestId(el, 'discussion-close')).toBeNull();
    expect(byTestId(el, 'discussion-linked-concern')).toBeNull();
    expect(el.querySelector('label[for="advice-text"]')?.textContent?.trim()).toBe('Ditt råd');

    enter(el, 'advice-text', ' Foreslå en samtale på helsestasjonen. ');
    click(el, 'advice-submit');
    const request = http.expectOne({ method: 'POST', url: '/api/anonymous-discussions/discussion-1/advice' });
    expect(request.request.body).toEqual({ text: 'Foreslå en samtale på helsestasjonen.' });
    request.flush({ ...discussion, advice: [ADVICE], adviceCount: 1 }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();

    expect(el.querySelectorAll('[data-testid="advice-item"]')).toHaveLength(1);
    expect(textOf(el, 'discussion-notice')).toBe('Rådet ditt er lagt til.');
    expect((byTestId(el, 'advice-text') as HTMLTextAreaElement).value).toBe('');
    expect(byTestId(el, 'advice-text-error')).toBeNull();
  });

  it('warns about identifying text in advice before sending, and shows the server’s complaint at the field', async () => {
    const { fixture, el } = await render(LEVEL0_SESSIONS.hanne, discussionResponse({ isAuthor: false }));
    click(el, 'advice-submit');
    await fixture.whenStable();
    expect(textOf(el, 'advice-text-error')).toBe('Skriv rådet ditt.');

    enter(el, 'advice-text', 'Barnet født 1. mars 2021 bør henvises.');
    await fixture.whenStable();
    expect(textOf(el, 'advice-text-error')).toContain('Teksten ser ut til å inneholde en dato.');
    click(el, 'advice-submit');
    http.expectNone('/api/anonymous-discussions/discussion-1/advice');

    enter(el, 'advice-text', 'Bør henvises til PPT.');
    await fixture.whenStable();
    expect(byTestId(el, 'advice-text-error')).toBeNull();
    click(el, 'advice-submit');
    const { body, init } = problem([{ field: 'text', messages: ['text looks like an identity number'] }]);
    http.expectOne('/api/anonymous-discussions/discussion-1/advice').flush(body, init);
    await fixture.whenStable();
    expect(textOf(el, 'advice-text-error')).toBe('Teksten ble ikke godtatt. Ta bort navn, datoer og fødselsnumre.');
    expect(byTestId(el, 'advice-text')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('gives a colleague in the author’s unit no advice form', async () => {
    const colleague = sessionFor({
      userId: 'user-siri',
      displayName: 'Siri Nilsen',
      kind: 'staff',
      roles: [{ role: 'staff', unitId: 'unit-kg', serviceId: 'service-kg', serviceKind: 'kindergarten' }],
    });
    const { el } = await render(colleague, discussionResponse({ isAuthor: false }));
    expect(byTestId(el, 'advice-form')).toBeNull();
    expect(byTestId(el, 'discussion-close')).toBeNull();
  });

  it('lets the author close it; a closed discussion takes no more advice', async () => {
    const discussion = discussionResponse();
    const { fixture, el } = await render(LEVEL0_SESSIONS.kari, discussion);
    click(el, 'discussion-close');
    const close = http.expectOne({ method: 'POST', url: '/api/anonymous-discussions/discussion-1/close' });
    expect(close.request.headers.get('If-Match')).toBe('"1"');
    close.flush({ ...discussion, status: 'closed', version: 2 });
    await fixture.whenStable();
    expect(byTestId(el, 'discussion-status')?.getAttribute('data-status')).toBe('closed');
    expect(textOf(el, 'discussion-notice')).toBe('Drøftingen er avsluttet.');
    expect(byTestId(el, 'advice-form')).toBeNull();
    expect(byTestId(el, 'discussion-close')).toBeNull();
  });

  it('says so and reloads when someone closed it in the meantime', async () => {
    const discussion = discussionResponse({ isAuthor: false });
    const { fixture, el } = await render(LEVEL0_SESSIONS.hanne, discussion);
    enter(el, 'advice-text', 'Bør henvises til PPT.');
    click(el, 'advice-submit');
    http
      .expectOne('/api/anonymous-discussions/discussion-1/advice')
      .flush({ status: 409, title: 'Conflict' }, { status: 409, statusText: 'Conflict' });
    http.expectOne('/api/anonymous-discussions/discussion-1').flush({ ...discussion, status: 'closed' });
    await fixture.whenStable();
    expect(textOf(el, 'discussion-notice')).toBe('Drøftingen er avsluttet, og det kan ikke gis flere råd. Den nyeste versjonen er hentet.');
    expect(byTestId(el, 'advice-form')).toBeNull();
  });

  it('says "not found or no access" for a discussion out of reach', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(LEVEL0_SESSIONS.hanne);
    await loaded;
    const fixture = TestBed.createComponent(DiscussionPage);
    fixture.componentRef.setInput('id', 'other');
    await fixture.whenStable();
    http.expectOne('/api/anonymous-discussions/other').flush({ status: 404 }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Siden finnes ikke, eller du har ikke tilgang til den.');
  });
});
