import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Callout, FieldError, TextAreaField } from '@stafett/ui';
import { CasesApi } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { CaseForm, CaseNoticeView, ServerProblems, requiredText } from './case-form';
import { CaseStore } from './case.store';
import { logKindLabel } from './case-texts';

/** A short entry in the shared log. */
@Component({
  selector: 'st-case-log-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, TextAreaField],
  template: `
    <form class="form inline-form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="log-form">
      <st-text-area-field
        [fieldId]="ids.text"
        testId="log-text"
        [control]="form.controls.text"
        [label]="'caseLog.text' | t"
        [hint]="'caseLog.textHint' | t"
        [maxLength]="1000"
        [messages]="errors('text')"
      />
      @if (writesUnderHealthRegime()) {
        <div class="field">
          <p class="hint" [id]="ids.shareHealthInformation + '-hint'">{{ 'caseLog.shareHealthHint' | t }}</p>
          <div class="choice">
            <input
              type="checkbox"
              [id]="ids.shareHealthInformation"
              data-testid="log-share-health"
              formControlName="shareHealthInformation"
              aria-required="true"
              [attr.aria-invalid]="invalid('shareHealthInformation')"
              [attr.aria-describedby]="describedBy('shareHealthInformation', true)"
            />
            <label [for]="ids.shareHealthInformation">{{ 'caseLog.shareHealth' | t }}</label>
          </div>
          <st-field-error [fieldId]="ids.shareHealthInformation" [messages]="errors('shareHealthInformation')" />
        </div>
      }
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="log-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseLog.add') | t }}
        </button>
      </div>
    </form>
  `,
})
export class LogEntryForm extends CaseForm<'text' | 'shareHealthInformation'> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly command = 'log' as const;
  protected readonly ids = { text: 'log-text', shareHealthInformation: 'log-share-health' };
  protected readonly messages = {
    text: { required: 'caseLog.error.text', maxlength: 'form.error.tooLong' },
    shareHealthInformation: { healthChoice: 'caseLog.error.shareHealth' },
  } as Partial<Record<'text' | 'shareHealthInformation', Record<string, MessageKey>>>;
  protected override readonly serverMessages = { shareHealthInformation: 'caseLog.error.shareHealth' } as Partial<
    Record<'text' | 'shareHealthInformation', MessageKey>
  >;
  /** Health personnel share a note with the team only by their own choice (helsepersonelloven § 21), even with consent. */
  protected readonly writesUnderHealthRegime = computed(() => this.store.record()?.permissions.writesUnderHealthRegime ?? false);
  protected readonly form = this.fb.group(
    { text: ['', [requiredText, Validators.maxLength(1000)]], shareHealthInformation: [false] },
    {
      validators: (group) =>
        this.writesUnderHealthRegime() && group.get('shareHealthInformation')?.value !== true
          ? { rule: { shareHealthInformation: 'healthChoice' } }
          : null,
    },
  );

  protected send(): void {
    const { text, shareHealthInformation } = this.form.getRawValue();
    const body = { text: text.trim(), ...(this.writesUnderHealthRegime() ? { shareHealthInformation } : {}) };
    this.run({ section: 'log', saved: 'caseLog.saved', send: (id) => this.api.addLogEntry(id, body), done: () => this.form.reset() });
  }
}

/** The shared log (stafettlogg): short notes, and what the system wrote on each change of team, level and baton. */
@Component({
  selector: 'st-case-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, CaseNoticeView, LogEntryForm],
  template: `
    @if (store.record(); as record) {
      <section aria-labelledby="case-log-heading" data-testid="case-log">
        <h2 id="case-log-heading">{{ 'caseLog.heading' | t }}</h2>
        <p class="hint">{{ 'caseLog.intro' | t }}</p>
        <st-case-notice place="log" />
        @if (store.canContribute()) {
          <st-case-log-form />
        }
        @if (record.log.length === 0) {
          <p>{{ 'caseLog.empty' | t }}</p>
        } @else {
          <ol class="plain items" aria-labelledby="case-log-heading" data-testid="log">
            @for (entry of record.log; track entry.id) {
              <li data-testid="log-entry" [attr.data-kind]="entry.kind">
                <p class="meta">
                  <time [attr.datetime]="entry.createdAt">{{ entry.createdAt | localDate: 'dateTime' }}</time> ·
                  {{ entry.author.displayName }}
                  @if (entry.kind !== 'note') {
                    · <span class="kind">{{ logKindLabel(entry.kind) | t }}</span>
                  }
                </p>
                <p class="text">{{ entry.text }}</p>
              </li>
            }
          </ol>
        }
      </section>
    }
  `,
})
export class CaseLogSection {
  protected readonly store = inject(CaseStore);
  protected readonly logKindLabel = logKindLabel;
}

