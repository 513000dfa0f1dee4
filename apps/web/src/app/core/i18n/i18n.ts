import { DOCUMENT } from '@angular/common';
import { Injectable, Pipe, PipeTransform, computed, effect, inject, signal } from '@angular/core';
import { LANGUAGES, Language, MESSAGES, MessageKey } from './messages';

const STORAGE_KEY = 'stafett.language';

/** The chosen language as a signal; bokmål unless the user picked English. */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  readonly language = signal<Language>(this.initial());
  readonly messages = computed(() => MESSAGES[this.language()]);

  constructor() {
    effect(() => {
      const lang = this.language();
      this.document.documentElement.lang = lang;
      try {
        localStorage.setItem(STORAGE_KEY, lang);
      } catch {
        /* storage may be disabled; the choice then lasts for this page only */
      }
    });
  }

  t(key: MessageKey): string {
    return this.messages()[key];
  }

  private initial(): Language {
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
    } catch {
      /* ignore */
    }
    return 'nb';
  }
}

/** `{{ 'home.loading' | t }}`: impure so a language switch re-renders at once. */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: MessageKey): string {
    return this.i18n.t(key);
  }
}
