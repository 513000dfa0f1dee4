import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Callout } from './callout';

@Component({
  selector: 'st-host',
  imports: [Callout],
  template: `<st-callout tone="warning" [heading]="heading()" [live]="live()" data-testid="note">Kan gjenkjennes</st-callout>`,
})
class Host {
  readonly heading = signal<string | null>('Obs');
  readonly live = signal(false);
}

describe('Callout', () => {
  it('projects its text under the heading and carries the tone as a class', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    fixture.detectChanges();
    const note = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="note"]') as HTMLElement;
    expect(note.querySelector('.heading')?.textContent).toBe('Obs');
    expect(note.textContent).toContain('Kan gjenkjennes');
    expect(note.classList).toContain('warning');
    expect(note.getAttribute('role')).toBeNull();
  });

  it('is announced as an alert when live, and has no heading when none is given', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.heading.set(null);
    fixture.componentInstance.live.set(true);
    await fixture.whenStable();
    fixture.detectChanges();
    const note = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="note"]') as HTMLElement;
    expect(note.querySelector('.heading')).toBeNull();
    expect(note.getAttribute('role')).toBe('alert');
  });
});
