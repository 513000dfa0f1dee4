import { ChangeDetectionStrategy, Component, computed, effect, inject, output, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  FormRecord,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { CLOSURE_REASONS, DomainRuleError, PARTICIPANT_ROLES, changeLevel } from '@stafett/domain';
import type { CaseLevel, CaseResponse, ClosureReason, ParticipantRole } from '@stafett/domain';
import { FieldError, RadioGroupField, TextAreaField } from '@stafett/ui';
import { CasesApi } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { CaseForm, CaseNoticeView, ServerProblems, requiredText } from './case-form';
import { servicesNeedingConsent } from '../consents/consent-texts';
import { activeParticipants, caseStateOf, closureLabel, levelHint, levelLabel, roleLabel } from './case-texts';

/** A unit of the municipality that could join, with its service. */
interface JoinableUnit {
  id: string;
  name: string;
  serviceId: string;
  serviceName: string;
}

type JoiningGroup = FormGroup<{ selected: FormControl<boolean>; role: FormControl<ParticipantRole> }>;

interface LevelValue {
  toLevel: CaseLevel | null;
  reason: string;
  joining: Record<string, { selected: boolean; role: ParticipantRole }>;
  leaving: Record<string, boolean>;
}
type LevelField = 'toLevel' | 'reason' | 'childView' | 'meetingId' | 'joining' | 'leaving';

const LEVELS: readonly CaseLevel[] = [1, 2, 3];

/**
 * The domain's rule for the team the new level needs, as the server runs it: level 1 is one
 * service, levels 2 and 3 at least two. Needs the case and the units' services, so it is built per form.
 */
function teamRule(record: () => CaseResponse | null, units: () => JoinableUnit[]): ValidatorFn {
  return (group) => {
    const value = (group as AbstractControl<LevelValue>).getRawValue() as LevelValue;
    const current = record();
    if (!current || value.toLevel === null) return null;
    const byId = new Map(units().map((u) => [u.id, u]));
    const joining = Object.entries(value.joining)
      .filter(([, j]) => j.selected)
      .flatMap(([unitId]) => (byId.has(unitId) ? [{ unitId, serviceId: byId.get(unitId)?.serviceId as string }] : []));
    const leaving = Object.entries(value.leaving)
      .filter(([, chosen]) => chosen)
      .map(([participantId]) => current.participants.find((p) => p.id === participantId)?.unitId ?? '');
    try {
      changeLevel(caseStateOf(current), value.toLevel, value.reason.trim() || 'reason', { joining, leaving });
      return null;
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
      if (error.field === 'level' && value.toLevel > 1) return { rule: { joining: 'needsSecondService' } };
      if (error.field === 'level') return { rule: { leaving: 'oneService' } };
      return { rule: { leaving: 'blocked' } };
    }
  };
}

/** A level change as one decision: to which level, why, the child's view, the meeting, and the units joining or leaving. */
@Component({
  selector: 'st-case-level-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, LocalDatePipe, FieldError, ServerProblems, CaseNoticeView, TextAreaField, RadioGroupField],
  template: `
    @if (store.record(); as record) {
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="level-form">
        <st-case-notice place="level-dialog" />
        <p class="hint">{{ 'caseLevel.formIntro' | t }}</p>
        <st-radio-group-field
          [fieldId]="ids.toLevel"
          [legend]="'caseLevel.toLevel' | t"
          [control]="form.controls.toLevel"
          [options]="choices(levels(), levelLabel, levelHint)"
          optionIdPrefix="level-to-"
          optionTestIdPrefix="level-to-"
          [messages]="errors('toLevel')"
        />

        @if (showJoining()) {
          <fieldset [id]="ids.joining" [attr.aria-describedby]="describedBy('joining', true)" data-testid="level-joining">
            <legend>{{ 'caseLevel.joining' | t }}</legend>
            <p class="hint" [id]="ids.joining + '-hint'">{{ 'caseLevel.joiningHint' | t }}</p>
            @if (store.organisation() === null) {
              <p role="status">{{ 'common.loading' | t }}</p>
            } @else if (joinable().length === 0) {
              <p>{{ 'caseLevel.noJoinable' | t }}</p>
            } @else {
              <ul class="choices" formGroupName="joining">
                @for (unit of joinable(); track unit.id) {
                  <li class="joining" [formGroupName]="unit.id">
                    <span class="choice">
                      <input
                        type="checkbox"
                        formControlName="selected"
                        [id]="'level-join-' + unit.id"
                        [attr.data-unit-name]="unit.name"
                        [attr.aria-invalid]="invalid('joining')"
                      />
                      <label [for]="'level-join-' + unit.id"
                        >{{ unit.name }} <span class="service">({{ unit.serviceName }})</span></label
                      >
                    </span>
                    @if (joiningValue()[unit.id]?.selected) {
                      <span class="role">
                        <label [for]="'level-join-role-' + unit.id">{{ 'caseTeam.roleFor' | t }} {{ unit.name }}</label>
                        <select formControlName="role" [id]="'level-join-role-' + unit.id">
                          @for (role of roles; track role) {
                            <option [value]="role">{{ roleLabel(role) | t }}</option>
                          }
                        </select>
                      </span>
                    }
                  </li>
                }
              </ul>
            }
            <st-field-error [fieldId]="ids.joining" [messages]="errors('joining')" />
            @if (needsConsent().length > 0 || refusedOn('consent')) {
              <div class="consent-needed" data-testid="level-consent-needed">
                @if (needsConsent().length > 0) {
                  <p>{{ 'caseLevel.consentMissing' | t }} {{ needsConsent().join(', ') }}</p>
                }
                <button type="button" class="link" data-testid="level-go-to-consent" (click)="toConsents()">
                  {{ 'caseConsent.goTo' | t }}
                </button>
              </div>
            }
          </fieldset>
        }

        @if (showLeaving()) {
          <fieldset [id]="ids.leaving" [attr.aria-describedby]="describedBy('leaving', true)" data-testid="level-leaving">
            <legend>{{ 'caseLevel.leaving' | t }}</legend>
            <p class="hint" [id]="ids.leaving + '-hint'">{{ 'caseLevel.leavingHint' | t }}</p>
            <ul class="choices" formGroupName="leaving">
              @for (participant of leavable(); track participant.id) {
                <li class="choice">
                  <input
                    type="checkbox"
                    [formControlName]="participant.id"
                    [id]="'level-leave-' + participant.id"
                    [attr.aria-invalid]="invalid('leaving')"
                  />
                  <label [for]="'level-leave-' + participant.id">{{ participant.unitName }} ({{ participant.serviceName }})</label>
                </li>
              }
            </ul>
            <st-field-error [fieldId]="ids.leaving" [messages]="errors('leaving')" />
          </fieldset>
        }

        <st-text-area-field
          [fieldId]="ids.reason"
          testId="level-reason"
          [control]="form.controls.reason"
          [label]="'caseLevel.reason' | t"
          [hint]="'caseLevel.reasonHint' | t"
          [rows]="3"
          [messages]="errors('reason')"
        />

        <st-text-area-field
          class="child-view"
          [fieldId]="ids.childView"
          testId="level-child-view"
          [control]="form.controls.childView"
          [label]="'case.childView' | t"
          [hint]="'case.childViewHint' | t"
          [optional]="'form.optional' | t"
          [rows]="3"
          [messages]="errors('childView')"
        />

        @if (record.meetings.length > 0) {
          <div class="field">
            <label [for]="ids.meetingId"
              >{{ 'caseLevel.meeting' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
            >
            <select
              [id]="ids.meetingId"
              data-testid="level-meeting"
              formControlName="meetingId"
              [attr.aria-invalid]="invalid('meetingId')"
              [attr.aria-describedby]="describedBy('meetingId')"
            >
              <option value="">{{ 'caseLevel.noMeeting' | t }}</option>
              @for (meeting of record.meetings; track meeting.id) {
                <option [value]="meeting.id">{{ meeting.meetingAt | localDate: 'dateTime' }} – {{ meeting.agenda }}</option>
              }
            </select>
            <st-field-error [fieldId]="ids.meetingId" [messages]="errors('meetingId')" />
          </div>
        }

        <st-server-problems [messages]="serverErrors().other" />
        <div class="actions">
          <button type="submit" class="primary" data-testid="level-submit" [disabled]="busy()">
            {{ (busy() ? 'common.saving' : 'caseLevel.submit') | t }}
          </button>
          <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
        </div>
      </form>
    }
  `,
})
export class LevelForm extends CaseForm<LevelField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly finished = output<void>();

  protected readonly command = 'level' as const;
  protected readonly ids: Record<LevelField, string> = {
    toLevel: 'level-to',
    reason: 'level-reason',
    childView: 'level-child-view',
    meetingId: 'level-meeting',
    joining: 'level-joining',
    leaving: 'level-leaving',
  };
  protected readonly messages: Partial<Record<LevelField, Record<string, MessageKey>>> = {
    toLevel: { required: 'caseLevel.error.toLevel' },
    reason: { required: 'caseLevel.error.reason', maxlength: 'form.error.tooLong' },
    childView: { maxlength: 'form.error.tooLong' },
    joining: { needsSecondService: 'caseLevel.error.needsSecondService' },
    leaving: { oneService: 'caseLevel.error.oneService', blocked: 'caseLevel.error.leavingBlocked' },
  };
  protected override readonly serverPathMessages: Partial<Record<string, MessageKey>> = { consent: 'caseLevel.error.consent' };
  protected override readonly serverMessages: Partial<Record<LevelField, MessageKey>> = {
    toLevel: 'caseLevel.error.toLevel',
    reason: 'caseLevel.error.reason',
    joining: 'caseLevel.error.joining',
    leaving: 'caseLevel.error.leavingBlocked',
  };

  protected readonly roles = PARTICIPANT_ROLES;
  protected readonly levelLabel = levelLabel;
  protected readonly levelHint = levelHint;
  protected readonly roleLabel = roleLabel;

  /** Units of the municipality not taking part now. */
  protected readonly joinable = computed<JoinableUnit[]>(() => {
    const record = this.store.record();
    const taking = new Set(record ? activeParticipants(record).map((p) => p.unitId) : []);
    return (this.store.organisation()?.services ?? []).flatMap((s) =>
      s.units.filter((u) => !taking.has(u.id)).map((u) => ({ id: u.id, name: u.name, serviceId: s.id, serviceName: s.name })),
    );
  });
  /** Taking-part units that may leave: not the coordinator's. */
  protected readonly leavable = computed(() => {
    const record = this.store.record();
    return record ? activeParticipants(record).filter((p) => p.unitId !== record.coordinator.unitId) : [];
  });
  protected readonly levels = computed(() => LEVELS.filter((l) => l !== this.store.record()?.level));

  protected readonly form = this.fb.group(
    {
      toLevel: new FormControl<CaseLevel | null>(null, Validators.required),
      reason: ['', [requiredText, Validators.maxLength(2000)]],
      childView: ['', Validators.maxLength(2000)],
      meetingId: [''],
      joining: new FormRecord<JoiningGroup>({}),
      leaving: new FormRecord<FormControl<boolean>>({}),
    },
    {
      validators: teamRule(
        () => this.store.record(),
        () => this.joinable(),
      ),
    },
  );
  private readonly toLevel = toSignal(this.form.controls.toLevel.valueChanges, { initialValue: null });
  protected readonly joiningValue = toSignal(this.form.controls.joining.valueChanges, {
    initialValue: {} as Partial<Record<string, { selected?: boolean }>>,
  });
  protected readonly showJoining = computed(() => (this.toLevel() ?? 0) > 1);
  /**
   * Services the escalation would bring in (or keep) that no active consent names: said before
   * sending, so the coordinator can ask for consent first. The server decides again.
   */
  protected readonly needsConsent = computed(() => {
    const record = this.store.record();
    if (!record || !this.showJoining()) return [];
    const selected = this.joiningValue();
    const joining = this.joinable().filter((u) => selected[u.id]?.selected);
    const names = new Map([
      ...activeParticipants(record).map((p) => [p.serviceId, p.serviceName] as const),
      ...joining.map((u) => [u.serviceId, u.serviceName] as const),
    ]);
    return servicesNeedingConsent(record, this.store.consentList(), [...names.keys()]).map((id) => names.get(id) as string);
  });
  protected readonly showLeaving = computed(() => {
    const to = this.toLevel();
    return to !== null && to < (this.store.record()?.level ?? 0) && this.leavable().length > 0;
  });

  constructor() {
    super();
    this.store.loadOrganisation();
    effect(() => {
      const units = this.joinable();
      const leavable = this.leavable();
      untracked(() => {
        const joining = this.form.controls.joining;
        for (const unit of units) {
          if (!joining.contains(unit.id))
            joining.addControl(
              unit.id,
              this.fb.group({ selected: this.fb.control(false), role: this.fb.control<ParticipantRole>('measures') }),
            );
        }
        const leaving = this.form.controls.leaving;
        for (const p of leavable) if (!leaving.contains(p.id)) leaving.addControl(p.id, this.fb.control(false));
        this.form.updateValueAndValidity();
      });
    });
  }

  protected send(): void {
    const value = this.form.getRawValue();
    if (value.toLevel === null) return;
    const joining = this.showJoining()
      ? Object.entries(value.joining)
          .filter(([, j]) => j.selected)
          .map(([unitId, j]) => ({ unitId, role: j.role }))
      : [];
    const leaving = this.showLeaving()
      ? Object.entries(value.leaving)
          .filter(([, chosen]) => chosen)
          .map(([id]) => id)
      : [];
    const request = {
      toLevel: value.toLevel,
      reason: value.reason.trim(),
      ...(value.childView.trim() ? { childView: value.childView.trim() } : {}),
      ...(value.meetingId ? { meetingId: value.meetingId } : {}),
      ...(joining.length > 0 ? { joining } : {}),
      ...(leaving.length > 0 ? { leaving } : {}),
    };
    this.run({
      section: 'level',
      form: 'level-dialog',
      saved: 'caseLevel.saved',
      send: (id, etag) => this.api.changeLevel(id, request, etag),
      done: () => this.finished.emit(),
    });
  }

  /** Closes the dialog and brings the consent section into view. */
  protected toConsents(): void {
    this.finished.emit();
    this.store.showConsents();
  }

  protected override route(path: string): LevelField | null {
    if (path === 'consent') return 'joining';
    if (path === 'level') return this.showLeaving() ? 'leaving' : 'joining';
    return super.route(path);
  }
}