type NoteField = 'unitId' | 'text';

/** A note for the own unit only; it never becomes part of the shared log. */
@Component({
  selector: 'st-case-private-note-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, TextAreaField],
  template: `
    <form class="form inline-form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="note-form">
      @if (units().length > 1) {
        <div class="field">
          <label [for]="ids.unitId">{{ 'caseNotes.unit' | t }}</label>
          <select
            [id]="ids.unitId"
            data-testid="note-unit"
            formControlName="unitId"
            aria-required="true"
            [attr.aria-invalid]="invalid('unitId')"
            [attr.aria-describedby]="describedBy('unitId')"
          >
            @for (unit of units(); track unit.id) {
              <option [value]="unit.id">{{ unit.name }}</option>
            }
          </select>
          <st-field-error [fieldId]="ids.unitId" [messages]="errors('unitId')" />
        </div>
      }
      <st-text-area-field
        [fieldId]="ids.text"
        testId="note-text"
        [control]="form.controls.text"
        [label]="('caseNotes.text' | t) + ' ' + unitName()"
        [rows]="3"
        [maxLength]="4000"
        [messages]="errors('text')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="note-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseNotes.add') | t }}
        </button>
      </div>
    </form>
  `,
})
export class PrivateNoteForm extends CaseForm<NoteField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly command = 'note' as const;
  protected readonly ids: Record<NoteField, string> = { unitId: 'note-unit', text: 'note-text' };
  protected readonly messages: Partial<Record<NoteField, Record<string, MessageKey>>> = {
    unitId: { required: 'caseNotes.error.unit' },
    text: { required: 'caseNotes.error.text', maxlength: 'form.error.tooLong' },
  };
  protected override readonly serverMessages: Partial<Record<NoteField, MessageKey>> = { unitId: 'caseNotes.error.unit' };

  /** The user's own units that take part: where a private note is written. */
  protected readonly units = computed(() => {
    const record = this.store.record();
    if (!record) return [];
    return record.permissions.ownParticipantUnitIds.map((id) => ({
      id,
      name: record.participants.find((p) => p.unitId === id)?.unitName ?? id,
    }));
  });
  protected readonly unitName = computed(() => {
    const units = this.units();
    return units.length === 1 ? `(${units[0].name})` : '';
  });
  protected readonly form = this.fb.group({ unitId: ['', requiredText], text: ['', [requiredText, Validators.maxLength(4000)]] });

  constructor() {
    super();
    effect(() => {
      const first = this.units()[0]?.id;
      untracked(() => {
        if (first && !this.form.controls.unitId.value) this.form.controls.unitId.setValue(first);
      });
    });
  }

  protected send(): void {
    const value = this.form.getRawValue();
    const request = { unitId: value.unitId, text: value.text.trim() };
    this.run({
      section: 'notes',
      saved: 'caseNotes.saved',
      send: (id) => this.api.addPrivateNote(id, request),
      done: () => this.form.reset({ unitId: value.unitId, text: '' }),
    });
  }
}

/** Service-private notes: visible only inside the unit that wrote them, never shared with the team. */
@Component({
  selector: 'st-case-private-notes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, Callout, CaseNoticeView, PrivateNoteForm],
  template: `
    @if (store.record(); as record) {
      @if (record.permissions.ownParticipantUnitIds.length > 0 || record.privateNotes.length > 0) {
        <section aria-labelledby="case-notes-heading" data-testid="case-notes">
          <h2 id="case-notes-heading">{{ 'caseNotes.heading' | t }}</h2>
          <st-callout tone="info" data-testid="notes-privacy">{{ 'caseNotes.privacy' | t }}</st-callout>
          <st-case-notice place="notes" />
          @if (store.canContribute() && record.permissions.ownParticipantUnitIds.length > 0) {
            <st-case-private-note-form />
          }
          @if (record.privateNotes.length === 0) {
            <p>{{ 'caseNotes.empty' | t }}</p>
          } @else {
            <ol class="plain items" aria-labelledby="case-notes-heading" data-testid="notes">
              @for (note of record.privateNotes; track note.id) {
                <li data-testid="note-item">
                  <p class="meta">
                    <time [attr.datetime]="note.createdAt">{{ note.createdAt | localDate: 'dateTime' }}</time> ·
                    {{ note.author.displayName }} · {{ note.unitName }}
                  </p>
                  <p class="text">{{ note.text }}</p>
                </li>
              }
            </ol>
          }
        </section>
      }
    }
  `,
})
export class CasePrivateNotesSection {
  protected readonly store = inject(CaseStore);
}
