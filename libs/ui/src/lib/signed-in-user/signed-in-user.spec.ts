import { TestBed } from '@angular/core/testing';
import { SignedInUser } from './signed-in-user';

describe('SignedInUser', () => {
  it('shows the name and emits signOut from a real button', () => {
    const fixture = TestBed.createComponent(SignedInUser);
    fixture.componentRef.setInput('displayName', 'Kari Lærer');
    fixture.componentRef.setInput('signedInAsLabel', 'Signed in as');
    fixture.componentRef.setInput('signOutLabel', 'Sign out');
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="signed-in-as"]')?.textContent).toBe('Kari Lærer');

    const emitted = jest.fn();
    fixture.componentInstance.signOut.subscribe(emitted);
    const button = el.querySelector('[data-testid="sign-out"]') as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(button.type).toBe('button');
    expect(button.textContent?.trim()).toBe('Sign out');
    button.click();
    expect(emitted).toHaveBeenCalledTimes(1);
  });

  it('disables the button while signing out', () => {
    const fixture = TestBed.createComponent(SignedInUser);
    fixture.componentRef.setInput('displayName', 'Kari');
    fixture.componentRef.setInput('signedInAsLabel', 'Signed in as');
    fixture.componentRef.setInput('signOutLabel', 'Sign out');
    fixture.componentRef.setInput('busy', true);
    fixture.detectChanges();
    expect((fixture.nativeElement.querySelector('[data-testid="sign-out"]') as HTMLButtonElement).disabled).toBe(true);
  });
});
