import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type {
  EnrolmentImportResponse,
  PopulationImportResponse,
  RegisterImportEnrolmentEntry,
  RegisterImportGuardianshipEntry,
  RegisterImportPersonEntry,
} from '@stafett/domain';
import { I18n, TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { isMessageKey } from '../core/i18n/messages';
import type { MessageKey } from '../core/i18n/messages';

/** A list longer than this shows its first entries and how many more: a whole register extract would bury the page. */
export const PLAN_LIST_LIMIT = 200;

export type ImportAnswer = { kind: 'population'; value: PopulationImportResponse } | { kind: 'enrolments'; value: EnrolmentImportResponse };

interface Section<T> {
  testId: string;
  title: MessageKey;
  entries: T[];
  total: number;
}

const section = <T>(testId: string, title: MessageKey, all: T[]): Section<T> => ({
  testId,
  title,
  entries: all.slice(0, PLAN_LIST_LIMIT),
  total: all.length,
});

/**
 * What a dry run or an import answered, for the administrator to read before and after: the counts,
 * then each created, changed, ended or unconfirmed record by its line in the file and its name.
 */
@Component({
  selector: 'st-import-plan',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe],
  template: `
    @let answer = this.answer();
    @if (empty()) {
      <p data-testid="import-nothing">{{ 'imports.nothing' | t }}</p>
    }
    <table class="data" data-testid="import-counts">
      <caption>
        {{
          'imports.counts' | t
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ 'imports.counts.what' | t }}</th>
          <th scope="col">{{ 'imports.counts.created' | t }}</th>
          <th scope="col">{{ 'imports.counts.changed' | t }}</th>
          <th scope="col">{{ 'imports.counts.ended' | t }}</th>
          @if (answer.kind === 'population') {
            <th scope="col">{{ 'imports.counts.unconfirmed' | t }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @if (answer.kind === 'population') {
          @let c = answer.value.counts;
          <tr data-testid="count-children">
            <th scope="row">{{ 'imports.counts.children' | t }}</th>
            <td>{{ c.children.created }}</td>
            <td>{{ c.children.changed }}</td>
            <td>–</td>
            <td>–</td>
          </tr>
          <tr data-testid="count-guardians">
            <th scope="row">{{ 'imports.counts.guardians' | t }}</th>
            <td>{{ c.guardians.created }}</td>
            <td>{{ c.guardians.changed }}</td>
            <td>–</td>
            <td>–</td>
          </tr>
          <tr data-testid="count-guardianships">
            <th scope="row">{{ 'imports.counts.guardianships' | t }}</th>
            <td>{{ c.guardianships.created }}</td>
            <td>{{ c.guardianships.changed }}</td>
            <td>{{ c.guardianships.ended }}</td>
            <td>{{ c.guardianships.unconfirmed }}</td>
          </tr>
        } @else {
          @let c = answer.value.counts;
          <tr data-testid="count-enrolments">
            <th scope="row">{{ 'imports.counts.enrolments' | t }}</th>
            <td>{{ c.created }}</td>
            <td>{{ c.changed }}</td>
            <td>{{ c.ended }}</td>
          </tr>
        }
      </tbody>
    </table>
    @if (answer.kind === 'population' && answer.value.counts.consentsNoLongerWaiting > 0) {
      <p data-testid="count-consents">{{ 'imports.consentsNoLongerWaiting' | t }} {{ answer.value.counts.consentsNoLongerWaiting }}</p>
    }

    @for (s of people(); track s.testId) {
      @if (s.total > 0) {
        <section [attr.data-testid]="s.testId">
          <h3>{{ s.title | t }} ({{ s.total }})</h3>
          <ul>
            @for (e of s.entries; track $index) {
              <li>
                {{ lineOf(e.line) }}: {{ e.name }}
                @if (e.fields?.length) {
                  ({{ 'imports.changedFields' | t }} {{ fieldsOf(e.fields) }})
                }
              </li>
            }
          </ul>
          @if (s.total > s.entries.length) {
            <p>{{ 'imports.more' | t }} {{ s.total - s.entries.length }}</p>
          }
        </section>
      }
    }

    @for (s of guardianships(); track s.testId) {
      @if (s.total > 0) {
        <section [attr.data-testid]="s.testId">
          <h3>{{ s.title | t }} ({{ s.total }})</h3>
          <ul>
            @for (e of s.entries; track $index) {
              <li>
                {{ lineOf(e.line) }}: {{ e.guardian }}, {{ 'imports.guardianOf' | t }} {{ e.child }},
                {{ (e.parentalResponsibility ? 'imports.withResponsibility' : 'imports.withoutResponsibility') | t }}
                @if (e.fields?.length) {
                  ({{ 'imports.changedFields' | t }} {{ fieldsOf(e.fields) }})
                }
              </li>
            }
          </ul>
          @if (s.total > s.entries.length) {
            <p>{{ 'imports.more' | t }} {{ s.total - s.entries.length }}</p>
          }
        </section>
      }
    }

    @for (s of enrolments(); track s.testId) {
      @if (s.total > 0) {
        <section [attr.data-testid]="s.testId">
          <h3>{{ s.title | t }} ({{ s.total }})</h3>
          <ul>
            @for (e of s.entries; track $index) {
              <li>
                {{ lineOf(e.line) }}: {{ e.child }}, {{ e.unit }}{{ e.group ? ', ' + e.group : '' }}, {{ 'imports.from' | t }}
                {{ e.from | localDate }}{{ e.to ? ' ' : '' }}{{ e.to ? ('imports.to' | t) + ' ' + (e.to | localDate) : '' }}
                @if (e.removed) {
                  ({{ 'imports.removed' | t }})
                } @else if (e.fields?.length) {
                  ({{ 'imports.changedFields' | t }} {{ fieldsOf(e.fields) }})
                }
              </li>
            }
          </ul>
          @if (s.total > s.entries.length) {
            <p>{{ 'imports.more' | t }} {{ s.total - s.entries.length }}</p>
          }
        </section>
      }
    }
  `,
  styles: `
    section ul {
      margin: 0.25rem 0 1rem;
    }
  `,
})
export class ImportPlan {
  readonly answer = input.required<ImportAnswer>();
  private readonly i18n = inject(I18n);

