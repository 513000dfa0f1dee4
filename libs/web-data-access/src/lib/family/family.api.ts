import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FamilyMunicipalityOverview } from '@stafett/domain';
import type { Observable } from 'rxjs';

/**
 * The family portal across municipalities: a person registered in more than one has a citizen
 * user in each, and the overview lists the cases each of them may read.
 */
@Injectable({ providedIn: 'root' })
export class FamilyApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<FamilyMunicipalityOverview[]> {
    return this.http.get<FamilyMunicipalityOverview[]>('/api/family/overview');
  }
}
