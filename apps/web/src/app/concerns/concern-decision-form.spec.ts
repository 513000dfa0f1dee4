import { TestBed } from '@angular/core/testing';
import type { ConcernDecisionRequest } from '@stafett/web-data-access';
import { I18n } from '../core/i18n/i18n';
import { byTestId, click, enter, textOf } from '../../testing/concerns';
import { ConcernDecisionForm } from './concern-decision-form';

describe('ConcernDecisionForm', () => {
  let el: HTMLElement;
  let decided: ConcernDecisionRequest[];
  let fixture: ReturnType<typeof TestBed.createComponent<ConcernDecisionForm>>;

  beforeEach(async () => {
    localStorage.clear();
    decided = [];
    fixture = TestBed.createComponent(ConcernDecisionForm);
    fixture.componentInstance.decide.subscribe((request) => decided.push(request));
    await fixture.whenStable();
    el = fixture.nativeElement as HTMLElement;
  });

  it('offers the four decisions as labelled radio buttons', () => {
    for (const decision of ['close', 'own_service', 'collaboration', 'report_to_child_welfare']) {
      const radio = byTestId(el, `decision-${decision}`) as HTMLInputElement;
      expect(radio.type).toBe('radio');
      expect(el.querySelector(`label[for="${radio.id}"]`)?.textContent?.trim()).toBeTruthy();
    }
    expect(el.querySelector('label[for="decision-close"]')?.textContent?.trim()).toBe('Avslutt');
  });

  it('asks for a choice before anything is sent', async () => {
    click(el, 'decision-submit');
    await fixture.whenStable();
    expect(decided).toEqual([]);
    expect(textOf(el, 'decision-choice-error')).toBe('Velg hva som skal skje videre.');
    expect(document.activeElement).toBe(byTestId(el, 'decision-close'));
  });

  it('requires a reason to close, shown at the reason field', async () => {
    click(el, 'decision-close');
    click(el, 'decision-submit');
    await fixture.whenStable();
    expect(decided).toEqual([]);
    expect(textOf(el, 'decision-reason-error')).toBe('Skriv en begrunnelse for å avslutte bekymringen.');
    const reason = byTestId(el, 'decision-reason') as HTMLTextAreaElement;
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(reason.getAttribute('aria-describedby')).toBe('decision-reason-hint decision-reason-error');
    expect(document.activeElement).toBe(reason);

    enter(el, 'decision-reason', '   ');
    click(el, 'decision-submit');
    expect(decided).toEqual([]);

    enter(el, 'decision-reason', ' Samtale med foresatte viste at det går bra. ');
    await fixture.whenStable();
    expect(byTestId(el, 'decision-reason-error')).toBeNull();
    click(el, 'decision-submit');
    expect(decided).toEqual([{ decision: 'close', reason: 'Samtale med foresatte viste at det går bra.' }]);
  });

  it('asks for level 2 or 3 for collaboration and sends it', async () => {
    expect(byTestId(el, 'decision-level-2')).toBeNull();
    click(el, 'decision-collaboration');
    await fixture.whenStable();
    click(el, 'decision-submit');
    await fixture.whenStable();
    expect(decided).toEqual([]);
    expect(textOf(el, 'decision-level-error')).toBe('Velg nivå 2 eller 3.');

    click(el, 'decision-level-3');
    click(el, 'decision-submit');
    expect(decided).toEqual([{ decision: 'collaboration', reason: null, level: 3 }]);
  });

  it('sends no level for the other decisions, and no reason is needed', async () => {
    click(el, 'decision-collaboration');
    await fixture.whenStable();
    click(el, 'decision-level-2');
    click(el, 'decision-own_service');
    click(el, 'decision-submit');
    expect(decided).toEqual([{ decision: 'own_service', reason: null }]);
  });

  it("shows the server's field errors at their fields, in the chosen language", async () => {
    TestBed.inject(I18n).language.set('en');
    fixture.componentRef.setInput('serverFieldErrors', { reason: ['A reason is required to close a concern'], other: ['Something else'] });
    await fixture.whenStable();
    expect(textOf(el, 'decision-reason-error')).toBe('Give a reason for closing the concern.');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Something else');
  });
});
