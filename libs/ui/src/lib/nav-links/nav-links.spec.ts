import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { NavLink, NavLinks } from './nav-links';

@Component({ selector: 'st-dummy', template: 'page' })
class Dummy {}

@Component({
  selector: 'st-host',
  imports: [NavLinks],
  template: `<st-nav-links [links]="links" label="Main menu" />`,
})
class Host {
  readonly links: NavLink[] = [
    { path: '/children', label: 'Children', testId: 'nav-children' },
    { path: '/access-log', label: 'Access log', testId: 'nav-audit' },
  ];
}

describe('NavLinks', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '', component: Host, children: [{ path: '**', component: Dummy }] }])],
    });
  });

  it('renders a labelled nav with links and marks the current one with aria-current', async () => {
    const harness = await RouterTestingHarness.create('/children');
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('nav')?.getAttribute('aria-label')).toBe('Main menu');
    const children = el.querySelector('[data-testid="nav-children"]') as HTMLAnchorElement;
    const audit = el.querySelector('[data-testid="nav-audit"]') as HTMLAnchorElement;
    expect(children.getAttribute('href')).toBe('/children');
    expect(children.textContent?.trim()).toBe('Children');
    expect(children.getAttribute('aria-current')).toBe('page');
    expect(audit.hasAttribute('aria-current')).toBe(false);

    await harness.navigateByUrl('/access-log');
    expect(children.hasAttribute('aria-current')).toBe(false);
    expect(audit.getAttribute('aria-current')).toBe('page');
  });
});
