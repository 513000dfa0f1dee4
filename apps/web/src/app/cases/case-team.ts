import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { PARTICIPANT_ROLES } from '@stafett/domain';
import type { CaseParticipantResponse, ParticipantRole } from '@stafett/domain';
import { Badge, FieldError, TextAreaField } from '@stafett/ui';
import { CasesApi } from '@stafett/web-data-access';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import type { MessageKey } from '../core/i18n/messages';
import { CaseForm, CaseNoticeView, ServerProblems, requiredText } from './case-form';
import { CaseStore } from './case.store';
import { activeParticipants, roleLabel } from './case-texts';

type ParticipantField = 'unitId' | 'role' | 'fromOn' | 'toOn';

const periodInOrder: ValidatorFn = (group: AbstractControl) => {
  const { fromOn, toOn } = group.value as { fromOn: string; toOn: string };
  return fromOn && toOn && toOn < fromOn ? { rule: { toOn: 'beforeFrom' } } : null;
};

/**
 * A unit joins the team. At level 1 only units of the same service are offered: bringing in
 * another service is an escalation, decided with the level change.
 */
@Component({
  selector: 'st-case-participant-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldError, ServerProblems],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="participant-form">
      @if (store.record()?.level === 1) {
        <p class="hint">{{ 'caseTeam.level1Hint' | t }}</p>
      }
      <div class="field">
        <label [for]="ids.unitId">{{ 'caseTeam.unit' | t }}</label>
        @if (store.organisation() === null) {
          <p role="status">{{ 'common.loading' | t }}</p>
        }
        <select
          [id]="ids.unitId"
          data-testid="participant-unit"
          formControlName="unitId"
          aria-required="true"
          [attr.aria-invalid]="invalid('unitId')"
          [attr.aria-describedby]="describedBy('unitId')"
        >
          <option value="">{{ 'caseTeam.unitPlaceholder' | t }}</option>
          @for (unit of units(); track unit.id) {
            <option [value]="unit.id">{{ unit.name }} ({{ unit.serviceName }})</option>
          }
        </select>
        <st-field-error [fieldId]="ids.unitId" [messages]="errors('unitId')" />
        @if (refusedOn('consent')) {
          <button type="button" class="link" data-testid="participant-go-to-consent" (click)="toConsents()">
            {{ 'caseConsent.goTo' | t }}
          </button>
        }
      </div>
      <div class="field">
        <label [for]="ids.role">{{ 'caseTeam.role' | t }}</label>
        <select [id]="ids.role" data-testid="participant-role" formControlName="role" [attr.aria-invalid]="invalid('role')">
          @for (role of roles; track role) {
            <option [value]="role">{{ roleLabel(role) | t }}</option>
          }
        </select>
        <st-field-error [fieldId]="ids.role" [messages]="errors('role')" />
      </div>
      <div class="field">
        <label [for]="ids.fromOn"
          >{{ 'caseTeam.fromOn' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <p class="hint" [id]="ids.fromOn + '-hint'">{{ 'caseTeam.fromOnHint' | t }}</p>
        <input
          type="date"
          [id]="ids.fromOn"
          data-testid="participant-from-on"
          formControlName="fromOn"
          [attr.aria-invalid]="invalid('fromOn')"
          [attr.aria-describedby]="describedBy('fromOn', true)"
        />
        <st-field-error [fieldId]="ids.fromOn" [messages]="errors('fromOn')" />
      </div>
      <div class="field">
        <label [for]="ids.toOn"
          >{{ 'caseTeam.toOn' | t }} <span class="optional">{{ 'form.optional' | t }}</span></label
        >
        <input
          type="date"
          [id]="ids.toOn"
          data-testid="participant-to-on"
          formControlName="toOn"
          [attr.aria-invalid]="invalid('toOn')"
          [attr.aria-describedby]="describedBy('toOn')"
        />
        <st-field-error [fieldId]="ids.toOn" [messages]="errors('toOn')" />
      </div>
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="participant-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseTeam.add') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class ParticipantForm extends CaseForm<ParticipantField> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly finished = output<void>();

  protected readonly command = 'participant' as const;
  protected readonly ids: Record<ParticipantField, string> = {
    unitId: 'participant-unit',
    role: 'participant-role',
    fromOn: 'participant-from-on',
    toOn: 'participant-to-on',
  };
  protected readonly messages: Partial<Record<ParticipantField, Record<string, MessageKey>>> = {
    unitId: { required: 'caseTeam.error.unit' },
    toOn: { beforeFrom: 'caseTeam.error.toOn' },
  };
  protected override readonly serverMessages: Partial<Record<ParticipantField, MessageKey>> = { unitId: 'caseTeam.error.unitRefused' };
  protected override readonly serverPathMessages: Partial<Record<string, MessageKey>> = { consent: 'caseTeam.error.consent' };
  protected readonly roles = PARTICIPANT_ROLES;
  protected readonly roleLabel = roleLabel;

  protected readonly units = computed(() => {
    const record = this.store.record();
    if (!record) return [];
    const taking = new Set(activeParticipants(record).map((p) => p.unitId));
    const services = new Set(activeParticipants(record).map((p) => p.serviceId));
    return (this.store.organisation()?.services ?? [])
      .filter((s) => record.level > 1 || services.has(s.id))
      .flatMap((s) => s.units.filter((u) => !taking.has(u.id)).map((u) => ({ id: u.id, name: u.name, serviceName: s.name })));
  });

  protected readonly form = this.fb.group(
    {
      unitId: ['', requiredText],
      role: this.fb.control<ParticipantRole>('measures', Validators.required),
      fromOn: [''],
      toOn: [''],
    },
    { validators: periodInOrder },
  );

  constructor() {
    super();
    this.store.loadOrganisation();
  }

  /** A refusal for want of consent is said at the unit. */
  protected override route(path: string): ParticipantField | null {
    return path === 'consent' ? 'unitId' : super.route(path);
  }

  /** Closes the panel and brings the consent section into view. */
  protected toConsents(): void {
    this.finished.emit();
    this.store.showConsents();
  }

  protected send(): void {
    const value = this.form.getRawValue();
    const request = {
      unitId: value.unitId,
      role: value.role,
      ...(value.fromOn ? { fromOn: value.fromOn } : {}),
      ...(value.toOn ? { toOn: value.toOn } : {}),
    };
    this.run({
      section: 'team',
      form: 'team-form',
      saved: 'caseTeam.added',
      send: (id, etag) => this.api.addParticipant(id, request, etag),
      done: () => this.finished.emit(),
    });
  }
}

/** A unit leaves the team, with the reason; the coordinator's unit cannot (hand over the baton first). */
@Component({
  selector: 'st-case-leave-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, ServerProblems, TextAreaField],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="leave-form">
      <st-text-area-field
        [fieldId]="ids.reason"
        testId="leave-reason"
        [control]="form.controls.reason"
        [label]="('caseTeam.leaveReason' | t) + ' ' + participant().unitName"
        [messages]="errors('reason')"
      />
      <st-server-problems [messages]="serverErrors().other" />
      <div class="actions">
        <button type="submit" class="primary" data-testid="leave-submit" [disabled]="busy()">
          {{ (busy() ? 'common.saving' : 'caseTeam.leaveSubmit') | t }}
        </button>
        <button type="button" class="secondary" (click)="finished.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class LeaveForm extends CaseForm<'reason'> {
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly participant = input.required<CaseParticipantResponse>();
  readonly finished = output<void>();

  protected readonly command = 'leave' as const;
  protected readonly ids = { reason: 'leave-reason' };
  protected readonly messages = { reason: { required: 'caseTeam.error.leaveReason' } as Record<string, MessageKey> };
  protected override target(): string {
    return this.participant().id;
  }
  /** Rules about the team (measures, a pending transfer, the level's services) come back on the participant: said at the reason. */
  protected override route(path: string): 'reason' | null {
    return path === 'reason' || path === 'unitId' || path === 'level' ? 'reason' : null;
  }
  protected override readonly serverMessages: Partial<Record<'reason', MessageKey>> = { reason: 'caseTeam.error.leaveRefused' };
  protected readonly form = this.fb.group({ reason: ['', [requiredText, Validators.maxLength(2000)]] });

  protected send(): void {
    const reason = this.form.getRawValue().reason.trim();
    const participantId = this.participant().id;
    this.run({
      section: 'team',
      form: 'team-form',
      saved: 'caseTeam.left',
      send: (id, etag) => this.api.leaveParticipant(id, participantId, { reason }, etag),
      done: () => this.finished.emit(),
    });
  }
}

/** The team around the child (laget rundt barnet): units with role, period, whether active, and named staff. */
@Component({
  selector: 'st-case-team',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, Badge, CaseNoticeView, ParticipantForm, LeaveForm],
  template: `
    @if (store.record(); as record) {
      <section aria-labelledby="case-team-heading" data-testid="case-team">
        <h2 id="case-team-heading">{{ 'caseTeam.heading' | t }}</h2>
        <p class="hint">{{ 'caseTeam.intro' | t }}</p>
        <st-case-notice place="team" />
        <div class="scroll">
          <table class="data" aria-labelledby="case-team-heading" data-testid="team-table">
            <thead>
              <tr>
                <th scope="col">{{ 'caseTeam.unit' | t }}</th>
                <th scope="col">{{ 'caseTeam.role' | t }}</th>
                <th scope="col">{{ 'caseTeam.period' | t }}</th>
                <th scope="col">{{ 'caseTeam.status' | t }}</th>
                <th scope="col">{{ 'caseTeam.staff' | t }}</th>
                @if (store.canCoordinate()) {
                  <th scope="col">
                    <span class="visually-hidden">{{ 'caseTeam.actions' | t }}</span>
                  </th>
                }
              </tr>
            </thead>
            <tbody>
              @for (participant of record.participants; track participant.id) {
                <tr data-testid="participant-row" [attr.data-unit-name]="participant.unitName">
                  <th scope="row">
                    {{ participant.unitName }}
                    <span class="service">{{ participant.serviceName }}</span>
                  </th>
                  <td data-testid="participant-row-role">{{ roleLabel(participant.role) | t }}</td>
                  <td>
                    {{ participant.fromOn | localDate }} –
                    @if (participant.toOn) {
                      {{ participant.toOn | localDate }}
                    }
                  </td>
                  <td>
                    @if (participant.active) {
                      <st-badge tone="success">{{ 'caseTeam.active' | t }}</st-badge>
                    } @else if (participant.leftAt) {
                      <st-badge>{{ 'caseTeam.leftOn' | t }} {{ participant.leftAt | localDate }}</st-badge>
                    } @else {
                      <st-badge>{{ 'caseTeam.notActive' | t }}</st-badge>
                    }
                    @if (participant.unitId === record.coordinator.unitId) {
                      <span class="service">{{ 'caseTeam.coordinatorsUnit' | t }}</span>
                    }
                  </td>
                  <td>
                    @for (person of participant.staff; track person.userId; let last = $last) {
                      {{ person.displayName }}{{ last ? '' : ', ' }}
                    } @empty {
                      <span class="service">{{ 'caseTeam.noStaff' | t }}</span>
                    }
                  </td>
                  @if (store.canCoordinate()) {
                    <td>
                      @if (participant.active && participant.unitId !== record.coordinator.unitId) {
                        <button
                          type="button"
                          class="secondary"
                          [attr.data-testid]="'leave-' + participant.id"
                          [attr.aria-label]="('caseTeam.leave' | t) + ': ' + participant.unitName"
                          (click)="openPanel({ leave: participant })"
                        >
                          {{ 'caseTeam.leave' | t }}
                        </button>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (store.canCoordinate()) {
          @let open = panel();
          @if (open === null) {
            <div class="actions">
              <button type="button" class="secondary" data-testid="add-participant" (click)="openPanel('add')">
                {{ 'caseTeam.addOpen' | t }}
              </button>
            </div>
          } @else {
            <div class="panel" role="group" [attr.aria-labelledby]="'team-panel-heading'" data-testid="team-panel">
              <h3 id="team-panel-heading" tabindex="-1">
                {{ (open === 'add' ? 'caseTeam.addHeading' : 'caseTeam.leaveHeading') | t }}
              </h3>
              <st-case-notice place="team-form" />
              @if (open === 'add') {
                <st-case-participant-form (finished)="closePanel()" />
              } @else {
                <st-case-leave-form [participant]="open.leave" (finished)="closePanel()" />
              }
            </div>
          }
        }
      </section>
    }
  `,
})
export class CaseTeamSection {
  protected readonly store = inject(CaseStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly panel = signal<'add' | { leave: CaseParticipantResponse } | null>(null);
  protected readonly roleLabel = roleLabel;

  /** Opens the inline panel and puts the keyboard on its first field. */
  protected openPanel(panel: 'add' | { leave: CaseParticipantResponse }): void {
    this.panel.set(panel);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="team-panel"] :is(select, textarea, input)')?.focus(),
      { injector: this.injector },
    );
  }

  protected closePanel(): void {
    this.panel.set(null);
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="add-participant"]')?.focus(), {
      injector: this.injector,
    });
  }
}
