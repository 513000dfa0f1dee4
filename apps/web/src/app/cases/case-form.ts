import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  ElementRef,
  Injector,
  afterNextRender,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { AbstractControl, FormGroup, ValidatorFn } from '@angular/forms';
import type { RadioOption } from '@stafett/ui';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { CaseCommand, CaseStore, CommandRun, ConsentCommandRun } from './case.store';

/** Required text: blank (only spaces) counts as missing, as the server's length rules do. */
export const requiredText: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.trim() !== '' ? null : { required: true };

/** Server field errors sorted onto a form's fields, and the rest as the server worded them. */
interface SortedServerErrors<F extends string> {
  /** Per form field, the server's field paths shown there (e.g. `consent` at the units). */
  fields: Partial<Record<F, string[]>>;
  other: string[];
}

/**
 * What every form on the case page shares: client-side messages once a field is touched or the
 * form submitted, the server's field errors at the field (until the user changes it), focus on
 * the first field to correct, and one command run through the page's store.
 *
 * A cross-field rule is a group validator answering `{ rule: { <field>: <code> } }`; its code is
 * looked up in `messages` like a control's own error.
 */
@Directive()
export abstract class CaseForm<F extends string> {
  protected readonly store = inject(CaseStore);
  protected readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected abstract readonly command: CaseCommand;
  protected abstract readonly form: FormGroup;
  /** Element id of each field; its error is `<id>-error`, its hint `<id>-hint`. */
  protected abstract readonly ids: Record<F, string>;
  /** Client-side messages per field and error code (`required`, `maxlength`, a rule's code). */
  protected abstract readonly messages: Partial<Record<F, Record<string, MessageKey>>>;
  /** What to say at a field the server refused; the generic "not accepted" otherwise. */
  protected readonly serverMessages: Partial<Record<F, MessageKey>> = {};
  /** What to say for a server field that has its own meaning wherever it is shown (e.g. `consent`); before `serverMessages`. */
  protected readonly serverPathMessages: Partial<Record<string, MessageKey>> = {};

  protected readonly submitted = signal(false);

  /** The record this form is about when the page has several such forms (one per measure or meeting). */
  protected target(): string | null {
    return null;
  }

