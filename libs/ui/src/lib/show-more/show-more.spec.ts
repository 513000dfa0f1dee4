import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ShowMore } from './show-more';

@Component({
  selector: 'st-host',
  imports: [ShowMore],
  template: `<st-show-more
    [hasMore]="hasMore()"
    [loading]="loading()"
    [failed]="failed()"
    [status]="status()"
    label="Vis flere"
    loadingLabel="Henter flere …"
    failedText="Kunne ikke hente flere."
    (more)="asked = asked + 1"
  />`,
})
class Host {
  readonly hasMore = signal(true);
  readonly loading = signal(false);
  readonly failed = signal(false);
  readonly status = signal('Viser 50. Det finnes flere.');
  asked = 0;
}

describe('ShowMore', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const button = () => el.querySelector('[data-testid="show-more"]') as HTMLButtonElement | null;
    return { fixture, host: fixture.componentInstance, el, button };
  }

  it('offers a button that asks for more, and says how much is shown in a polite status', async () => {
    const { host, el, button } = await render();
    expect(button()?.textContent?.trim()).toBe('Vis flere');
    expect(button()?.type).toBe('button');
    const status = el.querySelector('[data-testid="show-more-status"]') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Viser 50. Det finnes flere.');
    button()?.click();
    expect(host.asked).toBe(1);
  });

  it('says it is busy while loading, keeps its focus, and ignores clicks', async () => {
    const { fixture, host, button } = await render();
    button()?.focus();
    host.loading.set(true);
    await fixture.whenStable();
    expect(button()?.getAttribute('aria-busy')).toBe('true');
    expect(button()?.getAttribute('aria-disabled')).toBe('true');
    expect(button()?.disabled).toBe(false);
    expect(button()?.textContent?.trim()).toBe('Henter flere …');
    expect(document.activeElement).toBe(button());
    button()?.click();
    expect(host.asked).toBe(0);
  });

  it('goes away on the last page and hands the focus to the status', async () => {
    const { fixture, host, el, button } = await render();
    button()?.focus();
    button()?.click();
    host.hasMore.set(false);
    host.status.set('Viser alle 80.');
    await fixture.whenStable();
    expect(button()).toBeNull();
    expect(document.activeElement).toBe(el.querySelector('[data-testid="show-more-status"]'));
  });

  it('shows a failure as an alert and keeps the button to try again', async () => {
    const { fixture, host, el, button } = await render();
    host.failed.set(true);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="show-more-failed"]')?.getAttribute('role')).toBe('alert');
    expect(button()).not.toBeNull();
  });
});
