import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Badge } from './badge';

@Component({
  selector: 'st-host',
  imports: [Badge],
  template: `<st-badge tone="warning" data-testid="overdue-badge">Forfalt</st-badge>`,
})
class Host {}

describe('Badge', () => {
  it('projects its text and carries the tone as a class', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    fixture.detectChanges();
    const badge = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="overdue-badge"]') as HTMLElement;
    expect(badge.textContent).toBe('Forfalt');
    expect(badge.classList).toContain('warning');
  });
});
