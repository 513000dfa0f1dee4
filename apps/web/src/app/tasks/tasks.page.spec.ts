import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { TasksResponse } from '@stafett/web-data-access';
import { byTestId, concernResponse, textOf } from '../../testing/concerns';
import { TasksPage } from './tasks.page';

describe('TasksPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(answer: TasksResponse | { status: number }): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(TasksPage);
    await fixture.whenStable();
    const request = http.expectOne({ method: 'GET', url: '/api/tasks' });
    if ('status' in answer) request.flush(null, { status: answer.status, statusText: 'Error' });
    else request.flush(answer);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists the concerns awaiting my decision with due date, the overdue marked', async () => {
    const el = await render({
      concernsAwaitingDecision: [
        concernResponse({ id: 'c1', overdue: true, decisionDueOn: '2025-01-10' }),
        concernResponse({ id: 'c2', decisionDueOn: '2025-02-01' }),
      ],
    });
    expect(textOf(el, 'tasks-heading')).toBe('Mine oppgaver');
    const items = byTestId(el, 'tasks-list')?.querySelectorAll('[data-testid="task-item"]') ?? [];
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/concerns/c1');
    expect(items[0].textContent).toContain('Frist:');
    expect(items[0].textContent).toContain('10. januar 2025');
    expect(items[0].querySelector('[data-testid="overdue-badge"]')?.textContent).toBe('Over fristen');
    expect(items[1].querySelector('[data-testid="overdue-badge"]')).toBeNull();
  });

  it('says when nothing is waiting', async () => {
    const el = await render({ concernsAwaitingDecision: [] });
    expect(byTestId(el, 'tasks-list')).toBeNull();
    expect(textOf(el, 'tasks-empty')).toBe('Ingen bekymringer venter på beslutning fra deg.');
  });

  it('says the server failed', async () => {
    const el = await render({ status: 500 });
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Kunne ikke hente');
  });
});
