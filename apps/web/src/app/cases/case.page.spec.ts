import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CaseResponse, ConsentResponse, SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import { asHanne, caseResponse, goal, healthParticipant, level2Case, measure, meeting, participant } from '../../testing/cases';
import { byTestId, click, enter, textOf } from '../../testing/concerns';
import { daysFromToday, instantDaysFromNow, localDateTimeDaysFromNow } from '../../testing/dates';
import { LEVEL0_SESSIONS, MUNICIPALITIES, ORGANISATION, problem } from '../../testing/level0';
import { CasePage } from './case.page';

const URL = '/api/cases/case-1';

describe('CasePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(record: CaseResponse, session: SessionInfo = LEVEL0_SESSIONS.kari, consents: ConsentResponse[] = []) {
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

  /** Answers a command with the case as it now stands, and lets the page render it. */
  async function answer(fixture: ComponentFixture<CasePage>, request: TestRequest, record: CaseResponse): Promise<void> {
    request.flush(record, { headers: { ETag: `"${record.version}"` } });
    await fixture.whenStable();
  }

  /** The municipality's organisation, which the forms choosing units read. */
  async function organisation(fixture: ComponentFixture<CasePage>): Promise<void> {
    http.expectOne('/api/municipalities').flush(MUNICIPALITIES);
    await fixture.whenStable();
    http.expectOne('/api/municipalities/9999/organisation').flush(ORGANISATION);
    await fixture.whenStable();
  }

  const byId = (el: HTMLElement, id: string) => el.querySelector(`[id="${id}"]`) as HTMLInputElement | HTMLSelectElement;

  async function act(fixture: ComponentFixture<CasePage>, action: () => void): Promise<void> {
    action();
    await fixture.whenStable();
  }

  describe('what it shows', () => {
    it('shows the level and its history with the child’s view, the baton, the team and the plan', async () => {
      const { el } = await render(
        level2Case({
          levelHistory: [
            ...caseResponse().levelHistory,
            {
              id: 'decision-2',
              kind: 'escalated',
              fromLevel: 1,
              toLevel: 2,
              reason: 'Trenger helsestasjonen',
              childView: 'Emma vil snakke med helsesykepleier',
              meetingId: null,
              decidedBy: { userId: 'user-kari', displayName: 'Kari Larsen' },
              decidedAt: instantDaysFromNow(-1, 10),
            },
          ],
          measures: [
            // Evaluated once; the next evaluation was due two days ago.
            measure({
              evaluationDueOn: daysFromToday(-2),
              evaluationOverdue: true,
              evaluations: [
                {
                  id: 'e-1',
                  evaluatedOn: daysFromToday(-12),
                  effect: 'partly',
                  childView: 'Det hjelper litt',
                  decision: 'continue',
                  note: null,
                  nextEvaluationDueOn: daysFromToday(-2),
                  evaluatedBy: { userId: 'user-kari', displayName: 'Kari Larsen' },
                },
              ],
            }),
          ],
          log: [
            {
              id: 'l-1',
              kind: 'level_changed',
              text: 'Nivå 2',
              author: { userId: 'user-kari', displayName: 'Kari Larsen' },
              createdAt: instantDaysFromNow(-1, 10),
            } as CaseResponse['log'][number],
          ],
        }),
      );
      expect(textOf(el, 'case-heading')).toBe('Sak: Emma Nordmann');
      expect(textOf(el, 'case-level-now')).toBe('Nivå 2 – samarbeid mellom tjenester');
      expect(textOf(el, 'case-coordinator')).toContain('Kari Larsen – Sentrum barnehage');
      expect(textOf(el, 'you-coordinate')).toBe('Du er stafettholder');
      const escalated = el.querySelector('[data-testid="level-decision"][data-kind="escalated"]') as HTMLElement;
      expect(escalated.textContent).toContain('Opp i nivå');
      expect(escalated.textContent).toContain('Nivå 1 – egen tjeneste → Nivå 2 – samarbeid mellom tjenester');
      expect(escalated.textContent).toContain('Trenger helsestasjonen');
      expect(escalated.querySelector('[data-testid="level-decision-child-view"]')?.textContent).toBe('Emma vil snakke med helsesykepleier');
      const rows = Array.from(el.querySelectorAll('[data-testid="participant-row"]'));
      expect(rows.map((r) => r.querySelector('[data-testid="participant-row-role"]')?.textContent?.trim())).toEqual([
        'Koordinerende',
        'Helseoppfølging',
      ]);
      expect(rows[1].textContent).toContain('Hanne Moe');
      expect(textOf(el, 'measure-overdue')).toBe('Evaluering over fristen');
      expect(textOf(el, 'measure-responsible')).toBe('Sentrum barnehage');
      expect(textOf(el, 'evaluation-child-view-text')).toBe('«Det hjelper litt»');
      expect(textOf(el, 'log')).toContain('Nivå endret');
      expect(textOf(el, 'notes-privacy')).toContain('Bare ansatte i din enhet ser disse notatene');
    });

    it('shows a closed case read-only, with the reason, and lets the coordinator reopen it as a decision', async () => {
      const closed = caseResponse({
        status: 'closed',
        closure: { reason: 'goals_reached', otherText: null, closedAt: instantDaysFromNow(-1, 15) },
        measures: [measure()],
      });
      const { fixture, el } = await render(closed);
      expect(textOf(el, 'case-closed')).toContain('Saken er avsluttet og kan bare leses.');
      expect(textOf(el, 'case-closed')).toContain('Målene er nådd');
      for (const testId of [
        'change-level',
        'close-case',
        'ask-transfer',
        'goal-form',
        'add-measure',
        'add-meeting',
        'log-form',
        'note-form',
      ]) {
        expect(byTestId(el, testId)).toBeNull();
      }
      expect(byTestId(el, 'evaluate-measure')).toBeNull();
      await act(fixture, () => click(el, 'reopen-submit'));
      expect(textOf(el, 'reopen-reason-error')).toBe('Skriv hvorfor saken gjenåpnes.');
      http.expectNone(`${URL}/reopen`);
      enter(el, 'reopen-reason', 'Ny bekymring fra barnehagen');
      click(el, 'reopen-submit');
      const request = http.expectOne({ method: 'POST', url: `${URL}/reopen` });
      expect(request.request.body).toEqual({ reason: 'Ny bekymring fra barnehagen' });
      expect(request.request.headers.get('If-Match')).toBe('"4"');
      await answer(fixture, request, caseResponse({ version: 5 }));
      expect(textOf(el, 'case-notice')).toBe('Saken er gjenåpnet.');
      expect(byTestId(el, 'change-level')).not.toBeNull();
    });

    it('shows a participant who does not coordinate no coordinator actions, and lets them evaluate only their unit’s measures', async () => {
      const record = asHanne(
        level2Case({
          measures: [
            measure({ id: 'm-health', description: 'Helsesamtaler', responsibleParticipantId: 'p-health' }),
            measure({ id: 'm-kg', description: 'Hvile i barnehagen', responsibleParticipantId: 'p-kg' }),
          ],
        }),
      );
      const { el } = await render(record, LEVEL0_SESSIONS.hanne);
      for (const testId of ['change-level', 'close-case', 'ask-transfer', 'goal-form', 'add-measure', 'add-meeting', 'add-participant']) {
        expect(byTestId(el, testId)).toBeNull();
      }
      expect(byTestId(el, 'you-coordinate')).toBeNull();
      expect(byTestId(el, 'log-form')).not.toBeNull();
      const items = Array.from(el.querySelectorAll('[data-testid="measure-item"]'));
      expect(items.map((i) => i.querySelector('[data-testid="evaluate-measure"]') !== null)).toEqual([true, false]);
    });

    it('says "not found or no access" when the case cannot be read', async () => {
      const loaded = TestBed.inject(SessionStore).load();
      http.expectOne('/api/me').flush(LEVEL0_SESSIONS.kari);
      await loaded;
      const fixture = TestBed.createComponent(CasePage);
      fixture.componentRef.setInput('id', 'case-1');
      await fixture.whenStable();
      http.expectOne(URL).flush(null, { status: 404, statusText: 'Not Found' });
      http.expectOne(`${URL}/consents`).flush(null, { status: 404, statusText: 'Not Found' });
      await fixture.whenStable();
      expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toBe(
        'Siden finnes ikke, eller du har ikke tilgang til den.',
      );
    });
  });

  describe('level', () => {
    it('refuses an escalation to level 2 without a second service before sending, then sends the decision with the joining unit', async () => {
      const { fixture, el } = await render(caseResponse());
      await act(fixture, () => click(el, 'change-level'));
      expect(byTestId(el, 'level-dialog')?.hasAttribute('open')).toBe(true);
      await organisation(fixture);
      // The current level is not offered.
      expect(byTestId(el, 'level-to-1')).toBeNull();
      await act(fixture, () => click(el, 'level-to-2'));
      enter(el, 'level-reason', 'Trenger helsestasjonen');
      await act(fixture, () => click(el, 'level-submit'));
      http.expectNone(`${URL}/level`);
      expect(textOf(el, 'level-joining-error')).toBe('Nivå 2 og 3 krever minst to tjenester. Velg minst én enhet fra en annen tjeneste.');
      // Units already taking part are not offered.
      expect(byId(el, 'level-join-unit-kg')).toBeNull();

      await act(fixture, () => byId(el, 'level-join-unit-health').click());
      const role = byId(el, 'level-join-role-unit-health') as HTMLSelectElement;
      role.value = 'health_follow_up';
      role.dispatchEvent(new Event('change'));
      enter(el, 'level-child-view', 'Emma vil snakke med helsesykepleier');
      await act(fixture, () => click(el, 'level-submit'));
      const request = http.expectOne({ method: 'POST', url: `${URL}/level` });
      expect(request.request.headers.get('If-Match')).toBe('"4"');
      expect(request.request.body).toEqual({
        toLevel: 2,
        reason: 'Trenger helsestasjonen',
        childView: 'Emma vil snakke med helsesykepleier',
        joining: [{ unitId: 'unit-health', role: 'health_follow_up' }],
      });
      await answer(fixture, request, level2Case({ version: 5 }));
      expect(byTestId(el, 'level-form')).toBeNull();
      expect(byTestId(el, 'level-dialog')?.hasAttribute('open')).toBe(false);
      expect(textOf(el, 'case-notice')).toBe('Nivået er endret.');
      expect(textOf(el, 'case-level-now')).toBe('Nivå 2 – samarbeid mellom tjenester');
    });

    it('shows the server’s refusal of the team at the units, and a stale case as a notice with the latest version', async () => {
      const { fixture, el } = await render(caseResponse());
      await act(fixture, () => click(el, 'change-level'));
      await organisation(fixture);
      await act(fixture, () => click(el, 'level-to-2'));
      await act(fixture, () => byId(el, 'level-join-unit-health').click());
      enter(el, 'level-reason', 'Trenger helsestasjonen');
      await act(fixture, () => click(el, 'level-submit'));
      const refused = problem([{ field: 'consent', messages: ['Every participating service must be covered by an active consent'] }]);
      http.expectOne(`${URL}/level`).flush(refused.body, refused.init);
      await fixture.whenStable();
      // Wanting a consent is said as such at the units, with the way to the consent section.
      expect(textOf(el, 'level-joining-error')).toBe(
        'Det trengs et aktivt samtykke som nevner tjenesten. Be om samtykke under «Samtykke».',
      );
      expect(byTestId(el, 'level-go-to-consent')).not.toBeNull();

      await act(fixture, () => click(el, 'level-submit'));
      http.expectOne(`${URL}/level`).flush({ status: 412 }, { status: 412, statusText: 'Precondition Failed' });
      await answer(fixture, http.expectOne({ method: 'GET', url: URL }), caseResponse({ version: 6 }));
      expect(byTestId(el, 'level-form')?.querySelector('[data-testid="case-notice"]')?.textContent).toContain(
        'Noen andre har endret saken mens du arbeidet',
      );
      await act(fixture, () => click(el, 'level-submit'));
      expect(http.expectOne(`${URL}/level`).request.headers.get('If-Match')).toBe('"6"');
    });

    it('closes with a reason, and asks for the text when the reason is "other"', async () => {
      const { fixture, el } = await render(caseResponse());
      await act(fixture, () => click(el, 'close-case'));
      await act(fixture, () => click(el, 'close-reason-other'));
      await act(fixture, () => click(el, 'close-submit'));
      http.expectNone(`${URL}/close`);
      expect(textOf(el, 'close-other-text-error')).toBe('Beskriv årsaken når du velger «Annet».');
      enter(el, 'close-other-text', 'Familien har takket nei til videre hjelp');
      await act(fixture, () => click(el, 'close-submit'));
      const request = http.expectOne({ method: 'POST', url: `${URL}/close` });
      expect(request.request.body).toEqual({ reason: 'other', otherText: 'Familien har takket nei til videre hjelp' });
      await answer(
        fixture,
        request,
        caseResponse({
          status: 'closed',
          closure: { reason: 'other', otherText: 'Familien har takket nei', closedAt: new Date().toISOString() },
        }),
      );
      expect(textOf(el, 'case-notice')).toBe('Saken er avsluttet.');
      expect(byTestId(el, 'case-closed')).not.toBeNull();
      expect(byTestId(el, 'reopen-form')).not.toBeNull();
    });
  });

  describe('plan', () => {
    it('adds a measure with a responsible unit and an evaluation date, both required', async () => {
      const { fixture, el } = await render(caseResponse());
      await act(fixture, () => click(el, 'add-measure'));
      await act(fixture, () => click(el, 'measure-submit'));
      http.expectNone(`${URL}/measures`);
      expect(el.querySelector('#measure-new-responsibleParticipantId-error')?.textContent).toContain('Velg enheten som er ansvarlig');
      expect(el.querySelector('#measure-new-evaluationDueOn-error')?.textContent).toContain('Velg når tiltaket skal evalueres');
      enter(el, 'measure-description', 'Samtaler om søvn');
      enter(el, 'measure-responsible', 'p-kg');
      const dueOn = daysFromToday(42);
      enter(el, 'measure-due-on', dueOn);
      await act(fixture, () => click(el, 'measure-submit'));
      const request = http.expectOne({ method: 'POST', url: `${URL}/measures` });
      expect(request.request.body).toEqual({
        description: 'Samtaler om søvn',
        responsibleParticipantId: 'p-kg',
        evaluationDueOn: dueOn,
      });
      expect(request.request.headers.has('If-Match')).toBe(false);
      await answer(fixture, request, caseResponse({ measures: [measure()] }));
      expect(textOf(el, 'case-notice')).toBe('Tiltaket er lagt til.');
      expect(byTestId(el, 'measure-form')).toBeNull();
    });

    it('edits a measure with its version; on 412 it says so, shows the latest version and retries on it', async () => {
      const { fixture, el } = await render(caseResponse({ measures: [measure({ version: 3 })] }));
      await act(fixture, () => click(el, 'edit-measure'));
      expect((byTestId(el, 'measure-edit-description') as HTMLTextAreaElement).value).toBe('Samtaler om søvn');
      enter(el, 'measure-edit-description', 'Kari sin tekst');
      await act(fixture, () => click(el, 'measure-edit-submit'));
      const stale = http.expectOne({ method: 'PATCH', url: `${URL}/measures/measure-1` });
      // Only what changed is sent, with the measure's own version.
      expect(stale.request.body).toEqual({ description: 'Kari sin tekst' });
      expect(stale.request.headers.get('If-Match')).toBe('"3"');
      stale.flush(
        { status: 412, detail: 'The measure was changed by someone else' },
        { status: 412, statusText: 'Precondition Failed', headers: { 'Content-Type': 'application/problem+json' } },
      );
      await answer(
        fixture,
        http.expectOne({ method: 'GET', url: URL }),
        caseResponse({ measures: [measure({ version: 4, description: 'Hanne sin tekst' })] }),
      );
      const notice = byTestId(el, 'measure-edit-form')?.querySelector('[data-testid="case-notice"]');
      expect(notice?.getAttribute('role')).toBe('alert');
      expect(notice?.textContent).toContain('Noen andre har endret tiltaket mens du arbeidet. Den nyeste versjonen er hentet');
      expect((byTestId(el, 'measure-edit-description') as HTMLTextAreaElement).value).toBe('Hanne sin tekst');

      enter(el, 'measure-edit-description', 'Begges tekst');
      await act(fixture, () => click(el, 'measure-edit-submit'));
      const retry = http.expectOne({ method: 'PATCH', url: `${URL}/measures/measure-1` });
      expect(retry.request.headers.get('If-Match')).toBe('"4"');
      await answer(fixture, retry, caseResponse({ measures: [measure({ version: 5, description: 'Begges tekst' })] }));
      expect(textOf(el, 'case-notice')).toBe('Tiltaket er endret.');
      expect(textOf(el, 'measure-description')).toBe('Begges tekst');
    });

    it('requires the child’s view in an evaluation, and the next date unless the measure stops', async () => {
      const { fixture, el } = await render(caseResponse({ measures: [measure()] }));
      await act(fixture, () => click(el, 'evaluate-measure'));
      const childView = byTestId(el, 'evaluation-child-view') as HTMLTextAreaElement;
      expect(el.querySelector(`label[for="${childView.id}"]`)?.textContent).toContain('Barnets stemme');
      await act(fixture, () => click(el, 'evaluation-effect-partly'));
      await act(fixture, () => click(el, 'evaluation-decision-continue'));
      await act(fixture, () => click(el, 'evaluation-submit'));
      http.expectNone(`${URL}/measures/measure-1/evaluations`);
      expect(textOf(el, 'evaluation-child-view-error')).toContain('Skriv barnets syn. Det er barnets egen stemme');
      expect(textOf(el, 'evaluation-next-due-on-error')).toContain('Velg datoen for neste evaluering');
      expect(document.activeElement).toBe(childView);

      await act(fixture, () => click(el, 'evaluation-decision-stop'));
      expect(byTestId(el, 'evaluation-next-due-on')).toBeNull();
      await act(fixture, () => click(el, 'evaluation-decision-continue'));
      enter(el, 'evaluation-child-view', 'Emma sier det hjelper litt');
      const nextDueOn = daysFromToday(73);
      enter(el, 'evaluation-next-due-on', nextDueOn);
      await act(fixture, () => click(el, 'evaluation-submit'));
      const request = http.expectOne({ method: 'POST', url: `${URL}/measures/measure-1/evaluations` });
      expect(request.request.body).toEqual({
        evaluatedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        effect: 'partly',
        childView: 'Emma sier det hjelper litt',
        decision: 'continue',
        nextEvaluationDueOn: nextDueOn,
      });
      await answer(fixture, request, caseResponse({ measures: [measure({ evaluationDueOn: nextDueOn })] }));
      expect(textOf(el, 'case-notice')).toBe('Evalueringen er lagret.');
      expect(byTestId(el, 'evaluation-form')).toBeNull();
    });

    it('shows the server’s field error at the evaluation field', async () => {
      const { fixture, el } = await render(caseResponse({ measures: [measure()] }));
      await act(fixture, () => click(el, 'evaluate-measure'));
      await act(fixture, () => click(el, 'evaluation-effect-none'));
      await act(fixture, () => click(el, 'evaluation-decision-stop'));
      enter(el, 'evaluation-child-view', 'Vil ikke mer');
      await act(fixture, () => click(el, 'evaluation-submit'));
      const refused = problem([{ field: 'evaluatedOn', messages: ['evaluatedOn cannot be in the future'] }]);
      const request = http.expectOne(`${URL}/measures/measure-1/evaluations`);
      expect(request.request.body).not.toHaveProperty('nextEvaluationDueOn');
      request.flush(refused.body, refused.init);
      await fixture.whenStable();
      expect(textOf(el, 'evaluation-on-error')).toBe('Skriv en dato som ikke er fram i tid.');
    });

    it('adds a goal and marks it reached with the goal’s version', async () => {
      const { fixture, el } = await render(caseResponse());
      enter(el, 'goal-text', 'Emma sover godt');
      await act(fixture, () => click(el, 'goal-submit'));
      const add = http.expectOne({ method: 'POST', url: `${URL}/goals` });
      expect(add.request.body).toEqual({ text: 'Emma sover godt' });
      await answer(fixture, add, caseResponse({ goals: [goal({ version: 2 })] }));
      expect(textOf(el, 'goal-item')).toContain('Emma sover godt');
      expect((byTestId(el, 'goal-text') as HTMLTextAreaElement).value).toBe('');
      await act(fixture, () => (byTestId(el, 'goal-item')?.querySelector('button') as HTMLButtonElement).click());
      const patch = http.expectOne({ method: 'PATCH', url: `${URL}/goals/goal-1` });
      expect(patch.request.body).toEqual({ achieved: true });
      expect(patch.request.headers.get('If-Match')).toBe('"2"');
      await answer(fixture, patch, caseResponse({ goals: [goal({ version: 3, achieved: true })] }));
      expect(textOf(el, 'goal-item')).toContain('Nådd');
    });
  });

  describe('baton', () => {
    it('asks someone of the team to take over, through a dialog listing the candidates, and can withdraw the question', async () => {
      const { fixture, el } = await render(level2Case());
      await act(fixture, () => click(el, 'ask-transfer'));
      expect(byTestId(el, 'transfer-dialog')?.getAttribute('aria-labelledby')).toBe('transfer-dialog-heading');
      http.expectOne({ method: 'GET', url: `${URL}/coordinator-candidates` }).flush([
        { userId: 'user-kari', displayName: 'Kari Larsen', unitId: 'unit-kg', unitName: 'Sentrum barnehage' },
        { userId: 'user-hanne', displayName: 'Hanne Moe', unitId: 'unit-health', unitName: 'Fjordvik helsestasjon' },
      ]);
      await fixture.whenStable();
      // The coordinator is not asked to take over from themself.
      expect(textOf(el, 'transfer-candidates')).toBe('Hanne Moe – Fjordvik helsestasjon');
      await act(fixture, () => click(el, 'transfer-submit'));
      expect(textOf(el, 'transfer-to-error')).toBe('Velg hvem du vil spørre.');
      await act(fixture, () => byId(el, 'transfer-to-user-hanne').click());
      enter(el, 'transfer-note', 'Helse er mest involvert nå');
      await act(fixture, () => click(el, 'transfer-submit'));
      const request = http.expectOne({ method: 'POST', url: `${URL}/transfers` });
      expect(request.request.body).toEqual({ toUserId: 'user-hanne', note: 'Helse er mest involvert nå' });
      expect(request.request.headers.get('If-Match')).toBe('"4"');
      const pending = {
        id: 'transfer-1',
        status: 'pending' as const,
        from: { userId: 'user-kari', displayName: 'Kari Larsen' },
        to: { userId: 'user-hanne', displayName: 'Hanne Moe', unitId: 'unit-health', unitName: 'Fjordvik helsestasjon' },
        note: 'Helse er mest involvert nå',
        declineReason: null,
        requestedAt: new Date().toISOString(),
        answeredAt: null,
      };
      await answer(fixture, request, level2Case({ version: 5, pendingTransfer: pending }));
      expect(byTestId(el, 'transfer-form')).toBeNull();
      expect(textOf(el, 'case-notice')).toContain('Forespørselen er sendt');
      expect(textOf(el, 'pending-transfer')).toContain('Hanne Moe');
      expect(textOf(el, 'case-coordinator')).toContain('Kari Larsen');
      expect(byTestId(el, 'ask-transfer')).toBeNull();
      await act(fixture, () => click(el, 'cancel-transfer'));
      const cancel = http.expectOne({ method: 'POST', url: `${URL}/transfers/transfer-1/cancel` });
      await answer(fixture, cancel, level2Case({ version: 6 }));
      expect(textOf(el, 'case-notice')).toBe('Forespørselen er trukket tilbake.');
    });

    it('lets the person asked accept the baton, or decline it with a reason', async () => {
      const pending = {
        id: 'transfer-1',
        status: 'pending' as const,
        from: { userId: 'user-kari', displayName: 'Kari Larsen' },
        to: { userId: 'user-hanne', displayName: 'Hanne Moe', unitId: 'unit-health', unitName: 'Fjordvik helsestasjon' },
        note: null,
        declineReason: null,
        requestedAt: instantDaysFromNow(-1, 14),
        answeredAt: null,
      };
      const asked = asHanne(level2Case({ pendingTransfer: pending }));
      asked.permissions.canAnswerTransfer = true;
      const { fixture, el } = await render(asked, LEVEL0_SESSIONS.hanne);
      expect(textOf(el, 'asked-you')).toContain('Du er spurt om å ta over stafetten');
      expect(byTestId(el, 'cancel-transfer')).toBeNull();

      await act(fixture, () => click(el, 'decline-transfer'));
      await act(fixture, () => click(el, 'decline-submit'));
      http.expectNone(`${URL}/transfers/transfer-1/decline`);
      expect(textOf(el, 'decline-reason-error')).toBe('Skriv hvorfor du avslår.');
      const cancelDecline = byTestId(el, 'decline-form')?.querySelector('button.secondary') as HTMLButtonElement;
      await act(fixture, () => cancelDecline.click());

      await act(fixture, () => click(el, 'accept-transfer'));
      const accept = http.expectOne({ method: 'POST', url: `${URL}/transfers/transfer-1/accept` });
      expect(accept.request.headers.get('If-Match')).toMatch(/^"\d+"$/);
      const accepted = level2Case({
        version: 5,
        coordinator: {
          ...caseResponse().coordinator,
          userId: 'user-hanne',
          displayName: 'Hanne Moe',
          unitId: 'unit-health',
          unitName: 'Fjordvik helsestasjon',
        },
        permissions: { ...asked.permissions, isCoordinator: true, canCoordinate: true, canAnswerTransfer: false },
      });
      await answer(fixture, accept, accepted);
      expect(textOf(el, 'case-notice')).toBe('Du har tatt imot stafetten og er nå stafettholder.');
      expect(textOf(el, 'case-coordinator')).toContain('Hanne Moe');
      expect(textOf(el, 'you-coordinate')).toBe('Du er stafettholder');
      expect(byTestId(el, 'change-level')).not.toBeNull();
    });

    it('shows an inactive coordinator, and lets a leader of the unit take over and re-assign', async () => {
      const record = caseResponse({
        coordinator: { ...caseResponse().coordinator, userId: 'user-siri', displayName: 'Siri Nilsen', active: false },
        permissions: { ...caseResponse().permissions, isCoordinator: false, canCoordinate: false, canReassign: true },
      });
      const { fixture, el } = await render(record, LEVEL0_SESSIONS.kari);
      expect(textOf(el, 'coordinator-inactive')).toBe('Ikke aktiv');
      http
        .expectOne(`${URL}/coordinator-candidates`)
        .flush([{ userId: 'user-kari', displayName: 'Kari Larsen', unitId: 'unit-kg', unitName: 'Sentrum barnehage' }]);
      await fixture.whenStable();
      enter(el, 'reassign-reason', 'Siri har sluttet');
      enter(el, 'reassign-to', 'user-kari');
      await act(fixture, () => click(el, 'reassign-submit'));
      const request = http.expectOne({ method: 'POST', url: `${URL}/reassign` });
      expect(request.request.body).toEqual({ reason: 'Siri har sluttet', toUserId: 'user-kari' });
      await answer(fixture, request, caseResponse({ version: 5 }));
      expect(textOf(el, 'case-notice')).toBe('Du har tatt over stafetten.');
    });
  });

  describe('team', () => {
    it('adds a unit of the same service at level 1, and lets a unit leave with a reason', async () => {
      const { fixture, el } = await render(level2Case());
      await act(fixture, () => click(el, 'add-participant'));
      await organisation(fixture);
      const options = Array.from((byTestId(el, 'participant-unit') as HTMLSelectElement).options).map((o) => o.value);
      // Units already taking part are not offered; at level 2 other services are.
      expect(options).toEqual(['', 'unit-kg-2', 'unit-school', 'unit-cw']);
      enter(el, 'participant-unit', 'unit-school');
      enter(el, 'participant-role', 'advisory');
      await act(fixture, () => click(el, 'participant-submit'));
      const add = http.expectOne({ method: 'POST', url: `${URL}/participants` });
      expect(add.request.body).toEqual({ unitId: 'unit-school', role: 'advisory' });
      expect(add.request.headers.get('If-Match')).toBe('"4"');
      await answer(fixture, add, level2Case({ version: 5 }));
      expect(textOf(el, 'case-notice')).toBe('Enheten er med i laget rundt barnet.');

      // The coordinator's unit cannot leave.
      expect(byTestId(el, 'leave-p-kg')).toBeNull();
      await act(fixture, () => click(el, 'leave-p-health'));
      enter(el, 'leave-reason', 'Helseoppfølgingen er ferdig');
      await act(fixture, () => click(el, 'leave-submit'));
      const leave = http.expectOne({ method: 'POST', url: `${URL}/participants/p-health/leave` });
      expect(leave.request.body).toEqual({ reason: 'Helseoppfølgingen er ferdig' });
      const refused = problem([{ field: 'unitId', messages: ['Reassign the unit’s measures first'] }]);
      leave.flush(refused.body, refused.init);
      await fixture.whenStable();
      expect(textOf(el, 'leave-reason-error')).toContain('Enheten kan ikke gå ut nå');
    });

    it('offers only units of the same service at level 1', async () => {
      const { fixture, el } = await render(caseResponse({ participants: [participant()] }));
      await act(fixture, () => click(el, 'add-participant'));
      await organisation(fixture);
      const options = Array.from((byTestId(el, 'participant-unit') as HTMLSelectElement).options).map((o) => o.value);
      expect(options).toEqual(['', 'unit-kg-2']);
      expect(byTestId(el, 'participant-form')?.textContent).toContain('endre nivå i stedet');
    });
  });

  describe('meetings, log and private notes', () => {
    it('adds a meeting at the local time chosen, edits the draft and makes the minutes final', async () => {
      const { fixture, el } = await render(level2Case());
      await act(fixture, () => click(el, 'add-meeting'));
      await act(fixture, () => click(el, 'meeting-submit'));
      http.expectNone(`${URL}/meetings`);
      expect(el.querySelector('#meeting-new-agenda-error')?.textContent).toContain('Skriv sakslisten.');
      enter(el, 'meeting-at', localDateTimeDaysFromNow(7, 10));
      await act(fixture, () => byId(el, 'meeting-new-attendees-p-health').click());
      enter(el, 'meeting-agenda', 'Status');
      enter(el, 'meeting-decisions', 'Fortsette samtaler');
      await act(fixture, () => click(el, 'meeting-submit'));
      const add = http.expectOne({ method: 'POST', url: `${URL}/meetings` });
      expect(add.request.body).toEqual({
        meetingAt: instantDaysFromNow(7, 10),
        attendeeParticipantIds: ['p-health'],
        otherAttendees: null,
        agenda: 'Status',
        decisions: 'Fortsette samtaler',
        nextMeetingOn: null,
      });
      await answer(fixture, add, level2Case({ meetings: [meeting({ decisions: 'Fortsette samtaler', version: 2 })] }));
      expect(textOf(el, 'case-notice')).toBe('Møtet er lagt til.');
      expect(textOf(el, 'meeting-status')).toBe('Utkast');

      await act(fixture, () => click(el, 'meeting-finalize'));
      expect(textOf(el, 'meeting-panel')).toContain('kan ikke endres senere');
      await act(fixture, () => click(el, 'meeting-finalize-confirm'));
      const final = http.expectOne({ method: 'POST', url: `${URL}/meetings/meeting-1/finalize` });
      expect(final.request.headers.get('If-Match')).toBe('"2"');
      await answer(
        fixture,
        final,
        level2Case({ meetings: [meeting({ decisions: 'Fortsette samtaler', minutesStatus: 'final', version: 3 })] }),
      );
      expect(textOf(el, 'meeting-status')).toBe('Endelig referat');
      expect(byTestId(el, 'meeting-edit')).toBeNull();
    });

    it('offers to make the minutes final only once the decisions are written', async () => {
      const { fixture, el } = await render(level2Case({ meetings: [meeting({ decisions: null })] }));
      expect(byTestId(el, 'meeting-finalize')).toBeNull();
      expect(textOf(el, 'meeting-item')).toContain('Skriv ned beslutningene i utkastet');
      await act(fixture, () => click(el, 'meeting-edit'));
      expect((byTestId(el, 'meeting-edit-agenda') as HTMLTextAreaElement).value).toBe('Status og videre plan');
      enter(el, 'meeting-edit-decisions', 'Fortsette');
      await act(fixture, () => click(el, 'meeting-edit-submit'));
      const patch = http.expectOne({ method: 'PATCH', url: `${URL}/meetings/meeting-1` });
      expect(patch.request.headers.get('If-Match')).toBe('"2"');
      expect(patch.request.body).toMatchObject({
        agenda: 'Status og videre plan',
        decisions: 'Fortsette',
        attendeeParticipantIds: ['p-kg'],
      });
      await answer(fixture, patch, level2Case({ meetings: [meeting({ decisions: 'Fortsette', version: 3 })] }));
      expect(byTestId(el, 'meeting-finalize')).not.toBeNull();
    });

    it('writes a short entry in the shared log and a private note for the own unit', async () => {
      const { fixture, el } = await render(caseResponse());
      await act(fixture, () => click(el, 'log-submit'));
      expect(textOf(el, 'log-text-error')).toBe('Skriv innføringen.');
      enter(el, 'log-text', 'Ringte mor');
      await act(fixture, () => click(el, 'log-submit'));
      const log = http.expectOne({ method: 'POST', url: `${URL}/log-entries` });
      expect(log.request.body).toEqual({ text: 'Ringte mor' });
      await answer(fixture, log, caseResponse());
      expect(textOf(el, 'case-notice')).toBe('Innføringen er lagt til i stafettloggen.');

      enter(el, 'note-text', 'Internt: mor virket sliten');
      await act(fixture, () => click(el, 'note-submit'));
      const note = http.expectOne({ method: 'POST', url: `${URL}/private-notes` });
      expect(note.request.body).toEqual({ unitId: 'unit-kg', text: 'Internt: mor virket sliten' });
      await answer(fixture, note, caseResponse());
      expect(textOf(el, 'case-notice')).toBe('Notatet er lagret. Bare din enhet ser det.');
    });

    it('lets a health nurse share a log entry only by ticking that she chooses to', async () => {
      const { fixture, el } = await render(asHanne(level2Case()), LEVEL0_SESSIONS.hanne);
      const share = byTestId(el, 'log-share-health') as HTMLInputElement;
      expect(share.checked).toBe(false);
      expect(el.querySelector('label[for="log-share-health"]')?.textContent).toBe('Jeg velger å dele dette med laget rundt barnet');
      enter(el, 'log-text', 'Emma har fått time hos lege');
      await act(fixture, () => click(el, 'log-submit'));
      http.expectNone({ method: 'POST', url: `${URL}/log-entries` });
      expect(textOf(el, 'log-share-health-error')).toBe('Kryss av for at du velger å dele dette med laget, eller skriv et internt notat.');
      expect(share.getAttribute('aria-describedby')).toBe('log-share-health-hint log-share-health-error');
      await act(fixture, () => share.click());
      await act(fixture, () => click(el, 'log-submit'));
      const log = http.expectOne({ method: 'POST', url: `${URL}/log-entries` });
      expect(log.request.body).toEqual({ text: 'Emma har fått time hos lege', shareHealthInformation: true });
      await answer(fixture, log, asHanne(level2Case()));
      expect(textOf(el, 'case-notice')).toBe('Innføringen er lagt til i stafettloggen.');
      expect((byTestId(el, 'log-share-health') as HTMLInputElement).checked).toBe(false);
    });

    it('asks nothing of staff outside the health regime', async () => {
      const { el } = await render(caseResponse());
      expect(byTestId(el, 'log-share-health')).toBeNull();
    });

    it('says what the server refused when a command has no fields to show it at', async () => {
      const { fixture, el } = await render(level2Case({ meetings: [meeting({ decisions: 'x' })] }));
      await act(fixture, () => click(el, 'meeting-finalize'));
      await act(fixture, () => click(el, 'meeting-finalize-confirm'));
      const refused = problem([{ field: 'decisions', messages: ['Write down what the meeting decided'] }]);
      http.expectOne(`${URL}/meetings/meeting-1/finalize`).flush(refused.body, refused.init);
      await fixture.whenStable();
      expect(textOf(el, 'case-notice')).toContain('Endringen ble ikke godtatt:');
      expect(textOf(el, 'case-notice')).toContain('Write down what the meeting decided');
    });
  });

  it('keeps a participant unit that left in the team, marked as left', async () => {
    const { el } = await render(
      level2Case({ participants: [participant(), healthParticipant({ active: false, leftAt: instantDaysFromNow(-1, 12) })] }),
    );
    const rows = Array.from(el.querySelectorAll('[data-testid="participant-row"]'));
    expect(rows[1].textContent).toContain('Gikk ut');
    expect(byTestId(el, 'leave-p-health')).toBeNull();
  });
});
