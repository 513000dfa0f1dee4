import type { ConcernResponse } from '@stafett/web-data-access';
import { daysFromToday } from './dates';

/** A concern that arose ten days ago, as the API answers it; override what the test is about. */
export function concernResponse(overrides: Partial<ConcernResponse> = {}): ConcernResponse {
  return {
    id: 'concern-1',
    unitId: 'unit-school',
    unitName: 'Fjordvik skole',
    child: { id: 'child-1', givenName: 'Ola', familyName: 'Nordmann', birthDate: '2016-03-04' },
    authorDisplayName: 'Kari Lærer',
    isAuthor: true,
    aroseOn: daysFromToday(-10),
    observedBy: 'kontaktlærer',
    description: 'Trekker seg unna i friminuttene.',
    childWords: null,
    categories: ['wellbeing', 'absence'],
    talkedWithChildOn: null,
    talkedWithGuardiansOn: null,
    guardiansNotTalkedReason: null,
    sharedWithColleagueOn: null,
    sharedWithUnit: false,
    decisionDueOn: daysFromToday(-10 + 14),
    overdue: false,
    status: 'open',
    decision: null,
    decisionReason: null,
    requestedCaseLevel: null,
    caseId: null,
    version: 1,
    ...overrides,
  };
}

/** Sets a form field's value the way a user's typing or choosing does. */
export function enter(root: HTMLElement, testId: string, value: string): void {
  const element = root.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!element) throw new Error(`No element [data-testid="${testId}"]`);
  element.value = value;
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input'));
  element.dispatchEvent(new Event('blur'));
}

export function click(root: HTMLElement, testId: string): void {
  const element = root.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
  if (!element) throw new Error(`No element [data-testid="${testId}"]`);
  element.click();
}

export const byTestId = (root: HTMLElement, testId: string) => root.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
export const textOf = (root: HTMLElement, testId: string) => byTestId(root, testId)?.textContent?.trim() ?? null;
