import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AccessLogEntryResponse, CaseResponse, ConsentResponse } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { goal, level2Case, measure, meeting } from '../../testing/cases';
import { byTestId, click, textOf } from '../../testing/concerns';
import { accessEntry, activeConsent, consentResponse, erik, signedDigitally, signer } from '../../testing/consents';
import { daysFromToday, instantDaysFromNow, longDate, shortDate } from '../../testing/dates';
import { SESSIONS } from '../../testing/sessions';
import { FamilyCasePage } from './family-case.page';

const URL = '/api/cases/case-1';
const CONSENT_URL = '/api/consents/consent-1';

/** The case as the family sees it: no permissions, no private notes. */
const familyCase = (overrides: Partial<CaseResponse> = {}): CaseResponse =>
  level2Case({
    permissions: {
      isCoordinator: false,
      canCoordinate: false,
      canContribute: false,
      canAnswerTransfer: false,
      canReassign: false,
      ownParticipantUnitIds: [],
      writesUnderHealthRegime: false,
    },
    ...overrides,
  });

const asked = (overrides: Partial<ConsentResponse> = {}) =>
  consentResponse({ status: 'pending_signatures', permissions: { canManage: false, canAnswer: true, canWithdraw: false }, ...overrides });
const given = (overrides: Partial<ConsentResponse> = {}) =>
  activeConsent({ permissions: { canManage: false, canAnswer: false, canWithdraw: true }, ...overrides });

