import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { RadioGroupField } from './radio-group-field';

@Component({
  imports: [RadioGroupField],
  template: `
    <st-radio-group-field
      fieldId="effect"
      legend="Effekt"
      [control]="effect"
      [options]="effects"
      optionIdPrefix="effect-"
      [messages]="messages"
    />
    <st-radio-group-field
      fieldId="level"
      legend="Nivå"
      [control]="level"
      [options]="levels"
      optionIdPrefix="level-to-"
      optionTestIdPrefix="level-to-"
    />
  `,
})
class TwoGroups {
  readonly effect = new FormControl<string>('');
  readonly level = new FormControl<number | null>(null);
  readonly effects = [
    { value: 'achieved', label: 'Oppnådd' },
    { value: 'none', label: 'Ingen' },
  ];
  readonly levels = [{ value: 2, label: 'Nivå 2', hint: 'Flere tjenester' }];
  messages: string[] = [];
}

describe('RadioGroupField', () => {
  it('labels each choice, ties a hint to its button, and keeps two groups apart', async () => {
    const fixture = TestBed.createComponent(TwoGroups);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('#effect legend')?.textContent).toBe('Effekt');
    expect(el.querySelector('label[for="effect-achieved"]')?.textContent).toBe('Oppnådd');
    const level2 = el.querySelector('[data-testid="level-to-2"]') as HTMLInputElement;
    expect(level2.id).toBe('level-to-2');
    expect(level2.getAttribute('aria-describedby')).toBe('level-to-2-hint');
    expect(el.querySelector('#level-to-2-hint')?.textContent).toBe('Flere tjenester');
    expect(el.querySelector('#effect-achieved')?.getAttribute('data-testid')).toBeNull();

    (el.querySelector('#effect-none') as HTMLInputElement).click();
    level2.click();
    expect(fixture.componentInstance.effect.value).toBe('none');
    expect(fixture.componentInstance.level.value).toBe(2);
    // Choosing a level did not clear the effect: each group has its own name.
    expect((el.querySelector('#effect-none') as HTMLInputElement).checked).toBe(true);
    expect((el.querySelector('#effect-none') as HTMLInputElement).name).toBe('effect');
  });

  it('points the fieldset at its error and marks the buttons invalid while there is one', async () => {
    const fixture = TestBed.createComponent(TwoGroups);
    fixture.componentInstance.messages = ['Velg effekt.'];
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('#effect')?.getAttribute('aria-describedby')).toBe('effect-error');
    expect(el.querySelector('[data-testid="effect-error"]')?.textContent).toContain('Velg effekt.');
    expect(el.querySelector('#effect-achieved')?.getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#level')?.getAttribute('aria-describedby')).toBeNull();
  });
});
