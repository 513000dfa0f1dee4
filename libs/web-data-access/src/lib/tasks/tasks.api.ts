import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CaseTasks } from '@stafett/domain';
import type { Observable } from 'rxjs';
import type { ConcernResponse } from '../concerns/concerns.api';

/**
 * `GET /api/tasks`: concerns and, for staff of taking-part units, the case lists (evaluations due,
 * transfers waiting for my answer, meetings coming up, cases whose coordinator is inactive). The
 * server also lists reports for child welfare staff; this client does not show them here.
 */
export interface TasksResponse extends CaseTasks {
  /** Open concerns the user decides (author or unit leader), soonest due first, each with `overdue`. */
  concernsAwaitingDecision: ConcernResponse[];
}

/** My tasks: what waits for the signed-in user. */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  mine(): Observable<TasksResponse> {
    return this.http.get<TasksResponse>('/api/tasks');
  }
}
