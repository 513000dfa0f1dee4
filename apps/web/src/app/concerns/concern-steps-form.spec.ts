import { TestBed } from '@angular/core/testing';
import type { ConcernStepsRequest } from '@stafett/web-data-access';
import { byTestId, click, concernResponse, enter, textOf } from '../../testing/concerns';
import { daysFromToday } from '../../testing/dates';
import { ConcernStepsForm } from './concern-steps-form';

describe('ConcernStepsForm', () => {
  let el: HTMLElement;
  let saved: ConcernStepsRequest[];
  let fixture: ReturnType<typeof TestBed.createComponent<ConcernStepsForm>>;

  beforeEach(async () => {
    localStorage.clear();
    saved = [];
    fixture = TestBed.createComponent(ConcernStepsForm);
    // The concern arose ten days ago (the fixture); they talked with the child the day after.
    fixture.componentRef.setInput('concern', concernResponse({ talkedWithChildOn: daysFromToday(-9) }));
    fixture.componentInstance.save.subscribe((request) => saved.push(request));
    await fixture.whenStable();
    el = fixture.nativeElement as HTMLElement;
  });

  it('shows the steps already recorded', () => {
    expect((byTestId(el, 'steps-talked-with-child-on') as HTMLInputElement).value).toBe(daysFromToday(-9));
    expect((byTestId(el, 'steps-talked-with-guardians-on') as HTMLInputElement).value).toBe('');
    expect((byTestId(el, 'steps-shared-with-unit') as HTMLInputElement).checked).toBe(false);
  });

  it('refuses a date with the guardians and a reason why not at the same time, at the reason field', async () => {
    enter(el, 'steps-talked-with-guardians-on', daysFromToday(-7));
    enter(el, 'steps-guardians-not-talked-reason', 'Foresatte svarer ikke på telefon');
    await fixture.whenStable();
    expect(textOf(el, 'steps-guardians-not-talked-reason-error')).toBe(
      'Fyll ut enten datoen dere snakket med foresatte, eller hvorfor ikke – ikke begge.',
    );
    const reason = byTestId(el, 'steps-guardians-not-talked-reason') as HTMLTextAreaElement;
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(reason.getAttribute('aria-describedby')).toBe('steps-guardians-not-talked-reason-error');

    click(el, 'steps-save');
    await fixture.whenStable();
    expect(saved).toEqual([]);
    expect(document.activeElement).toBe(reason);
  });

  it('saves the date alone once the reason is cleared, sending cleared fields as null', async () => {
    enter(el, 'steps-talked-with-guardians-on', daysFromToday(-7));
    enter(el, 'steps-guardians-not-talked-reason', 'Ikke nådd');
    enter(el, 'steps-guardians-not-talked-reason', '');
    click(el, 'steps-shared-with-unit');
    await fixture.whenStable();
    expect(byTestId(el, 'steps-guardians-not-talked-reason-error')).toBeNull();

    click(el, 'steps-save');
    expect(saved).toEqual([
      {
        talkedWithChildOn: daysFromToday(-9),
        talkedWithGuardiansOn: daysFromToday(-7),
        guardiansNotTalkedReason: null,
        sharedWithColleagueOn: null,
        sharedWithUnit: true,
      },
    ]);
  });

  it('saves a reason alone', async () => {
    enter(el, 'steps-guardians-not-talked-reason', '  Foresatte er på reise  ');
    click(el, 'steps-save');
    expect(saved[0]).toMatchObject({ talkedWithGuardiansOn: null, guardiansNotTalkedReason: 'Foresatte er på reise' });
  });

  it('refuses a date in the future', async () => {
    enter(el, 'steps-shared-with-colleague-on', daysFromToday(1));
    click(el, 'steps-save');
    await fixture.whenStable();
    expect(saved).toEqual([]);
    expect(textOf(el, 'steps-shared-with-colleague-on-error')).toBe('Datoen kan ikke være fram i tid.');
  });

  it("shows the server's field errors at their fields", async () => {
    fixture.componentRef.setInput('serverFieldErrors', { talkedWithChildOn: ['talkedWithChildOn cannot be in the future'] });
    await fixture.whenStable();
    expect(textOf(el, 'steps-talked-with-child-on-error')).toBe('Skriv en gyldig dato som ikke er fram i tid.');
    enter(el, 'steps-talked-with-child-on', daysFromToday(-8));
    await fixture.whenStable();
    expect(byTestId(el, 'steps-talked-with-child-on-error')).toBeNull();
  });

  it('shows a new version of the concern when it arrives', async () => {
    enter(el, 'steps-guardians-not-talked-reason', 'utkast');
    fixture.componentRef.setInput('concern', concernResponse({ talkedWithGuardiansOn: daysFromToday(-6), version: 2 }));
    await fixture.whenStable();
    expect((byTestId(el, 'steps-talked-with-guardians-on') as HTMLInputElement).value).toBe(daysFromToday(-6));
    expect((byTestId(el, 'steps-guardians-not-talked-reason') as HTMLTextAreaElement).value).toBe('');
  });
});