describe('FamilyCasePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(record: CaseResponse, consents: ConsentResponse[], accessLog: AccessLogEntryResponse[] = []) {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.guardian);
    await loaded;
    const fixture = TestBed.createComponent(FamilyCasePage);
    fixture.componentRef.setInput('id', 'case-1');
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: URL }).flush(record, { headers: { ETag: `"${record.version}"` } });
    http.expectOne({ method: 'GET', url: `${URL}/consents` }).flush(consents);
    http.expectOne({ method: 'GET', url: `${URL}/access-log` }).flush(accessLog);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  async function act(fixture: ComponentFixture<FamilyCasePage>, action: () => void): Promise<void> {
    action();
    await fixture.whenStable();
  }

  /** After an answer the page reads the case (its log) and the consents again. */
  async function rereads(fixture: ComponentFixture<FamilyCasePage>, consents: ConsentResponse[]): Promise<void> {
    http.expectOne({ method: 'GET', url: URL }).flush(familyCase());
    http.expectOne({ method: 'GET', url: `${URL}/consents` }).flush(consents);
    await fixture.whenStable();
  }

  const dialog = (el: HTMLElement) => byTestId(el, 'family-consent-dialog') as HTMLDialogElement;

  it('says in plain words what is being done, who coordinates, the team, the plan, final minutes and the log', async () => {
    const { el } = await render(
      familyCase({
        goals: [goal({ text: 'Emma sover godt' })],
        measures: [measure({ description: 'Samtaler om søvn', evaluationDueOn: daysFromToday(42) })],
        meetings: [
          meeting({ id: 'm-final', minutesStatus: 'final', decisions: 'Helsesykepleier snakker med foreldrene' }),
          meeting({ id: 'm-draft', minutesStatus: 'draft', decisions: null, agenda: 'Oppfølging' }),
        ],
        log: [
          {
            id: 'l-1',
            kind: 'consent_given',
            text: 'v1',
            category: null,
            author: { userId: 'user-anne', displayName: 'Anne Nordmann' },
            createdAt: instantDaysFromNow(-1, 11),
          },
        ],
      }),
      [],
    );
    expect(textOf(el, 'family-case-heading')).toBe('Saken om Emma Nordmann');
    expect(textOf(el, 'family-level')).toBe('Flere tjenester samarbeider om å hjelpe.');
    expect(textOf(el, 'family-coordinator')).toBe('Kari Larsen, Sentrum barnehage');
    expect(byTestId(el, 'family-whereabouts-hidden')).toBeNull();
    expect(textOf(el, 'family-team')).toContain('Sentrum barnehage (Barnehagetjenesten)');
    expect(textOf(el, 'family-team')).toContain('Fjordvik helsestasjon (Helsestasjon)');
    expect(textOf(el, 'family-goals')).toContain('Emma sover godt');
    expect(textOf(el, 'family-measure')).toContain('Samtaler om søvn');
    expect(textOf(el, 'family-measure')).toContain('Ansvarlig: Sentrum barnehage');
    expect(textOf(el, 'family-measure')).toContain(`Vurderes innen ${longDate(daysFromToday(42))}`);
    const meetings = Array.from(el.querySelectorAll('[data-testid="family-meeting"]'));
    expect(meetings[0].textContent).toContain('Helsesykepleier snakker med foreldrene');
    expect(meetings[1].textContent).toContain('Referatet er ikke ferdig.');
    expect(textOf(el, 'family-log-entry')).toContain('Samtykke gitt');
    expect(textOf(el, 'family-no-consents')).toBe('Dere er ikke bedt om samtykke i denne saken.');
    expect(textOf(el, 'family-access-empty')).toBe('Ingen ansatte har sett saken ennå.');
  });

  it('says names are withheld, and shows none, when the child’s whereabouts are hidden from this guardian', async () => {
    const { el } = await render(
      familyCase({
        whereaboutsHidden: true,
        coordinator: { ...familyCase().coordinator, displayName: null, unitName: null },
        participants: familyCase().participants.map((p) => ({ ...p, unitName: null, staff: [] })),
        measures: [measure({ description: 'Samtaler om søvn', responsibleUnitName: null })],
        log: [
          {
            id: 'l-1',
            kind: 'participant_joined',
            text: null,
            category: null,
            author: { userId: 'user-kari', displayName: null },
            createdAt: instantDaysFromNow(-1, 11),
          },
        ],
      }),
      [],
    );
    expect(textOf(el, 'family-whereabouts-hidden')).toContain('Navn på enheter og ansatte vises ikke for deg');
    expect(textOf(el, 'family-coordinator')).toBe('Skjermet');
    expect(textOf(el, 'family-team')).toContain('Skjermet (Barnehagetjenesten)');
    expect(textOf(el, 'family-measure')).toContain('Ansvarlig: Skjermet');
    expect(textOf(el, 'family-log-entry')).toContain('Skjermet');
    expect(el.textContent).not.toContain('Sentrum barnehage');
    expect(el.textContent).not.toContain('Kari Larsen');
  });

  it('shows each consent in full, hides a draft not yet sent, and keeps replaced versions apart', async () => {
    const { el } = await render(familyCase(), [
      consentResponse({ id: 'consent-3', versionNo: 3, status: 'draft' }),
      given({ id: 'consent-2', versionNo: 2 }),
      consentResponse({ status: 'superseded', permissions: { canManage: false, canAnswer: false, canWithdraw: false } }),
    ]);
    const consents = Array.from(el.querySelectorAll('[data-testid="family-consent"]'));
    expect(consents.map((c) => c.getAttribute('data-status'))).toEqual(['active']);
    const shown = consents[0] as HTMLElement;
    expect(textOf(shown, 'consent-purpose')).toBe('Samarbeid om Emmas søvn og trivsel');
    expect(textOf(shown, 'consent-services')).toBe('Helsestasjon');
    // The fixture's consent lasts until 363 days from now.
    expect(textOf(shown, 'consent-period')).toContain(`til og med ${longDate(daysFromToday(363))}`);
    expect(shown.querySelector('[data-testid="family-withdraw"]')).not.toBeNull();
    expect(shown.querySelector('[data-testid="family-sign"]')).toBeNull();
    expect(byTestId(el, 'family-earlier-consents')?.querySelector('summary')?.textContent).toContain('Tidligere versjoner (1)');
  });

  it('signs a pending consent after a confirmation that says what it means, then says so plainly', async () => {
    const { fixture, el } = await render(familyCase(), [asked()]);
    await act(fixture, () => click(el, 'family-sign'));
    expect(dialog(el).hasAttribute('open')).toBe(true);
    expect(dialog(el).querySelector('h2')?.textContent).toBe('Vil du gi samtykke?');
    expect(textOf(el, 'family-dialog-body')).toContain('Du kan trekke samtykket tilbake når du vil.');
    expect(dialog(el).textContent).toContain('Helsestasjon');
    http.expectNone(`${CONSENT_URL}/sign`);
    await act(fixture, () => click(el, 'family-confirm'));
    const request = http.expectOne({ method: 'POST', url: `${CONSENT_URL}/sign` });
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-token-1');
    expect(request.request.headers.get('If-Match')).toMatch(/^"\d+"$/);
    const waiting = asked({
      signers: [signer({ answer: signedDigitally() }), erik()],
      permissions: { canManage: false, canAnswer: false, canWithdraw: false },
    });
    request.flush(waiting);
    await fixture.whenStable();
    await rereads(fixture, [waiting]);
    expect(dialog(el).hasAttribute('open')).toBe(false);
    const notice = byTestId(el, 'family-consent-notice');
    expect(notice?.getAttribute('role')).toBe('status');
    expect(notice?.textContent?.trim()).toBe('Takk. Du har gitt samtykke. Det gjelder når alle som må svare, har gitt samtykke.');
    expect(byTestId(el, 'family-sign')).toBeNull();
  });

  it('says the consent is in force when the last signature made it active', async () => {
    const { fixture, el } = await render(familyCase(), [asked()]);
    await act(fixture, () => click(el, 'family-sign'));
    await act(fixture, () => click(el, 'family-confirm'));
    http.expectOne(`${CONSENT_URL}/sign`).flush(given());
    await fixture.whenStable();
    await rereads(fixture, [given()]);
    expect(textOf(el, 'family-consent-notice')).toBe('Takk. Du har gitt samtykke, og det gjelder nå.');
  });

  it('declines after a confirmation, and the refusal is said', async () => {
    const { fixture, el } = await render(familyCase(), [asked()]);
    await act(fixture, () => click(el, 'family-decline'));
    expect(dialog(el).querySelector('h2')?.textContent).toBe('Vil du si nei?');
    await act(fixture, () => click(el, 'family-confirm'));
    const declined = asked({ status: 'declined', permissions: { canManage: false, canAnswer: false, canWithdraw: false } });
    http.expectOne({ method: 'POST', url: `${CONSENT_URL}/decline` }).flush(declined);
    await fixture.whenStable();
    await rereads(fixture, [declined]);
    expect(textOf(el, 'family-consent-notice')).toBe('Du har sagt nei til samtykket.');
    expect(textOf(el, 'consent-status')).toBe('Avslått');
  });

  it('withdraws with one action and a confirmation that says the other services lose access at once', async () => {
    const { fixture, el } = await render(familyCase(), [given()]);
    await act(fixture, () => click(el, 'family-withdraw'));
    expect(dialog(el).querySelector('h2')?.textContent).toBe('Vil du trekke tilbake samtykket?');
    expect(textOf(el, 'family-dialog-body')).toContain('De andre tjenestene mister tilgang til saken med en gang.');
    // Cancelling sends nothing.
    await act(fixture, () => click(el, 'family-cancel'));
    expect(dialog(el).hasAttribute('open')).toBe(false);
    http.expectNone(`${CONSENT_URL}/withdraw`);

    await act(fixture, () => click(el, 'family-withdraw'));
    await act(fixture, () => click(el, 'family-confirm'));
    const request = http.expectOne({ method: 'POST', url: `${CONSENT_URL}/withdraw` });
    expect(request.request.body).toEqual({});
    const withdrawn = given({
      status: 'withdrawn',
      withdrawnAt: new Date().toISOString(),
      permissions: { canManage: false, canAnswer: false, canWithdraw: false },
    });
    request.flush(withdrawn);
    await fixture.whenStable();
    await rereads(fixture, [withdrawn]);
    expect(textOf(el, 'family-consent-notice')).toBe(
      'Samtykket er trukket tilbake. De andre tjenestene har ikke lenger tilgang til saken.',
    );
    expect(textOf(el, 'consent-status')).toBe('Trukket tilbake');
    expect(byTestId(el, 'family-withdraw')).toBeNull();
  });

  it('keeps the dialog open and says so when the server did not answer; shows the consent as it is when refused', async () => {
    const { fixture, el } = await render(familyCase(), [given()]);
    await act(fixture, () => click(el, 'family-withdraw'));
    await act(fixture, () => click(el, 'family-confirm'));
    http.expectOne(`${CONSENT_URL}/withdraw`).flush(null, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(dialog(el).hasAttribute('open')).toBe(true);
    expect(textOf(el, 'family-dialog-problem')).toBe('Det ble ikke lagret fordi tjeneren ikke svarte. Prøv igjen.');

    await act(fixture, () => click(el, 'family-confirm'));
    const refused = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'status', messages: ['Only an active consent is withdrawn'] }],
    };
    http.expectOne(`${CONSENT_URL}/withdraw`).flush(refused, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    http
      .expectOne({ method: 'GET', url: `${URL}/consents` })
      .flush([given({ status: 'expired', permissions: { canManage: false, canAnswer: false, canWithdraw: false } })]);
    await fixture.whenStable();
    expect(dialog(el).hasAttribute('open')).toBe(false);
    expect(byTestId(el, 'family-consent-notice')?.getAttribute('role')).toBe('alert');
    expect(textOf(el, 'consent-status')).toBe('Utløpt');
  });

  it('lists who has looked at the case: when, who, role, unit and service, what and why, in plain words', async () => {
    const { el } = await render(
      familyCase(),
      [given()],
      [
        accessEntry(),
        accessEntry({
          actor: 'Kari Larsen',
          unitName: 'Sentrum barnehage',
          serviceName: 'Barnehagetjenesten',
          action: 'change_level',
          basis: 'coordinator',
        }),
        accessEntry({ actor: 'Kari Larsen', action: 'create', recordType: 'case_measure', basis: 'ownership', role: 'unit_leader' }),
        accessEntry({
          actor: 'Ukjent',
          unitName: null,
          serviceName: null,
          action: 'archive',
          recordType: 'something_new',
          basis: 'unheard_of',
          role: null,
        }),
      ],
    );
    const rows = Array.from(el.querySelectorAll('[data-testid="family-access-row"]')).map((r) =>
      Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows[0].slice(1)).toEqual(['Eva Strand', 'Ansatt', 'PPT Fjordvik (PPT)', 'Leste saken', 'Samtykke dere har gitt']);
    // The fixture's reading was yesterday morning.
    expect(rows[0][0]).toContain(shortDate(daysFromToday(-1)));
    expect(rows[1].slice(4)).toEqual(['Endret nivået', 'Stafettholder i saken']);
    expect(rows[2].slice(2)).toEqual(['Enhetsleder', 'PPT Fjordvik (PPT)', 'La til et tiltak', 'Tjenesten som startet saken']);
    expect(rows[3].slice(2)).toEqual(['Ikke oppgitt', 'Ikke oppgitt', 'Gjorde en endring i saken', 'Annet']);
    const headers = Array.from(el.querySelectorAll('[data-testid="family-access-table"] th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Når', 'Hvem', 'Rolle', 'Enhet og tjeneste', 'Hva', 'Hvorfor de har lov']);
  });

  it('says "not found or no access" when the case cannot be read', async () => {
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSIONS.guardian);
    await loaded;
    const fixture = TestBed.createComponent(FamilyCasePage);
    fixture.componentRef.setInput('id', 'case-1');
    await fixture.whenStable();
    for (const url of [URL, `${URL}/consents`, `${URL}/access-log`])
      http.expectOne(url).flush(null, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toBe(
      'Siden finnes ikke, eller du har ikke tilgang til den.',
    );
  });
});
