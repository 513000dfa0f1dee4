import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SessionInfo } from '@stafett/domain';
import { SessionStore } from '@stafett/web-data-access';
import type { TasksResponse } from '@stafett/web-data-access';
import { byTestId, concernResponse, textOf } from '../../testing/concerns';
import { daysFromToday, instantDaysFromNow, longDate } from '../../testing/dates';
import { LEVEL0_SESSIONS } from '../../testing/level0';
import { SESSIONS } from '../../testing/sessions';
import { TasksPage } from './tasks.page';

const EMMA = { givenName: 'Emma', familyName: 'Nordmann' };

const tasks = (overrides: Partial<TasksResponse> = {}): Partial<TasksResponse> => ({
  concernsAwaitingDecision: [],
  evaluationsDue: [],
  transfersAwaitingMe: [],
  meetingsComingUp: [],
  casesWithoutActiveCoordinator: [],
  ...overrides,
});

describe('TasksPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(answer: Partial<TasksResponse> | { status: number }, session?: SessionInfo): Promise<HTMLElement> {
    if (session) {
      const loaded = TestBed.inject(SessionStore).load();
      http.expectOne('/api/me').flush(session);
      await loaded;
    }
    const fixture = TestBed.createComponent(TasksPage);
    await fixture.whenStable();
    const request = http.expectOne({ method: 'GET', url: '/api/tasks' });
    if ('status' in answer) request.flush(null, { status: answer.status, statusText: 'Error' });
    else request.flush(answer);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists the concerns awaiting my decision with due date, the overdue marked', async () => {
    const el = await render(
      tasks({
        concernsAwaitingDecision: [
          concernResponse({ id: 'c1', overdue: true, decisionDueOn: daysFromToday(-3) }),
          concernResponse({ id: 'c2', decisionDueOn: daysFromToday(5) }),
        ],
      }),
    );
    expect(textOf(el, 'tasks-heading')).toBe('Mine oppgaver');
    const items = byTestId(el, 'tasks-list')?.querySelectorAll('[data-testid="task-item"]') ?? [];
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/concerns/c1');
    expect(items[0].textContent).toContain('Frist:');
    expect(items[0].textContent).toContain(longDate(daysFromToday(-3)));
    expect(items[0].querySelector('[data-testid="overdue-badge"]')?.textContent).toBe('Over fristen');
    expect(items[1].querySelector('[data-testid="overdue-badge"]')).toBeNull();
  });

  it('says when nothing is waiting, and reads a list the server left out as empty', async () => {
    const el = await render({ concernsAwaitingDecision: [] }, LEVEL0_SESSIONS.kari);
    expect(byTestId(el, 'tasks-list')).toBeNull();
    expect(textOf(el, 'tasks-empty')).toBe('Ingen bekymringer venter på beslutning fra deg.');
    expect(textOf(el, 'tasks-transfers-empty')).toBe('Ingen har bedt deg ta over en stafett.');
    expect(textOf(el, 'tasks-evaluations-empty')).toContain('Ingen tiltak skal evalueres');
    expect(textOf(el, 'tasks-meetings-empty')).toContain('Ingen møter er avtalt');
  });

  it('lists the baton offered to me, evaluations due (overdue marked) and meetings coming up, each linking to its case', async () => {
    const el = await render(
      tasks({
        transfersAwaitingMe: [
          {
            caseId: 'case-1',
            transferId: 't-1',
            child: EMMA,
            from: { userId: 'user-kari', displayName: 'Kari Larsen' },
            requestedAt: instantDaysFromNow(-1, 10),
          },
        ],
        evaluationsDue: [
          {
            caseId: 'case-1',
            child: EMMA,
            measureId: 'm-1',
            description: 'Samtaler om søvn',
            evaluationDueOn: daysFromToday(-5),
            overdue: true,
          },
          { caseId: 'case-2', child: EMMA, measureId: 'm-2', description: 'Hvile', evaluationDueOn: daysFromToday(10), overdue: false },
        ],
        meetingsComingUp: [{ caseId: 'case-1', meetingId: 'mt-1', child: EMMA, meetingAt: instantDaysFromNow(7, 10), agenda: 'Status' }],
      }),
      LEVEL0_SESSIONS.hanne,
    );
    const transfer = byTestId(el, 'task-transfer') as HTMLElement;
    expect(transfer.querySelector('a')?.getAttribute('href')).toBe('/cases/case-1');
    expect(transfer.textContent).toContain('Spurt av Kari Larsen');
    const evaluations = Array.from(el.querySelectorAll('[data-testid="task-evaluation"]'));
    expect(evaluations[0].textContent).toContain('Samtaler om søvn');
    expect(evaluations[0].querySelector('[data-testid="overdue-badge"]')?.textContent).toBe('Evaluering over fristen');
    expect(evaluations[1].querySelector('[data-testid="overdue-badge"]')).toBeNull();
    expect(evaluations[1].querySelector('a')?.getAttribute('href')).toBe('/cases/case-2');
    expect(textOf(el, 'task-meeting')).toContain('Status');
    // Only leaders re-assign: the section is not shown to staff.
    expect(byTestId(el, 'tasks-reassign-empty')).toBeNull();
  });

  it('shows a unit leader the cases whose coordinator is no longer active', async () => {
    const el = await render(
      tasks({
        casesWithoutActiveCoordinator: [
          {
            caseId: 'case-3',
            child: EMMA,
            coordinator: { userId: 'user-siri', displayName: 'Siri Nilsen' },
            unitName: 'Sentrum barnehage',
            reason: 'left',
          },
          {
            caseId: 'case-4',
            child: EMMA,
            coordinator: { userId: 'user-nina', displayName: 'Nina Helse' },
            unitName: 'Sentrum helsestasjon',
            reason: 'no_access',
          },
        ],
      }),
      SESSIONS.unitLeader,
    );
    const [left, lostAccess] = Array.from(el.querySelectorAll('[data-testid="task-reassign"]')) as HTMLElement[];
    expect(left.querySelector('a')?.getAttribute('href')).toBe('/cases/case-3');
    expect(left.textContent?.replace(/\s+/g, ' ')).toContain('Stafettholder ikke aktiv: Siri Nilsen (Sentrum barnehage)');
    expect(lostAccess.querySelector('a')?.getAttribute('href')).toBe('/cases/case-4');
    expect(lostAccess.textContent?.replace(/\s+/g, ' ')).toContain(
      'Stafettholderens tjeneste har ikke lenger samtykke: Nina Helse (Sentrum helsestasjon)',
    );
  });

  it('reminds the coordinator of consents ending soon and lists ended ones, each linking to its case', async () => {
    const el = await render(
      tasks({
        consentReminders: [
          { caseId: 'case-1', consentId: 'k-1', child: EMMA, validTo: daysFromToday(30), daysLeft: 30, reminderDay: 30 },
          { caseId: 'case-2', consentId: 'k-2', child: EMMA, validTo: daysFromToday(6), daysLeft: 6, reminderDay: 7 },
        ],
        consentsEnded: [
          { caseId: 'case-3', consentId: 'k-3', child: EMMA, status: 'withdrawn', endedOn: daysFromToday(-2) },
          { caseId: 'case-4', consentId: 'k-4', child: EMMA, status: 'expired', endedOn: daysFromToday(-20) },
        ],
      }),
      LEVEL0_SESSIONS.kari,
    );
    const reminders = Array.from(el.querySelectorAll('[data-testid="task-consent-reminder"]'));
    expect(reminders.map((r) => r.querySelector('a')?.getAttribute('href'))).toEqual(['/cases/case-1', '/cases/case-2']);
    expect(reminders[0].textContent).toContain(`Siste dag: ${longDate(daysFromToday(30))}`);
    expect(reminders[0].querySelector('[data-testid="consent-days-left"]')?.textContent?.trim()).toBe('Dager igjen: 30');
    expect(reminders.map((r) => r.classList.contains('overdue'))).toEqual([false, true]);
    const ended = Array.from(el.querySelectorAll('[data-testid="task-consent-ended"]'));
    expect(ended.map((e) => e.querySelector('a')?.getAttribute('href'))).toEqual(['/cases/case-3', '/cases/case-4']);
    expect(ended[0].textContent).toContain('Trukket tilbake');
    expect(ended[0].textContent).toContain(longDate(daysFromToday(-2)));
    expect(ended[0].textContent).toContain('Avslutt saken, eller be om nytt samtykke.');
    expect(ended[1].textContent).toContain('Utløpt');
  });

  it('says when no consent needs attention, and reads consent lists the server left out as empty', async () => {
    const el = await render({ concernsAwaitingDecision: [] }, LEVEL0_SESSIONS.kari);
    expect(textOf(el, 'tasks-consent-reminders-empty')).toBe('Ingen samtykker nærmer seg siste dag.');
    expect(textOf(el, 'tasks-consents-ended-empty')).toBe('Ingen av sakene dine står uten samtykke.');
  });

  it('says the server failed', async () => {
    const el = await render({ status: 500 });
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Kunne ikke hente');
  });
});
