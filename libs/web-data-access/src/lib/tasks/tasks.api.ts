import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ConcernResponse } from '../concerns/concerns.api';

/** `GET /api/tasks`. The server also lists reports for child welfare staff; this client does not show them yet. */
export interface TasksResponse {
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
