import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { subject } from '@stafett/domain';
import { Badge } from '@stafett/ui';
import { ChildrenApi, SessionStore, pagedList } from '@stafett/web-data-access';
import type { ChildGuardian, ChildListItem } from '@stafett/web-data-access';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { isMessageKey } from '../core/i18n/messages';
import { ListMore } from '../core/layout/list-more';
import { AddGuardianForm } from './add-guardian-form';
import { addressProtectionLabel } from '../cases/case-texts';

/**
 * The children the server lets this user see: staff their units' children, a guardian their own, a
 * youth themself. Staff also see each child's guardians — one registered by hand marked until a
 * register confirms it — and add one the registers lack.
 */
@Component({
  selector: 'st-children-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, ListMore, Badge, AddGuardianForm],
  template: `
    <h1 id="children-heading" data-testid="children-heading">{{ 'children.heading' | t }}</h1>
    @let state = children.state();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p>{{ 'children.empty' | t }}</p>
    } @else {
      @let staff = staffView();
      <table class="data" aria-labelledby="children-heading" data-testid="children-table">
        <thead>
          <tr>
            <th scope="col">{{ 'children.name' | t }}</th>
            <th scope="col">{{ 'children.birthDate' | t }}</th>
            <th scope="col">{{ 'children.units' | t }}</th>
            @if (staff) {
              <th scope="col">{{ 'guardians.heading' | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (listed of state.value; track listed.id) {
            @let child = shown(listed);
            <tr [attr.data-testid]="'child-row-' + child.id">
              <th scope="row">
                {{ child.givenName }} {{ child.familyName }}
                @if (child.addressProtection; as protection) {
                  <st-badge tone="warning" [attr.data-testid]="'child-protection-' + child.id">{{
                    protectionLabel(protection) | t
                  }}</st-badge>
                }
              </th>
              <td>{{ child.birthDate | localDate }}</td>
              <td>
                <ul class="plain">
                  @for (unit of child.units; track unit.id) {
                    <li>{{ unit.name }}{{ unit.groupName ? ', ' + unit.groupName : '' }}</li>
                  }
                </ul>
              </td>
              @if (staff) {
                <td [attr.data-testid]="'child-guardians-' + child.id">
                  @if (child.guardians?.length) {
                    <ul class="plain">
                      @for (guardian of child.guardians; track guardian.id) {
                        <li [attr.data-testid]="'guardian-' + guardian.id">
                          {{ guardian.displayName }} ({{ describe(guardian) }})
                          @if (!guardian.verified) {
                            <st-badge tone="warning" [attr.title]="'guardians.unverifiedHint' | t">{{
                              'guardians.unverified' | t
                            }}</st-badge>
                          }
                        </li>
                      }
                    </ul>
                  } @else {
                    {{ 'guardians.none' | t }}
                  }
                  @if (added() === child.id) {
                    <p class="success" role="status" [attr.data-testid]="'guardian-added-' + child.id">{{ 'guardians.added' | t }}</p>
                  }
                  @if (mayAddGuardian(child) && open() !== child.id) {
                    <button type="button" class="secondary" [attr.data-testid]="'add-guardian-' + child.id" (click)="openFor(child.id)">
                      {{ 'guardians.add' | t }}
                    </button>
                  }
                </td>
              }
            </tr>
            @if (open() === child.id) {
              <tr>
                <td colspan="4">
                  <st-add-guardian-form [child]="child" (added)="guardianAdded($event)" (cancelled)="open.set(null)" />
                </td>
              </tr>
            }
          }
        </tbody>
      </table>
      <st-list-more [list]="children" />
    }
  `,
})
export class ChildrenPage {
  private readonly api = inject(ChildrenApi);
  private readonly session = inject(SessionStore);
  private readonly i18n = inject(I18n);
  protected readonly protectionLabel = addressProtectionLabel;
  /** A page at a time, by family name; "Vis flere" appends the next. */
  protected readonly children = pagedList((next) => this.api.page(next));
  /** Children as the server answered after a guardian was added, in place of the row first listed. */
  private readonly updated = signal<ReadonlyMap<string, ChildListItem>>(new Map());
  /** The child whose "Legg til foresatt" form is open (one at a time). */
  protected readonly open = signal<string | null>(null);
  /** The child a guardian was just added to, for the confirmation. */
  protected readonly added = signal<string | null>(null);
  /** The server sends guardians to staff only; the family sees no such column. */
  protected readonly staffView = computed(() => this.children.items().some((child) => child.guardians !== undefined));

  protected shown(child: ChildListItem): ChildListItem {
    return this.updated().get(child.id) ?? child;
  }

  protected mayAddGuardian(child: ChildListItem): boolean {
    const municipalityId = this.session.session()?.user.municipalityId;
    if (!municipalityId) return false;
    return this.session
      .ability()
      .can('create', subject('Guardianship', { id: child.id, municipalityId, unitIds: child.units.map((unit) => unit.id) }));
  }

  /** "mor, foreldreansvar": the relation in words (or as the register gave it) and parental responsibility. */
  protected describe(guardian: ChildGuardian): string {
    const key = `guardians.relation.${guardian.relation}`;
    const relation = guardian.relation ? (isMessageKey(key) ? this.i18n.t(key) : guardian.relation) : null;
    const responsibility = this.i18n.t(guardian.parentalResponsibility ? 'guardians.responsibility' : 'guardians.noResponsibility');
    return relation ? `${relation}, ${responsibility}` : responsibility;
  }

  protected openFor(childId: string): void {
    this.added.set(null);
    this.open.set(childId);
  }

  protected guardianAdded(child: ChildListItem): void {
    this.updated.update((map) => new Map(map).set(child.id, child));
    this.open.set(null);
    this.added.set(child.id);
  }
}
