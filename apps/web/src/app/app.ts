import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { SignedInUser } from '@stafett/ui';
import { SessionStore } from '@stafett/web-data-access';
import { filter, skip } from 'rxjs';
import { I18n, TranslatePipe } from './core/i18n/i18n';
import { LANGUAGES, Language } from './core/i18n/messages';
import { MainNav } from './core/layout/main-nav';

@Component({
  selector: 'st-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, TranslatePipe, MainNav, SignedInUser],
  template: `
    <a class="skip" href="#main" (click)="skipToContent($event)">{{ 'app.skipToContent' | t }}</a>
    <header>
      <div class="bar">
        <a class="brand" routerLink="/">{{ 'app.title' | t }}</a>
        <span class="tagline">{{ 'app.tagline' | t }}</span>
        @if (session.session(); as current) {
          <st-signed-in-user
            [displayName]="current.user.displayName"
            [signedInAsLabel]="'app.signedInAs' | t"
            [signOutLabel]="'app.signOut' | t"
            [busy]="signingOut()"
            (signOut)="signOut()"
          />
        } @else if (showSignInLink()) {
          <a class="sign-in" routerLink="/sign-in" data-testid="sign-in-link">{{ 'app.signIn' | t }}</a>
        }
        <label class="language">
          {{ 'app.language' | t }}
          <select [value]="i18n.language()" (change)="choose($event)">
            @for (lang of languages; track lang) {
              <option [value]="lang">{{ lang === 'nb' ? 'Norsk bokmål' : 'English' }}</option>
            }
          </select>
        </label>
      </div>
      @if (session.signedIn()) {
        <st-main-nav />
      }
    </header>
    @if (signOutFailed()) {
      <p class="problem" role="alert">{{ 'app.signOutFailed' | t }}</p>
    }
    <main id="main" #main tabindex="-1"><router-outlet /></main>
  `,
  styles: `
    header {
      padding: 0.75rem 1.5rem;
      background: #0b3d62;
      color: #fff;
    }
    header :focus-visible {
      outline-color: #ffd166;
    }
    .bar {
      display: flex;
      gap: 1rem;
      align-items: baseline;
      flex-wrap: wrap;
    }
    .brand {
      font-weight: 700;
      font-size: 1.25rem;
      color: inherit;
      text-decoration: none;
    }
    .tagline {
      flex: 1;
    }
    .sign-in {
      color: inherit;
    }
    st-main-nav {
      display: block;
      margin-top: 0.5rem;
    }
    .language select {
      margin-left: 0.5rem;
    }
    .problem {
      margin: 0;
      padding: 0.75rem 1.5rem;
      background: #fde8e8;
      color: #7a1010;
    }
    main {
      padding: 1.5rem;
      max-width: 72rem;
      margin: 0 auto;
    }
    main:focus:not(:focus-visible) {
      outline: none;
    }
    .skip {
      position: absolute;
      left: -999px;
    }
    .skip:focus {
      left: 0.5rem;
      top: 0.5rem;
      background: #fff;
      color: #000;
      padding: 0.5rem;
      z-index: 1;
    }
  `,
})
export class App {
  protected readonly i18n = inject(I18n);
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  protected readonly languages = LANGUAGES;
  protected readonly signingOut = signal(false);
  protected readonly signOutFailed = signal(false);
  /** Not while the session is being asked for, so a signed-in user does not see "Sign in" flash by. */
  protected readonly showSignInLink = computed(() => ['signed-out', 'unavailable'].includes(this.session.status()));

  constructor() {
    void this.session.ensureLoaded();
    // After moving to another page, put focus at the start of the new content so screen readers
    // and keyboard users begin there (the first load keeps the browser's own focus).
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => afterNextRender(() => this.main().nativeElement.focus(), { injector: this.injector }));
  }

  protected choose(event: Event): void {
    this.i18n.language.set((event.target as HTMLSelectElement).value as Language);
  }

  /** `href="#main"` would resolve against `<base href="/">` and leave the page; focus the content instead. */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    this.signOutFailed.set(false);
    try {
      await this.session.signOut();
      await this.router.navigateByUrl('/sign-in');
    } catch {
      this.signOutFailed.set(true);
    } finally {
      this.signingOut.set(false);
    }
  }
}
