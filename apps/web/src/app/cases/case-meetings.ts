import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormRecord, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { CaseResponse, MeetingResponse } from '@stafett/domain';
import { Badge, FieldError, TextAreaField } from '@stafett/ui';
import { CasesApi } from '@stafett/web-data-access';
import type { MeetingChange } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { CaseForm, CaseNoticeView, ServerProblems, requiredText } from './case-form';
import { CaseStore } from './case.store';
import { activeParticipants, isoToLocalDateTime, localDateTimeToIso, minutesLabel } from './case-texts';

type MeetingField = 'meetingAt' | 'attendees' | 'otherAttendees' | 'agenda' | 'decisions' | 'nextMeetingOn';

/**
 * A meeting of the team: when, who attended, the agenda, what was decided and the next meeting.
 * With `meeting` it edits the draft minutes (sent with the meeting's version).
 */
@Component({
  selector: 'st-case-meeting-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems, CaseNoticeView, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate [attr.data-testid]="prefix() + '-form'">
      <st-case-notice [place]="formPlace()" />
      <div class="field">
        <label [for]="id('meetingAt')">{{ 'caseMeeting.meetingAt' | t }}</label>
        <input
          type="datetime-local"
          [id]="id('meetingAt')"
          [attr.data-testid]="prefix() + '-at'"
          formControlName="meetingAt"
          aria-required="true"
          [attr.aria-invalid]="invalid('meetingAt')"
          [attr.aria-describedby]="ref('meetingAt')"
        />
        <st-field-error [fieldId]="id('meetingAt')" [messages]="errors('meetingAt')" />
      </div>
      <fieldset [id]="id('attendees')" [attr.aria-describedby]="ref('attendees')">
        <legend>
          {{ 'caseMeeting.attendees' | t }} <span class="optional">{{ 'form.optional' | t }}</span>
        </legend>
        <ul class="choices" formGroupName="attendees">
          @for (participant of participants(); track participant.id) {
            <li class="choice">
              <input type="checkbox" [formControlName]="participant.id" [id]="id('attendees') + '-' + participant.id" />
              <label [for]="id('attendees') + '-' + participant.id">{{ participant.unitName }}</label>
            </li>
          }
        </ul>
        <st-field-error [fieldId]="id('attendees')" [messages]="errors('attendees')" />
      </fieldset>
      <div class="field">
        <label [for]="id('otherAttendees')"
          >{{ 'caseMeeting.otherAttendees' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <p class="hint" [id]="id('otherAttendees') + '-hint'">{{ 'caseMeeting.otherAttendeesHint' | t }}</p>
        <input
          type="text"
          [id]="id('otherAttendees')"
          [attr.data-testid]="prefix() + '-others'"
          formControlName="otherAttendees"
          maxlength="500"
          [attr.aria-invalid]="invalid('otherAttendees')"
          [attr.aria-describedby]="ref('otherAttendees', true)"
        />
        <st-field-error [fieldId]="id('otherAttendees')" [messages]="errors('otherAttendees')" />
      </div>
      <st-text-area-field
        [fieldId]="id('agenda')"
        [testId]="prefix() + '-agenda'"
        [control]="form.controls.agenda"
        [label]="'caseMeeting.agenda' | t"
        [rows]="3"
        [maxLength]="4000"
        [messages]="errors('agenda')"
      />
      <st-text-area-field
        [fieldId]="id('decisions')"
        [testId]="prefix() + '-decisions'"
        [control]="form.controls.decisions"
        [label]="'caseMeeting.decisions' | t"
        [hint]="'caseMeeting.decisionsHint' | t"
        [optional]="'form.optional' | t"
        [rows]="3"
        [maxLength]="4000"
        [messages]="errors('decisions')"
      />
      <div class="field">
        <label [for]="id('nextMeetingOn')"
          >{{ 'caseMeeting.nextMeetingOn' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <input
          type="date"
          [id]="id('nextMeetingOn')"
          [attr.data-testid]="prefix() + '-next'"
          formControlName="nextMeetingOn"
          [attr.aria-invalid]="invalid('nextMeetingOn')"
          [attr.aria-describedby]="ref('nextMeetingOn')"
        />
        <st-field-error [fieldId]="id('nextMeetingOn')" [messages]="errors('nextMeetingOn')" />
      </div>
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" [attr.data-testid]="prefix() + '-submit'" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : meeting() ? 'caseMeeting.save' : 'caseMeeting.add') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class MeetingForm extends CaseForm<MeetingField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly meeting = input<MeetingResponse | null>(null);
  readonly finished = output<void>();

  protected get command() {
    return this.meeting() ? ('meetingEdit' as const) : ('meeting' as const);
  }
  protected override target(): string | null {
    return this.meeting()?.id ?? null;
  }
  protected readonly prefix = computed(() => (this.meeting() ? 'meeting-edit' : 'meeting'));
  protected readonly formPlace = computed(() => (this.meeting() ? `meeting:${this.meeting()?.id}` : 'meeting-form'));
  /** The fields by name; element ids are made per form by `id()`, as several such forms can be on the page. */
  protected readonly ids: Record<MeetingField, string> = {
    meetingAt: 'meetingAt',
    attendees: 'attendees',
    otherAttendees: 'otherAttendees',
    agenda: 'agenda',
    decisions: 'decisions',
    nextMeetingOn: 'nextMeetingOn',
  };
  protected readonly messages: Partial<Record<MeetingField, Record<string, MessageKey>>> = {
    meetingAt: { required: 'caseMeeting.error.meetingAt' },
    agenda: { required: 'caseMeeting.error.agenda', maxlength: 'form.error.tooLong' },
    otherAttendees: { maxlength: 'form.error.tooLong' },
    decisions: { maxlength: 'form.error.tooLong' },
  };
  protected override route(path: string): MeetingField | null {
    if (path.startsWith('attendeeParticipantIds')) return 'attendees';
    return super.route(path);
  }

  protected readonly participants = computed(() => {
    const record = this.store.record();
    return record ? activeParticipants(record) : [];
  });

  protected readonly form = this.fb.group({
    meetingAt: ['', requiredText],
    attendees: new FormRecord<FormControl<boolean>>({}),
    otherAttendees: ['', Validators.maxLength(500)],
    agenda: ['', [requiredText, Validators.maxLength(4000)]],
    decisions: ['', Validators.maxLength(4000)],
    nextMeetingOn: [''],
  });

  constructor() {
    super();
    effect(() => {
      const participants = this.participants();
      const version = this.meeting()?.version;
      untracked(() => {
        const attendees = this.form.controls.attendees;
        for (const p of participants) if (!attendees.contains(p.id)) attendees.addControl(p.id, this.fb.control(false));
        const meeting = this.meeting();
        if (version === undefined || !meeting) return;
        // The version shown is the one the change is based on; a newer one (after a 412) replaces it.
        this.form.reset({
          meetingAt: isoToLocalDateTime(meeting.meetingAt),
          attendees: Object.fromEntries(participants.map((p) => [p.id, meeting.attendeeParticipantIds.includes(p.id)])),
          otherAttendees: meeting.otherAttendees ?? '',
          agenda: meeting.agenda,
          decisions: meeting.decisions ?? '',
          nextMeetingOn: meeting.nextMeetingOn ?? '',
        });
      });
    });
  }

  protected id(field: MeetingField): string {
    return `${this.prefix()}-${this.meeting()?.id ?? 'new'}-${field}`;
  }

  protected ref(name: MeetingField, hint = false): string | null {
    const id = this.id(name);
    const refs = [hint ? `${id}-hint` : null, this.invalid(name) ? `${id}-error` : null].filter((r) => r !== null);
    return refs.length > 0 ? refs.join(' ') : null;
  }

  protected send(): void {
    const value = this.form.getRawValue();
    const meetingAt = localDateTimeToIso(value.meetingAt);
    if (!meetingAt) {
      this.form.controls.meetingAt.setErrors({ required: true });
      this.focusFirstInvalid();
      return;
    }
    const request = {
      meetingAt,
      attendeeParticipantIds: Object.entries(value.attendees)
        .filter(([, attended]) => attended)
        .map(([id]) => id),
      otherAttendees: value.otherAttendees.trim() || null,
      agenda: value.agenda.trim(),
      decisions: value.decisions.trim() || null,
      nextMeetingOn: value.nextMeetingOn || null,
    };
    const meeting = this.meeting();
    if (!meeting) {
      this.run({
        section: 'meetings',
        form: 'meeting-form',
        saved: 'caseMeeting.saved',
        send: (id) => this.api.addMeeting(id, request),
        done: () => this.finished.emit(),
      });
      return;
    }
    const change: MeetingChange = request;
    this.run({
      section: 'meetings',
      form: `meeting:${meeting.id}`,
      stale: 'caseMeeting.stale',
      saved: 'caseMeeting.changed',
      send: (id) => this.api.updateMeeting(id, meeting.id, change, meeting.version),
      done: () => this.finished.emit(),
    });
  }
}

type Panel = { kind: 'add' } | { kind: 'edit' | 'finalize'; meetingId: string } | null;

/** The team's meetings, with draft minutes the coordinator edits and then makes final (never changed after). */
@Component({
  selector: 'st-case-meetings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, Badge, CaseNoticeView, MeetingForm],
  template: `
    @if (store.record(); as record) {
      <section aria-labelledby="case-meetings-heading" data-testid="case-meetings">
        <h2 id="case-meetings-heading">{{ 'caseMeeting.heading' | t }}</h2>
        <st-case-notice place="meetings" />
        @if (record.meetings.length === 0) {
          <p data-testid="no-meetings">{{ 'caseMeeting.none' | t }}</p>
        } @else {
          <ul class="plain items" aria-labelledby="case-meetings-heading" data-testid="meetings">
            @for (meeting of record.meetings; track meeting.id) {
              <li data-testid="meeting-item" [attr.data-status]="meeting.minutesStatus">
                <p class="what">
                  <strong
                    ><time [attr.datetime]="meeting.meetingAt">{{ meeting.meetingAt | localDate: 'dateTime' }}</time></strong
                  >
                  <st-badge [tone]="meeting.minutesStatus === 'final' ? 'success' : 'neutral'" data-testid="meeting-status">
                    {{ minutesLabel(meeting.minutesStatus) | t }}
                  </st-badge>
                </p>
                <dl class="facts">
                  <dt>{{ 'caseMeeting.agenda' | t }}</dt>
                  <dd data-testid="meeting-agenda">{{ meeting.agenda }}</dd>
                  <dt>{{ 'caseMeeting.decisions' | t }}</dt>
                  <dd data-testid="meeting-decisions">{{ meeting.decisions ?? ('caseMeeting.noDecisions' | t) }}</dd>
                  <dt>{{ 'caseMeeting.attendees' | t }}</dt>
                  <dd>{{ attendeeNames(record, meeting) || ('common.notAvailable' | t) }}</dd>
                  @if (meeting.otherAttendees) {
                    <dt>{{ 'caseMeeting.otherAttendees' | t }}</dt>
                    <dd>{{ meeting.otherAttendees }}</dd>
                  }
                  @if (meeting.nextMeetingOn) {
                    <dt>{{ 'caseMeeting.nextMeetingOn' | t }}</dt>
                    <dd>{{ meeting.nextMeetingOn | localDate }}</dd>
                  }
                </dl>
                @let open = panel();
                @if (open && open.kind !== 'add' && open.meetingId === meeting.id) {
                  <div class="panel" role="group" [attr.aria-labelledby]="'meeting-panel-' + meeting.id" data-testid="meeting-panel">
                    @if (open.kind === 'edit') {
                      <h3 [id]="'meeting-panel-' + meeting.id">{{ 'caseMeeting.editHeading' | t }}</h3>
                      <st-case-meeting-form [meeting]="meeting" (finished)="closePanel()" />
                    } @else {
                      <h3 [id]="'meeting-panel-' + meeting.id">{{ 'caseMeeting.finalizeHeading' | t }}</h3>
                      <st-case-notice [place]="'meeting:' + meeting.id" />
                      <p>{{ 'caseMeeting.finalizeWarning' | t }}</p>
                      <div class="actions">
                        <button
                          type="button"
                          class="primary"
                          data-testid="meeting-finalize-confirm"
                          [disabled]="store.anyBusy()"
                          (click)="finalize(meeting)"
                        >
                          {{ 'caseMeeting.finalizeConfirm' | t }}
                        </button>
                        <button type="button" class="secondary" (click)="closePanel()">{{ 'common.cancel' | t }}</button>
                      </div>
                    }
                  </div>
                } @else if (store.canCoordinate() && meeting.minutesStatus === 'draft') {
                  @if (!meeting.decisions) {
                    <p class="hint">{{ 'caseMeeting.finalizeNeedsDecisions' | t }}</p>
                  }
                  <div class="actions">
                    <button
                      type="button"
                      class="secondary"
                      data-testid="meeting-edit"
                      (click)="openPanel({ kind: 'edit', meetingId: meeting.id })"
                    >
                      {{ 'caseMeeting.edit' | t }}
                    </button>
                    @if (meeting.decisions) {
                      <button
                        type="button"
                        class="secondary"
                        data-testid="meeting-finalize"
                        (click)="openPanel({ kind: 'finalize', meetingId: meeting.id })"
                      >
                        {{ 'caseMeeting.finalize' | t }}
                      </button>
                    }
                  </div>
                }
              </li>
            }
          </ul>
        }
        @if (store.canCoordinate()) {
          @if (panel()?.kind === 'add') {
            <div class="panel" role="group" aria-labelledby="meeting-add-heading" data-testid="meeting-panel">
              <h3 id="meeting-add-heading">{{ 'caseMeeting.addHeading' | t }}</h3>
              <st-case-meeting-form (finished)="closePanel()" />
            </div>
          } @else {
            <div class="actions">
              <button type="button" class="secondary" data-testid="add-meeting" (click)="openPanel({ kind: 'add' })">
                {{ 'caseMeeting.addOpen' | t }}
              </button>
            </div>
          }
        }
      </section>
    }
  `,
})
export class CaseMeetingsSection {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CasesApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly panel = signal<Panel>(null);
  protected readonly minutesLabel = minutesLabel;

  protected attendeeNames(record: CaseResponse, meeting: MeetingResponse): string {
    return record.participants
      .filter((p) => meeting.attendeeParticipantIds.includes(p.id))
      .map((p) => p.unitName)
      .join(', ');
  }

  protected finalize(meeting: MeetingResponse): void {
    this.store.run({
      command: 'finalize',
      target: meeting.id,
      section: 'meetings',
      form: `meeting:${meeting.id}`,
      stale: 'caseMeeting.stale',
      saved: 'caseMeeting.finalized',
      noFields: true,
      send: (id) => this.api.finalizeMeeting(id, meeting.id, meeting.version),
      done: () => this.closePanel(),
    });
  }

  protected openPanel(panel: Exclude<Panel, null>): void {
    this.panel.set(panel);
    afterNextRender(
      () =>
        this.host.nativeElement
          .querySelector<HTMLElement>('[data-testid="meeting-panel"] :is(input, select, textarea, button.primary)')
          ?.focus(),
      { injector: this.injector },
    );
  }

  protected closePanel(): void {
    this.panel.set(null);
  }
}
