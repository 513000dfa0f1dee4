import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OrganisationOverview } from '@stafett/domain';
import type { Observable } from 'rxjs';

export interface MunicipalitySummary {
  id: string;
  code: string;
  name: string;
}

@Injectable({ providedIn: 'root' })
export class OrganisationApi {
  private readonly http = inject(HttpClient);

  municipalities(): Observable<MunicipalitySummary[]> {
    return this.http.get<MunicipalitySummary[]>('/api/municipalities');
  }

  overview(code: string): Observable<OrganisationOverview> {
    return this.http.get<OrganisationOverview>(`/api/municipalities/${encodeURIComponent(code)}/organisation`);
  }
}
