import { TestBed } from '@angular/core/testing';
import { FieldError, fieldErrorId } from './field-error';

describe('FieldError', () => {
  it('renders nothing without messages', async () => {
    const fixture = TestBed.createComponent(FieldError);
    fixture.componentRef.setInput('fieldId', 'concern-unit');
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('p')).toBeNull();
  });

  it('shows each message under an id the field can point at', async () => {
    const fixture = TestBed.createComponent(FieldError);
    fixture.componentRef.setInput('fieldId', 'concern-unit');
    fixture.componentRef.setInput('messages', ['Velg enhet.', 'Ugyldig.']);
    fixture.detectChanges();
    const p = (fixture.nativeElement as HTMLElement).querySelector('p') as HTMLParagraphElement;
    expect(fieldErrorId('concern-unit')).toBe('concern-unit-error');
    expect(p.id).toBe('concern-unit-error');
    expect(p.getAttribute('data-testid')).toBe('concern-unit-error');
    expect(Array.from(p.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['Velg enhet.', 'Ugyldig.']);
  });
});
