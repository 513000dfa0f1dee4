import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { TextAreaField } from './text-area-field';

describe('TextAreaField', () => {
  function render(inputs: Record<string, unknown>) {
    const control = new FormControl('', { nonNullable: true });
    const fixture = TestBed.createComponent(TextAreaField);
    for (const [name, value] of Object.entries({ fieldId: 'log-text', testId: 'log-text', label: 'Ny innføring', control, ...inputs }))
      fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    return { fixture, control, el, textarea: el.querySelector('textarea') as HTMLTextAreaElement };
  }

  it('labels a required field and points at its hint', () => {
    const { el, textarea } = render({ hint: 'Kort og saklig.', rows: 3, maxLength: 1000 });
    expect(el.classList).toContain('field');
    expect(el.querySelector('label')?.getAttribute('for')).toBe('log-text');
    expect(el.querySelector('label')?.textContent?.trim()).toBe('Ny innføring');
    expect(el.querySelector('#log-text-hint')?.textContent).toBe('Kort og saklig.');
    expect(textarea.getAttribute('data-testid')).toBe('log-text');
    expect(textarea.getAttribute('aria-required')).toBe('true');
    expect(textarea.getAttribute('aria-describedby')).toBe('log-text-hint');
    expect(textarea.getAttribute('aria-invalid')).toBeNull();
    expect(textarea.rows).toBe(3);
    expect(textarea.maxLength).toBe(1000);
  });

  it('marks an optional field in its label and asks nothing of it', () => {
    const { el, textarea } = render({ optional: 'valgfritt' });
    expect(el.querySelector('label .optional')?.textContent).toBe('valgfritt');
    expect(textarea.getAttribute('aria-required')).toBeNull();
    expect(textarea.getAttribute('aria-describedby')).toBeNull();
  });

  it('shows the messages it is given, and points at them', () => {
    const { el, textarea } = render({ hint: 'Kort.', messages: ['Skriv innføringen.'] });
    expect(el.querySelector('[data-testid="log-text-error"]')?.textContent).toContain('Skriv innføringen.');
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(textarea.getAttribute('aria-describedby')).toBe('log-text-hint log-text-error');
  });

  it('writes what is typed to the control, and holds the control to the length', () => {
    const { control, textarea } = render({ maxLength: 5 });
    textarea.value = 'Ringte mor';
    textarea.dispatchEvent(new Event('input'));
    expect(control.value).toBe('Ringte mor');
    expect(control.errors).toEqual({ maxlength: { requiredLength: 5, actualLength: 10 } });
  });
});
