import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { defaultValidTo } from '@stafett/domain';
import type { CaseResponse, ConsentResponse, SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { asHanne, caseResponse, healthParticipant, level2Case, participant } from '../../testing/cases';
import { byTestId, click, enter, textOf } from '../../testing/concerns';
import { activeConsent, consentResponse, erik, signedDigitally, signer } from '../../testing/consents';
import { daysFromToday, instantDaysFromNow, longDate } from '../../testing/dates';
import { LEVEL0_SESSIONS, MUNICIPALITIES, ORGANISATION, problem } from '../../testing/level0';
import { todayIso } from '../concerns/concern-texts';
import { CasePage } from './case.page';

const URL = '/api/cases/case-1';
const CONSENT_URL = '/api/consents/consent-1';

describe('CasePage: consent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(record: CaseResponse, consents: ConsentResponse[], session: SessionInfo = LEVEL0_SESSIONS.kari) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(session);
    await loaded;
    const fixture = TestBed.createComponent(CasePage);
    fixture.componentRef.setInput('id', 'case-1');
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: URL }).flush(record, { headers: { ETag: `"${record.version}"` } });
    http.expectOne({ method: 'GET', url: `${URL}/consents` }).flush(consents);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  async function act(fixture: ComponentFixture<CasePage>, action: () => void): Promise<void> {
    action();
    await fixture.whenStable();
  }

  async function flush(fixture: ComponentFixture<CasePage>, request: TestRequest, body: ConsentResponse): Promise<void> {
    request.flush(body);
    await fixture.whenStable();
  }

  /** What the "ask for consent" form reads when it opens: the organisation and the coordinator's candidates. */
  async function formData(fixture: ComponentFixture<CasePage>): Promise<void> {
    http.expectOne('/api/municipalities').flush(MUNICIPALITIES);
    await fixture.whenStable();
    http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
    http
      .expectOne(`${URL}/coordinator-candidates`)
      .flush([{ userId: 'user-hanne', displayName: 'Hanne Moe', unitId: 'unit-health', unitName: 'Fjordvik helsestasjon' }]);
    await fixture.whenStable();
  }

  /** After a consent changed state, the page reads the consents and the case again. */
  async function rereads(fixture: ComponentFixture<CasePage>, consents: ConsentResponse[], record: CaseResponse): Promise<void> {
    http.expectOne({ method: 'GET', url: `${URL}/consents` }).flush(consents);
    http.expectOne({ method: 'GET', url: URL }).flush(record, { headers: { ETag: `"${record.version}"` } });
    await fixture.whenStable();
  }

  const byId = (el: HTMLElement, id: string) => el.querySelector(`[id="${id}"]`) as HTMLInputElement;
  const section = (el: HTMLElement) => byTestId(el, 'case-consents') as HTMLElement;

  describe('status and what is missing', () => {
    it('says every taking-part service is covered, and shows each version with the signers’ answers', async () => {
      const oral = erik({
        answer: {
          decision: 'signed',
          method: 'oral',
          answeredAt: instantDaysFromNow(-1, 13),
          recordedBy: 'Kari Larsen',
          note: 'På telefon',
        },
      });
      const { el } = await render(level2Case(), [
        activeConsent({ id: 'consent-2', versionNo: 2, signers: [signer({ answer: signedDigitally() }), oral] }),
        consentResponse({ status: 'superseded' }),
      ]);
      // The fixture's consent runs from yesterday to 363 days from now.
      expect(textOf(el, 'consent-active')).toContain(`Aktivt samtykke til og med ${longDate(daysFromToday(363))}`);
      expect(textOf(el, 'consent-active')).toContain('Dager igjen: 363');
      expect(textOf(el, 'consent-covered')).toBe('Alle tjenestene i laget er med i samtykket.');
      expect(byTestId(el, 'consent-missing')).toBeNull();
      const items = Array.from(section(el).querySelectorAll('[data-testid="consent-item"]'));
      expect(items.map((i) => i.getAttribute('data-status'))).toEqual(['active', 'superseded']);
      const first = items[0] as HTMLElement;
      expect(textOf(first, 'consent-status')).toBe('Gjelder nå');
      expect(textOf(first, 'consent-purpose')).toBe('Samarbeid om Emmas søvn og trivsel');
      expect(textOf(first, 'consent-categories')).toBe('Trivsel, Helse');
      expect(textOf(first, 'consent-services')).toBe('Helsestasjon');
      expect(textOf(first, 'consent-period')).toContain(`${longDate(daysFromToday(-1))} til og med ${longDate(daysFromToday(363))}`);
      const signers = Array.from(first.querySelectorAll('[data-testid="consent-signer"]')).map((s) =>
        s.textContent?.replace(/\s+/g, ' ').trim(),
      );
      const yesterday = longDate(daysFromToday(-1));
      expect(signers[0]).toContain(`Anne Nordmann: Har gitt samtykke (digitalt), ${yesterday}`);
      expect(signers[1]).toContain(`Erik Nordmann: Har gitt samtykke (muntlig, registrert av Kari Larsen), ${yesterday} – På telefon`);
      expect(textOf(items[1] as HTMLElement, 'consent-status')).toBe('Erstattet av en nyere versjon');
      // An active consent can have its withdrawal recorded; nothing is to be done with a superseded one.
      expect(first.querySelector('[data-testid="consent-record-withdrawal"]')).not.toBeNull();
      expect(items[1].querySelector('button')).toBeNull();
    });

    it('names the taking-part services no active consent covers, and who has not answered yet', async () => {
      const pending = consentResponse({ status: 'pending_signatures', signers: [signer({ answer: signedDigitally() }), erik()] });
      const { el } = await render(level2Case(), [pending]);
      expect(textOf(el, 'consent-none')).toBe('Saken har ikke noe aktivt samtykke.');
      expect(textOf(el, 'consent-missing')).toBe('Tjenester i laget uten samtykke: Helsestasjon');
      expect(textOf(el, 'consent-waiting')).toBe('Venter på svar fra: Erik Nordmann');
    });

    it('says that the owning service alone needs no consent, and which named services may join', async () => {
      const { el } = await render(caseResponse(), [activeConsent()]);
      expect(textOf(el, 'consent-own-only')).toBe('Bare tjenesten som startet saken, er med. Den trenger ikke samtykke.');
      expect(textOf(el, 'consent-may-join')).toBe('Samtykket nevner også, men de er ikke med ennå: Helsestasjon');
    });

    it('shows a participant who does not coordinate the consents without any of the coordinator’s actions', async () => {
      const { el } = await render(
        asHanne(level2Case()),
        [activeConsent({ permissions: { canManage: false, canAnswer: false, canWithdraw: false } })],
        LEVEL0_SESSIONS.hanne,
      );
      expect(byTestId(el, 'consent-item')).not.toBeNull();
      expect(byTestId(el, 'consent-ask')).toBeNull();
      expect(section(el).querySelector('.actions button')).toBeNull();
    });
  });

  describe('the coordinator', () => {
    it('asks for consent: what, which services, exclusions and the period, with the default last day shown', async () => {
      const { fixture, el } = await render(caseResponse(), []);
      expect(textOf(el, 'consents-empty')).toBe('Det er ikke bedt om samtykke i saken.');
      await act(fixture, () => click(el, 'consent-ask'));
      expect(byTestId(el, 'consent-dialog')?.hasAttribute('open')).toBe(true);
      await formData(fixture);
      expect(textOf(el, 'consent-valid-to-hint')).toMatch(
        /^Hvis tomt: kommunens standardlengde, 6 måneder – til og med \d+\. \w+ \d{4}\.$/,
      );
      // The municipality's own length (6 months in this organisation), not a guess.
      expect(el.querySelector('[data-testid="consent-valid-to-hint"] time')?.getAttribute('datetime')).toBe(
        defaultValidTo(todayIso(), { consentDefaultMonths: 6 }),
      );

      await act(fixture, () => click(el, 'consent-create'));
      http.expectNone({ method: 'POST', url: `${URL}/consents` });
      expect(el.querySelector('#consent-purpose-error')?.textContent).toContain('Skriv hva samtykket gjelder.');
      expect(el.querySelector('#consent-categories-error')?.textContent).toContain('Velg minst én type opplysninger.');
      expect(el.querySelector('#consent-services-error')?.textContent).toContain('Velg minst én tjeneste.');

      enter(el, 'consent-purpose-input', '  Samarbeid om Emmas søvn  ');
      await act(fixture, () => byId(el, 'consent-category-wellbeing').click());
      await act(fixture, () => byId(el, 'consent-category-health').click());
      await act(fixture, () => byId(el, 'consent-service-service-health').click());
      await act(fixture, () => byId(el, 'consent-exclude-user-hanne').click());
      // A category cannot be both shared and excluded.
      await act(fixture, () => byId(el, 'consent-exclude-category-health').click());
      await act(fixture, () => click(el, 'consent-create'));
      http.expectNone({ method: 'POST', url: `${URL}/consents` });
      expect(el.querySelector('#consent-excluded-categories-error')?.textContent).toContain('En opplysning kan ikke både deles og unntas.');
      await act(fixture, () => byId(el, 'consent-exclude-category-health').click());
      await act(fixture, () => byId(el, 'consent-exclude-category-violence_or_abuse').click());
      const lastDay = daysFromToday(200);
      enter(el, 'consent-valid-to', lastDay);
      await act(fixture, () => click(el, 'consent-create'));

      const request = http.expectOne({ method: 'POST', url: `${URL}/consents` });
      expect(request.request.body).toEqual({
        purpose: 'Samarbeid om Emmas søvn',
        categories: ['wellbeing', 'health'],
        serviceIds: ['service-health'],
        excludedUserIds: ['user-hanne'],
        excludedCategories: ['violence_or_abuse'],
        validTo: lastDay,
      });
      expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-token-1');
      const draft = consentResponse({ validTo: lastDay });
      await flush(fixture, request, draft);
      await rereads(fixture, [draft], caseResponse());
      expect(byTestId(el, 'consent-dialog')?.hasAttribute('open')).toBe(false);
      expect(section(el).querySelector('[data-testid="case-notice"]')?.textContent?.trim()).toBe(
        'Utkastet er lagret. Send det til underskrift når det er klart.',
      );
      expect(textOf(el, 'consent-status')).toBe('Utkast – ikke sendt');
    });

    it('starts a new version from the latest one, with its services checked', async () => {
      const { fixture, el } = await render(level2Case(), [activeConsent()]);
      expect(textOf(el, 'consent-ask')).toBe('Be om nytt samtykke');
      await act(fixture, () => click(el, 'consent-ask'));
      await formData(fixture);
      expect((byTestId(el, 'consent-purpose-input') as HTMLTextAreaElement).value).toBe('Samarbeid om Emmas søvn og trivsel');
      expect(byId(el, 'consent-category-health').checked).toBe(true);
      expect(byId(el, 'consent-service-service-health').checked).toBe(true);
      expect(byId(el, 'consent-service-service-kg').checked).toBe(false);
    });

    it('shows the server’s refusal of the period at the field', async () => {
      const { fixture, el } = await render(level2Case(), []);
      await act(fixture, () => click(el, 'consent-ask'));
      await formData(fixture);
      // The team's other services are checked to begin with.
      expect(byId(el, 'consent-service-service-health').checked).toBe(true);
      enter(el, 'consent-purpose-input', 'Samarbeid');
      await act(fixture, () => byId(el, 'consent-category-wellbeing').click());
      await act(fixture, () => click(el, 'consent-create'));
      const refused = problem([{ field: 'validTo', messages: ['The last day has already passed'] }]);
      http.expectOne({ method: 'POST', url: `${URL}/consents` }).flush(refused.body, refused.init);
      await fixture.whenStable();
      expect(el.querySelector('#consent-valid-to-error')?.textContent).toContain(
        'Til-datoen kan ikke være før fra-datoen eller ha passert.',
      );
      expect(byTestId(el, 'consent-dialog')?.hasAttribute('open')).toBe(true);
    });

    it('sends a draft for signatures, and asks for the reason when one signature is to be enough', async () => {
      const { fixture, el } = await render(level2Case(), [consentResponse()]);
      await act(fixture, () => click(el, 'consent-submit'));
      expect(textOf(el, 'consent-submit-signers')).toContain('Anne Nordmann');
      expect(textOf(el, 'consent-submit-signers')).toContain('Erik Nordmann');
      await act(fixture, () => byId(el, 'consent-single').click());
      await act(fixture, () => click(el, 'consent-submit-send'));
      http.expectNone(`${CONSENT_URL}/submit`);
      expect(el.querySelector('#consent-single-reason-input-error')?.textContent).toContain('Skriv hvorfor én underskrift er nok.');
      enter(el, 'consent-single-reason-input', 'Far er på reise og kan ikke nås');
      await act(fixture, () => click(el, 'consent-submit-send'));
      const request = http.expectOne({ method: 'POST', url: `${CONSENT_URL}/submit` });
      expect(request.request.body).toEqual({ singleSignatureReason: 'Far er på reise og kan ikke nås' });
      const pending = consentResponse({ status: 'pending_signatures', singleSignatureReason: 'Far er på reise og kan ikke nås' });
      await flush(fixture, request, pending);
      await rereads(fixture, [pending], level2Case());
      expect(section(el).querySelector('[data-testid="case-notice"]')?.textContent?.trim()).toBe('Samtykket er sendt til underskrift.');
      expect(textOf(el, 'consent-single-reason')).toBe('Far er på reise og kan ikke nås');
      expect(byTestId(el, 'consent-record-answer')).not.toBeNull();
    });

    it('sends a draft without a reason when every signer is to sign', async () => {
      const { fixture, el } = await render(level2Case(), [consentResponse()]);
      await act(fixture, () => click(el, 'consent-submit'));
      await act(fixture, () => click(el, 'consent-submit-send'));
      const request = http.expectOne({ method: 'POST', url: `${CONSENT_URL}/submit` });
      expect(request.request.body).toEqual({});
      const refused = problem([{ field: 'signers', messages: ['Nobody can give this consent: no guardian with parental responsibility'] }]);
      request.flush(refused.body, refused.init);
      await fixture.whenStable();
      expect(byTestId(el, 'consent-submit-form')?.textContent).toContain('Nobody can give this consent');
    });

    it('records an oral answer of a signer who has not answered, marked as such, with a note', async () => {
      const pending = consentResponse({ status: 'pending_signatures', signers: [signer({ answer: signedDigitally() }), erik()] });
      const { fixture, el } = await render(level2Case(), [pending]);
      await act(fixture, () => click(el, 'consent-record-answer'));
      // Only those who have not answered are offered.
      expect(byId(el, 'consent-answer-signer-user-anne')).toBeNull();
      await act(fixture, () => click(el, 'consent-answer-submit'));
      http.expectNone(`${CONSENT_URL}/answers`);
      expect(el.querySelector('#consent-answer-signer-error')?.textContent).toContain('Velg hvem som svarte.');
      expect(el.querySelector('#consent-answer-note-error')?.textContent).toContain('Skriv et notat.');
      await act(fixture, () => byId(el, 'consent-answer-signer-user-erik').click());
      await act(fixture, () => byId(el, 'consent-answer-decision-signed').click());
      await act(fixture, () => byId(el, 'consent-answer-method-oral').click());
      enter(el, 'consent-answer-note', 'Ringte 21.11. kl. 12');
      await act(fixture, () => click(el, 'consent-answer-submit'));
      const request = http.expectOne({ method: 'POST', url: `${CONSENT_URL}/answers` });
      expect(request.request.body).toEqual({ signerKey: 'user-erik', decision: 'signed', method: 'oral', note: 'Ringte 21.11. kl. 12' });
      const active = activeConsent({
        signers: [
          signer({ answer: signedDigitally() }),
          erik({
            answer: {
              decision: 'signed',
              method: 'oral',
              answeredAt: instantDaysFromNow(-1, 13),
              recordedBy: 'Kari Larsen',
              note: 'Ringte',
            },
          }),
        ],
      });
      await flush(fixture, request, active);
      await rereads(fixture, [active], level2Case());
      expect(section(el).querySelector('[data-testid="case-notice"]')?.textContent?.trim()).toBe('Svaret er registrert.');
      expect(textOf(el, 'consent-covered')).toBe('Alle tjenestene i laget er med i samtykket.');
    });

    it('records a withdrawal given orally or in writing on the signer’s behalf', async () => {
      const { fixture, el } = await render(level2Case(), [activeConsent()]);
      await act(fixture, () => click(el, 'consent-record-withdrawal'));
      expect(byTestId(el, 'consent-withdrawal-form')?.textContent).toContain('mister tilgang med en gang');
      await act(fixture, () => byId(el, 'consent-withdraw-signer-user-anne').click());
      enter(el, 'consent-withdraw-note', 'Brev mottatt 22.11.');
      await act(fixture, () => click(el, 'consent-withdraw-submit'));
      const request = http.expectOne({ method: 'POST', url: `${CONSENT_URL}/withdraw` });
      expect(request.request.body).toEqual({ onBehalfOf: 'user-anne', note: 'Brev mottatt 22.11.' });
      const withdrawn = activeConsent({
        status: 'withdrawn',
        daysLeft: null,
        withdrawnAt: new Date().toISOString(),
        withdrawalReason: 'Brev mottatt 22.11.',
      });
      await flush(fixture, request, withdrawn);
      await rereads(fixture, [withdrawn], level2Case());
      expect(section(el).querySelector('[data-testid="case-notice"]')?.textContent?.trim()).toBe(
        'Samtykket er trukket tilbake. De andre tjenestene har ikke lenger tilgang.',
      );
      expect(textOf(el, 'consent-withdrawn')).toContain('Brev mottatt 22.11.');
      expect(textOf(el, 'consent-missing')).toBe('Tjenester i laget uten samtykke: Helsestasjon');
    });

    it('shows the consents as they are now when a command is refused as not allowed', async () => {
      const { fixture, el } = await render(level2Case(), [activeConsent()]);
      await act(fixture, () => click(el, 'consent-record-withdrawal'));
      await act(fixture, () => byId(el, 'consent-withdraw-signer-user-anne').click());
      enter(el, 'consent-withdraw-note', 'Brev');
      await act(fixture, () => click(el, 'consent-withdraw-submit'));
      http.expectOne(`${CONSENT_URL}/withdraw`).flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
      await fixture.whenStable();
      http.expectOne({ method: 'GET', url: URL }).flush(level2Case(), { headers: { ETag: '"4"' } });
      http.expectOne({ method: 'GET', url: `${URL}/consents` }).flush([activeConsent()]);
      await fixture.whenStable();
      expect(byTestId(el, 'consent-withdrawal-form')?.textContent).toContain('Du har ikke lov til å gjøre dette i saken.');
    });
  });

  describe('level and team need a consent naming the service', () => {
    /** Opens the level dialog, chooses level 2 and the health station, and gives a reason. */
    async function escalate(fixture: ComponentFixture<CasePage>, el: HTMLElement): Promise<void> {
      await act(fixture, () => click(el, 'change-level'));
      http.expectOne('/api/municipalities').flush(MUNICIPALITIES);
      await fixture.whenStable();
      http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
      await fixture.whenStable();
      await act(fixture, () => click(el, 'level-to-2'));
      await act(fixture, () => byId(el, 'level-join-unit-health').click());
      enter(el, 'level-reason', 'Trenger helsestasjonen');
      await fixture.whenStable();
    }

    it('says before sending which joining services no consent names, and leads to the consent section', async () => {
      const { fixture, el } = await render(caseResponse(), []);
      await escalate(fixture, el);
      expect(textOf(el, 'level-consent-needed')).toContain('Samtykket nevner ikke disse tjenestene ennå: Helsestasjon');
      await act(fixture, () => click(el, 'level-go-to-consent'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(byTestId(el, 'level-dialog')?.hasAttribute('open')).toBe(false);
      expect(document.activeElement?.id).toBe('case-consents-heading');
    });

    it('says nothing of consent when the active one names the joining service', async () => {
      const { fixture, el } = await render(caseResponse(), [activeConsent()]);
      await escalate(fixture, el);
      expect(byTestId(el, 'level-consent-needed')).toBeNull();
      await act(fixture, () => click(el, 'level-submit'));
      http.expectOne({ method: 'POST', url: `${URL}/level` }).flush(level2Case({ version: 5 }), { headers: { ETag: '"5"' } });
      await fixture.whenStable();
      expect(textOf(el, 'case-level-now')).toBe('Nivå 2 – samarbeid mellom tjenester');
    });

    it('explains a refused unit for want of consent at the unit, and points to the consent section', async () => {
      const { fixture, el } = await render(level2Case({ participants: [participant(), healthParticipant()] }), [activeConsent()]);
      await act(fixture, () => click(el, 'add-participant'));
      http.expectOne('/api/municipalities').flush(MUNICIPALITIES);
      await fixture.whenStable();
      http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
      await fixture.whenStable();
      enter(el, 'participant-unit', 'unit-school');
      await act(fixture, () => click(el, 'participant-submit'));
      const refused = problem([{ field: 'consent', messages: ['The joining service must be covered by an active consent'] }]);
      http.expectOne(`${URL}/participants`).flush(refused.body, refused.init);
      await fixture.whenStable();
      expect(textOf(el, 'participant-unit-error')).toBe(
        'Det trengs et aktivt samtykke som nevner enhetens tjeneste. Be om samtykke under «Samtykke».',
      );
      await act(fixture, () => click(el, 'participant-go-to-consent'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(byTestId(el, 'participant-form')).toBeNull();
      expect(document.activeElement?.id).toBe('case-consents-heading');
    });
  });
});