  /** A server field path (`joining[0].unitId`) as one of the form's fields, or null to list it apart. */
  protected route(path: string): F | null {
    const head = path.split(/[.[]/)[0];
    return head in this.ids ? (head as F) : null;
  }

  protected readonly serverErrors = linkedSignal<SortedServerErrors<F>>(() => {
    const fields = this.store.fieldErrorsFor(this.command, this.target());
    const sorted: SortedServerErrors<F> = { fields: {}, other: [] };
    for (const [path, messages] of Object.entries(fields ?? {})) {
      const field = this.route(path);
      if (field) sorted.fields[field] = [...(sorted.fields[field] ?? []), path];
      else sorted.other.push(...messages);
    }
    return sorted;
  });

  protected readonly busy = computed(() => this.store.isBusy(this.command, this.target()));

  constructor() {
    effect(() => {
      const fields = this.serverErrors().fields;
      if (Object.keys(fields).length === 0) return;
      untracked(() => {
        // A field the user changes afterwards no longer shows the server's refusal.
        this.form.markAsPristine();
        this.focusFirstInvalid();
      });
    });
  }

  /** The choices of a radio group, labelled in the reader's language. */
  protected choices<T extends string | number>(
    values: readonly T[],
    label: (value: T) => MessageKey,
    hint?: (value: T) => MessageKey,
  ): RadioOption<T>[] {
    return values.map((value) => ({ value, label: this.i18n.t(label(value)), ...(hint ? { hint: this.i18n.t(hint(value)) } : {}) }));
  }

  protected control(name: F): AbstractControl {
    return this.form.get(name) as AbstractControl;
  }

  protected errors(name: F): string[] {
    const control = this.control(name);
    const shown = control.touched || this.submitted();
    const keys = new Set<MessageKey>();
    if (shown) {
      for (const code of Object.keys(control.errors ?? {})) {
        const key = this.messages[name]?.[code];
        if (key) keys.add(key);
      }
      const ruleCode = (this.form.errors?.['rule'] as Record<string, string> | undefined)?.[name];
      const ruleKey = ruleCode ? this.messages[name]?.[ruleCode] : undefined;
      if (ruleKey) keys.add(ruleKey);
    }
    const paths = this.serverErrors().fields[name];
    if (paths && !control.dirty)
      for (const path of paths)
        keys.add(this.serverPathMessages[path.split(/[.[]/)[0]] ?? this.serverMessages[name] ?? 'form.error.invalid');
    return [...keys].map((key) => this.i18n.t(key));
  }

  protected invalid(name: F): true | null {
    return this.errors(name).length > 0 ? true : null;
  }

  /** The hint (when the field has one) and the error (when shown) that describe a field. */
  protected describedBy(name: F, hint = false): string | null {
    const id = this.ids[name];
    const refs = [hint ? `${id}-hint` : null, this.invalid(name) ? `${id}-error` : null].filter((r) => r !== null);
    return refs.length > 0 ? refs.join(' ') : null;
  }

  protected submit(): void {
    if (this.busy()) return;
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    this.send();
  }

  /** Sends the form's command; called once the client-side checks pass. */
  protected abstract send(): void;

  protected run(run: Omit<CommandRun, 'command' | 'target'>): void {
    this.store.run({
      ...run,
      command: this.command,
      target: this.target(),
      done: () => {
        this.submitted.set(false);
        run.done?.();
      },
    });
  }

  /** A command on a consent, run through the page's store like the case's own commands. */
  protected runConsent(run: Omit<ConsentCommandRun, 'command' | 'target'>): void {
    this.store.runConsent({
      ...run,
      command: this.command,
      target: this.target(),
      done: () => {
        this.submitted.set(false);
        run.done?.();
      },
    });
  }

  /** Whether the server refused the form on this path (e.g. `consent`), and the user has not changed the field since. */
  protected refusedOn(path: string): boolean {
    return Object.entries(this.serverErrors().fields).some(
      ([field, paths]) => (paths as string[]).some((p) => p.split(/[.[]/)[0] === path) && !this.control(field as F).dirty,
    );
  }

  /** After rendering the messages, put the keyboard on the first field to correct. */
  protected focusFirstInvalid(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
      injector: this.injector,
    });
  }
}

/** The store's confirmation or refusal for one place of the page, announced when it appears. */
@Component({
  selector: 'st-case-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @if (notice(); as notice) {
      @if (notice.details?.length) {
        <div class="problem" role="alert" data-testid="case-notice">
          <p>{{ notice.key | t }}</p>
          <ul>
            @for (detail of notice.details; track $index) {
              <li>{{ detail }}</li>
            }
          </ul>
        </div>
      } @else {
        <p [class]="notice.tone === 'alert' ? 'problem' : 'success'" [attr.role]="notice.tone" data-testid="case-notice">
          {{ notice.key | t }}
        </p>
      }
    }
  `,
})
export class CaseNoticeView {
  private readonly store = inject(CaseStore);
  readonly place = input.required<string>();
  protected readonly notice = computed(() => this.store.noticeAt(this.place()));
}

/** Messages of the server about fields the form does not have, worded as the server did. */
@Component({
  selector: 'st-server-problems',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @if (messages().length > 0) {
      <div class="problem" role="alert">
        <p>{{ 'form.error.other' | t }}</p>
        <ul>
          @for (message of messages(); track $index) {
            <li>{{ message }}</li>
          }
        </ul>
      </div>
    }
  `,
})
export class ServerProblems {
  readonly messages = input.required<string[]>();
}

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside and closes it on Escape;
 * focus goes to the first field when it opens and back to what opened it when it closes. The
 * parent creates the content only while `open` (`@if`), so each opening starts with a fresh form.
 */
@Component({
  selector: 'st-case-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <dialog #dialog [attr.aria-labelledby]="dialogId() + '-heading'" [attr.data-testid]="dialogId()" (close)="dismiss()">
      @if (open()) {
        <div class="head">
          <h2 [id]="dialogId() + '-heading'">{{ heading() }}</h2>
          <button type="button" class="secondary" (click)="dismiss()" [attr.data-testid]="dialogId() + '-close'">
            {{ 'case.dialogClose' | t }}
          </button>
        </div>
      }
      <ng-content />
    </dialog>
  `,
  styles: `
    dialog {
      max-width: min(46rem, calc(100vw - 2rem));
      width: 100%;
      box-sizing: border-box;
      border: 2px solid #0b3d62;
      border-radius: 0.5rem;
      padding: 1rem 1.5rem 1.5rem;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.45);
    }
    .head {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 1rem;
    }
    h2 {
      margin-top: 0.25rem;
    }
  `,
})
export class CaseDialog {
  readonly dialogId = input.required<string>();
  readonly heading = input.required<string>();
  readonly open = input(false);
  /** The user closed it (Escape or the close button); the parent sets `open` to false. */
  readonly dismissed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private opener: HTMLElement | null = null;

  constructor() {
    // After rendering, so the content the parent created for an opening is there to take focus.
    afterRenderEffect(() => {
      const open = this.open();
      untracked(() => (open ? this.show() : this.hide()));
    });
  }

  protected dismiss(): void {
    if (this.open()) this.dismissed.emit();
  }

  private show(): void {
    const dialog = this.dialog().nativeElement;
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The unit tests' DOM lacks showModal; the open attribute still shows the content there.
    if (typeof dialog.showModal === 'function') {
      if (!dialog.open) dialog.showModal();
    } else dialog.setAttribute('open', '');
    dialog.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, button[type="submit"]')?.focus();
  }

  private hide(): void {
    const dialog = this.dialog().nativeElement;
    if (typeof dialog.close === 'function') {
      if (dialog.open) dialog.close();
    } else dialog.removeAttribute('open');
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
  }
}