  protected readonly people = computed((): Section<RegisterImportPersonEntry>[] => {
    const a = this.answer();
    if (a.kind !== 'population') return [];
    return [
      section('children-created', 'imports.list.childrenCreated', a.value.children.created),
      section('children-changed', 'imports.list.childrenChanged', a.value.children.changed),
      section('guardians-created', 'imports.list.guardiansCreated', a.value.guardians.created),
      section('guardians-changed', 'imports.list.guardiansChanged', a.value.guardians.changed),
    ];
  });

  protected readonly guardianships = computed((): Section<RegisterImportGuardianshipEntry>[] => {
    const a = this.answer();
    if (a.kind !== 'population') return [];
    const g = a.value.guardianships;
    return [
      section('guardianships-created', 'imports.list.guardianshipsCreated', g.created),
      section('guardianships-changed', 'imports.list.guardianshipsChanged', g.changed),
      section('guardianships-ended', 'imports.list.guardianshipsEnded', g.ended),
      section('guardianships-unconfirmed', 'imports.list.guardianshipsUnconfirmed', g.unconfirmed),
    ];
  });

  protected readonly enrolments = computed((): Section<RegisterImportEnrolmentEntry>[] => {
    const a = this.answer();
    if (a.kind !== 'enrolments') return [];
    return [
      section('enrolments-created', 'imports.list.enrolmentsCreated', a.value.created),
      section('enrolments-changed', 'imports.list.enrolmentsChanged', a.value.changed),
      section('enrolments-ended', 'imports.list.enrolmentsEnded', a.value.ended),
    ];
  });

  protected readonly empty = computed(() => {
    const a = this.answer();
    if (a.kind === 'enrolments') return a.value.created.length + a.value.changed.length + a.value.ended.length === 0;
    const v = a.value;
    return (
      [v.children.created, v.children.changed, v.guardians.created, v.guardians.changed, v.guardianships.created, v.guardianships.changed]
        .concat([v.guardianships.ended, v.guardianships.unconfirmed])
        .every((list) => list.length === 0) && v.counts.consentsNoLongerWaiting === 0
    );
  });

  /** A record the file does not hold (an unconfirmed guardian typed by hand) has no line. */
  protected lineOf(line: number | null): string {
    return line === null ? this.i18n.t('imports.noLine') : `${this.i18n.t('imports.line')} ${line}`;
  }

  /** The record's fields that differ, in words; one the client has no words for is shown as the server names it. */
  protected fieldsOf(fields: string[] | undefined): string {
    return (fields ?? [])
      .map((f) => {
        const key = `imports.field.${f}`;
        return isMessageKey(key) ? this.i18n.t(key) : f;
      })
      .join(', ');
  }
}
