import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuditEventsApi } from '@stafett/web-data-access';
import { toRemote } from '../core/http/remote';
import { TranslatePipe } from '../core/i18n/i18n';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { RoleLabelPipe } from '../core/i18n/role-label.pipe';

/** The latest access-log entries, for privacy officers: who did what to which kind of record, never the content. */
@Component({
  selector: 'st-access-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, LocalDatePipe, RoleLabelPipe],
  template: `
    <h1 id="access-log-heading" data-testid="access-log-heading">{{ 'accessLog.heading' | t }}</h1>
    <p>{{ 'accessLog.intro' | t }}</p>
    @let state = events();
    @if (state.kind === 'loading') {
      <p role="status">{{ 'common.loading' | t }}</p>
    } @else if (state.kind === 'failed') {
      <p role="alert">{{ 'common.loadFailed' | t }}</p>
    } @else if (state.kind === 'unavailable') {
      <p role="alert">{{ 'notFound.body' | t }}</p>
    } @else if (state.value.length === 0) {
      <p>{{ 'accessLog.empty' | t }}</p>
    } @else {
      <div class="scroll" role="region" aria-labelledby="access-log-heading" tabindex="0">
        <table class="data" aria-labelledby="access-log-heading" data-testid="access-log-table">
          <thead>
            <tr>
              <th scope="col">{{ 'accessLog.occurredAt' | t }}</th>
              <th scope="col">{{ 'accessLog.actor' | t }}</th>
              <th scope="col">{{ 'accessLog.actorRole' | t }}</th>
              <th scope="col">{{ 'accessLog.action' | t }}</th>
              <th scope="col">{{ 'accessLog.recordType' | t }}</th>
              <th scope="col">{{ 'accessLog.category' | t }}</th>
              <th scope="col">{{ 'accessLog.basis' | t }}</th>
              <th scope="col">{{ 'accessLog.outcome' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (event of state.value; track event.id) {
              <tr>
                <td>
                  <time [attr.datetime]="event.occurredAt">{{ event.occurredAt | localDate: 'dateTime' }}</time>
                </td>
                <td>{{ event.actorDisplayName ?? ('accessLog.noActor' | t) }}</td>
                <td>{{ event.actorRole ? (event.actorRole | roleLabel) : ('common.notAvailable' | t) }}</td>
                <td>{{ event.action }}</td>
                <td>{{ event.recordType }}</td>
                <td>{{ event.category ?? ('common.notAvailable' | t) }}</td>
                <td>{{ event.basis ?? ('common.notAvailable' | t) }}</td>
                <td>{{ event.outcome }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
  `,
})
export class AccessLogPage {
  protected readonly events = toRemote(inject(AuditEventsApi).latest(50));
}
