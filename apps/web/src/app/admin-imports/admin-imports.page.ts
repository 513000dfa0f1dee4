import { ChangeDetectionStrategy, Component, PendingTasks, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { FieldError, RadioGroupField } from '@stafett/ui';
import type { RadioOption } from '@stafett/ui';
import { REGISTER_FILE_MAX_BYTES, RegisterImportsApi, registerFileFormatOf, registerLineProblemsOf } from '@stafett/web-data-access';
import type { RegisterFile, RegisterImportKind, RegisterLineProblem } from '@stafett/web-data-access';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import type { MessageKey } from '../core/i18n/messages';
import { ImportAnswer, ImportPlan } from './import-plan';

/** The chosen file's text, read in the browser: it is sent as it is, never parsed here. */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'utf-8');
  });
}

/** What a failed import says when it is not a list of bad lines. */
function failureOf(error: unknown, file: RegisterFile): MessageKey {
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  if (status === 400 && file.format === 'json') return 'imports.failed.json';
  if (status === 413) return 'imports.failed.tooLarge';
  if (status === 401 || status === 403) return 'imports.failed.forbidden';
  return 'imports.failed';
}

/**
 * Register imports for the municipal administrator (docs/registers.md): choose the register and the
 * file, "Kontroller" shows what the import would do (a dry run that writes nothing), "Importer" then
 * does it. A refused file lists its bad lines; nothing is written then.
 */
@Component({
  selector: 'st-admin-imports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, ReactiveFormsModule, RadioGroupField, FieldError, ImportPlan],
  template: `
    <h1 id="imports-heading" data-testid="imports-heading">{{ 'imports.heading' | t }}</h1>
    <p>{{ 'imports.intro' | t }}</p>

    <form class="form" (submit)="$event.preventDefault()" novalidate data-testid="import-form">
      <st-radio-group-field
        fieldId="import-kind"
        [legend]="'imports.kind' | t"
        [control]="kind"
        [options]="kinds()"
        optionIdPrefix="import-kind-"
        optionTestIdPrefix="import-kind-"
      />
      <div class="field">
        <label for="import-file">{{ 'imports.file' | t }}</label>
        <p class="hint" id="import-file-hint">{{ 'imports.fileHint' | t }}</p>
        <input
          id="import-file"
          data-testid="import-file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          [attr.aria-invalid]="fileError() ? 'true' : null"
          [attr.aria-describedby]="fileError() ? 'import-file-hint import-file-error' : 'import-file-hint'"
          (change)="choose($event)"
        />
        <st-field-error fieldId="import-file" [messages]="fileMessages()" />
      </div>
      <p class="hint" id="import-run-hint">{{ 'imports.runHint' | t }}</p>
      <div class="actions">
        <button type="button" class="secondary" data-testid="import-check" [disabled]="busy() !== null" (click)="check()">
          {{ (busy() === 'check' ? 'imports.checking' : 'imports.check') | t }}
        </button>
        <button
          type="button"
          class="primary"
          data-testid="import-run"
          aria-describedby="import-run-hint"
          [disabled]="busy() !== null || !checked()"
          (click)="run()"
        >
          {{ (busy() === 'run' ? 'imports.running' : 'imports.run') | t }}
        </button>
      </div>
    </form>

    @if (problems(); as problems) {
      <div class="problem" role="alert" data-testid="import-invalid">
        <p>{{ 'imports.invalidHeading' | t }}</p>
        <p>{{ 'imports.invalidIntro' | t }}</p>
        <ul data-testid="import-invalid-lines">
          @for (p of problems; track $index) {
            <li>
              @if (p.line) {
                {{ 'imports.line' | t }} {{ p.line }},
              }
              {{ 'imports.column' | t }} <code>{{ p.field }}</code>: {{ p.messages.join(' ') }}
            </li>
          }
        </ul>
      </div>
    }
    @if (failure(); as failure) {
      <p class="problem" role="alert" data-testid="import-failed">{{ failure | t }}</p>
    }

    @if (answer(); as answer) {
      <section aria-labelledby="import-answer-heading" data-testid="import-answer">
        <h2 id="import-answer-heading" data-testid="import-answer-heading">
          {{ (answer.value.dryRun ? 'imports.planHeading' : 'imports.resultHeading') | t }}
        </h2>
        <p role="status" data-testid="import-answer-intro">{{ (answer.value.dryRun ? 'imports.planIntro' : 'imports.resultIntro') | t }}</p>
        <st-import-plan [answer]="answer" />
      </section>
    }
  `,
})
export class AdminImportsPage {
  private readonly api = inject(RegisterImportsApi);
  private readonly i18n = inject(I18n);
  private readonly tasks = inject(PendingTasks);

  protected readonly kind = new FormControl<RegisterImportKind>('population', { nonNullable: true });
  protected readonly file = signal<RegisterFile | null>(null);
  protected readonly fileError = signal<MessageKey | null>(null);
  protected readonly busy = signal<'check' | 'run' | null>(null);
  protected readonly answer = signal<ImportAnswer | null>(null);
  protected readonly problems = signal<RegisterLineProblem[] | null>(null);
  protected readonly failure = signal<MessageKey | null>(null);
  protected readonly fileMessages = computed(() => {
    const key = this.fileError();
    return key ? [this.i18n.t(key)] : [];
  });
  /** "Importer" runs only the file and register a dry run was just shown for. */
  protected readonly checked = computed(() => this.answer()?.value.dryRun === true);

  protected readonly kinds = computed((): RadioOption<RegisterImportKind>[] => [
    { value: 'population', label: this.i18n.t('imports.kind.population'), hint: this.i18n.t('imports.kind.populationHint') },
    { value: 'enrolments', label: this.i18n.t('imports.kind.enrolments'), hint: this.i18n.t('imports.kind.enrolmentsHint') },
  ]);

  constructor() {
    // Another register makes the plan shown one for a different import.
    this.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.clear());
  }

  protected async choose(event: Event): Promise<void> {
    const chosen = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.clear();
    this.file.set(null);
    this.fileError.set(null);
    if (!chosen) return;
    const format = registerFileFormatOf(chosen);
    if (!format) return this.fileError.set('imports.error.format');
    if (chosen.size > REGISTER_FILE_MAX_BYTES) return this.fileError.set('imports.error.tooLarge');
    // A pending task, so the page is not "stable" while the file is still being read.
    const done = this.tasks.add();
    try {
      this.file.set({ name: chosen.name, format, text: await readText(chosen) });
    } catch {
      this.fileError.set('imports.error.unreadable');
    } finally {
      done();
    }
  }

  protected check(): void {
    this.send(true);
  }

  protected run(): void {
    if (this.checked()) this.send(false);
  }

  private send(dryRun: boolean): void {
    const file = this.file();
    if (!file) {
      if (!this.fileError()) this.fileError.set('imports.error.noFile');
      return;
    }
    const kind = this.kind.value;
    this.clear();
    this.busy.set(dryRun ? 'check' : 'run');
    const answer: Observable<ImportAnswer> =
      kind === 'population'
        ? this.api.population(file, dryRun).pipe(map((value) => ({ kind: 'population' as const, value })))
        : this.api.enrolments(file, dryRun).pipe(map((value) => ({ kind: 'enrolments' as const, value })));
    answer.subscribe({
      next: (value) => {
        this.busy.set(null);
        this.answer.set(value);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const lines = registerLineProblemsOf(error);
        if (lines) this.problems.set(lines);
        else this.failure.set(failureOf(error, file));
      },
    });
  }

  private clear(): void {
    this.answer.set(null);
    this.problems.set(null);
    this.failure.set(null);
  }
}
