import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { I18n, TranslatePipe } from './core/i18n/i18n';
import { LANGUAGES, Language } from './core/i18n/messages';

@Component({
  selector: 'st-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, TranslatePipe],
  template: `
    <a class="skip" href="#main">{{ 'app.skipToContent' | t }}</a>
    <header>
      <span class="brand">{{ 'app.title' | t }}</span>
      <span class="tagline">{{ 'app.tagline' | t }}</span>
      <label class="language">
        {{ 'app.language' | t }}
        <select [value]="i18n.language()" (change)="choose($event)">
          @for (lang of languages; track lang) {
            <option [value]="lang">{{ lang === 'nb' ? 'Norsk bokmål' : 'English' }}</option>
          }
        </select>
      </label>
    </header>
    <main id="main" tabindex="-1"><router-outlet /></main>
  `,
  styles: `
    header {
      display: flex;
      gap: 1rem;
      align-items: baseline;
      flex-wrap: wrap;
      padding: 0.75rem 1.5rem;
      background: #0b3d62;
      color: #fff;
    }
    .brand {
      font-weight: 700;
      font-size: 1.25rem;
    }
    .tagline {
      flex: 1;
    }
    .language select {
      margin-left: 0.5rem;
    }
    main {
      padding: 1.5rem;
      max-width: 72rem;
      margin: 0 auto;
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
  protected readonly languages = LANGUAGES;

  protected choose(event: Event): void {
    this.i18n.language.set((event.target as HTMLSelectElement).value as Language);
  }
}