type CloseField = 'reason' | 'otherText' | 'childView';

const otherNeedsText: ValidatorFn = (group: AbstractControl) => {
  const value = group.value as { reason: string; otherText: string };
  return value.reason === 'other' && !value.otherText.trim() ? { rule: { otherText: 'required' } } : null;
};

/** Closing is a decision too: a reason from the list ("other" with text) and the child's view. */
@Component({
  selector: 'st-case-close-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, CaseNoticeView, TextAreaField, RadioGroupField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="close-form">
      <st-case-notice place="close-dialog" />
      <p class="hint">{{ 'caseClose.intro' | t }}</p>
      <st-radio-group-field
        [fieldId]="ids.reason"
        [legend]="'caseClose.reason' | t"
        [control]="form.controls.reason"
        [options]="choices(reasons, closureLabel)"
        [optionIdPrefix]="'close-reason-'"
        [optionTestIdPrefix]="'close-reason-'"
        [messages]="errors('reason')"
      />
      @if (chosen() === 'other') {
        <st-text-area-field
          [fieldId]="ids.otherText"
          testId="close-other-text"
          [control]="form.controls.otherText"
          [label]="'caseClose.otherText' | t"
          [rows]="3"
          [messages]="errors('otherText')"
        />
      }
      <st-text-area-field
        class="child-view"
        [fieldId]="ids.childView"
        testId="close-child-view"
        [control]="form.controls.childView"
        [label]="'case.childView' | t"
        [hint]="'case.childViewHint' | t"
        [optional]="'form.optional' | t"
        [rows]="3"
        [messages]="errors('childView')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="close-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseClose.submit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class CloseCaseForm extends CaseForm<CloseField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly finished = output<void>();

  protected readonly command = 'close' as const;
  protected readonly ids: Record<CloseField, string> = {
    reason: 'close-reason',
    otherText: 'close-other-text',
    childView: 'close-child-view',
  };
  protected readonly messages: Partial<Record<CloseField, Record<string, MessageKey>>> = {
    reason: { required: 'caseClose.error.reason' },
    otherText: { required: 'caseClose.error.otherText', maxlength: 'form.error.tooLong' },
    childView: { maxlength: 'form.error.tooLong' },
  };
  protected override readonly serverMessages: Partial<Record<CloseField, MessageKey>> = {
    reason: 'caseClose.error.reason',
    otherText: 'caseClose.error.otherText',
  };
  protected readonly reasons = CLOSURE_REASONS;
  protected readonly closureLabel = closureLabel;

  protected readonly form = this.fb.group(
    {
      reason: this.fb.control<ClosureReason | ''>('', Validators.required),
      otherText: ['', Validators.maxLength(2000)],
      childView: ['', Validators.maxLength(2000)],
    },
    { validators: otherNeedsText },
  );
  protected readonly chosen = toSignal(this.form.controls.reason.valueChanges, { initialValue: '' as ClosureReason | '' });

  protected send(): void {
    const value = this.form.getRawValue();
    if (!value.reason) return;
    const request = {
      reason: value.reason,
      ...(value.reason === 'other' ? { otherText: value.otherText.trim() } : {}),
      ...(value.childView.trim() ? { childView: value.childView.trim() } : {}),
    };
    this.run({
      section: 'level',
      form: 'close-dialog',
      saved: 'caseClose.saved',
      send: (id, etag) => this.api.close(id, request, etag),
      done: () => this.finished.emit(),
    });
  }
}

/** Reopening a closed case, as a decision with a reason. */
@Component({
  selector: 'st-case-reopen-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, TextAreaField],
  template: `
    <form class="form inline-form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="reopen-form">
      <st-text-area-field
        [fieldId]="ids.reason"
        testId="reopen-reason"
        [control]="form.controls.reason"
        [label]="'caseReopen.reason' | t"
        [messages]="errors('reason')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="reopen-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseReopen.submit') | t }}
        </button>
      </div>
    </form>
  `,
})
export class ReopenCaseForm extends CaseForm<'reason'> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly command = 'reopen' as const;
  protected readonly ids = { reason: 'reopen-reason' };
  protected readonly messages = {
    reason: { required: 'caseReopen.error.reason', maxlength: 'form.error.tooLong' } as Record<string, MessageKey>,
  };
  protected override readonly serverMessages: Partial<Record<'reason', MessageKey>> = { reason: 'caseReopen.error.reason' };
  protected readonly form = this.fb.group({ reason: ['', [requiredText, Validators.maxLength(2000)]] });

  protected send(): void {
    const reason = this.form.getRawValue().reason.trim();
    this.run({
      section: 'level',
      saved: 'caseReopen.saved',
      send: (id, etag) => this.api.reopen(id, { reason }, etag),
      done: () => this.form.reset(),
    });
  }
}
