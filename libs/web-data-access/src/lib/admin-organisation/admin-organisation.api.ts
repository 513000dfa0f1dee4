import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ConfidentialityRegime, MunicipalitySettings, ServiceKind } from '@stafett/domain';
import { map } from 'rxjs';
import type { Observable } from 'rxjs';
import { CreateKeys } from '../http/idempotency';
import { SessionStore } from '../session/session.store';

/** A unit as administrators see it; `closedOn` is the day it closed, null while open. */
export interface AdminUnit {
  id: string;
  serviceId: string;
  name: string;
  /** What the enrolment files name the unit by (e.g. its organisation number); null when it has none. */
  code: string | null;
  closedOn: string | null;
  version: number;
}

export interface AdminService {
  id: string;
  kind: ServiceKind;
  name: string;
  regime: ConfidentialityRegime;
  version: number;
  units: AdminUnit[];
}

export interface CreateServiceRequest {
  kind: ServiceKind;
  name: string;
  regime?: ConfidentialityRegime;
}

/** The settings and the version their ETag carries (sent back as If-Match). */
export interface VersionedSettings {
  settings: MunicipalitySettings;
  version: string;
}

/** Services, units and the municipality's settings, for administrators (`/api/admin/…`). */
@Injectable({ providedIn: 'root' })
export class AdminOrganisationApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly keys = new CreateKeys();

  services(): Observable<AdminService[]> {
    return this.http.get<AdminService[]>('/api/admin/services');
  }

  createService(request: CreateServiceRequest): Observable<AdminService> {
    const url = '/api/admin/services';
    return this.keys.send(url, request, this.writeHeaders(), (headers) => this.http.post<AdminService>(url, request, { headers }));
  }

  /** Renames a service or changes its regime; a regime with records under it is answered 409. */
  updateService(
    service: Pick<AdminService, 'id' | 'version'>,
    change: { name?: string; regime?: ConfidentialityRegime },
  ): Observable<AdminService> {
    const headers = this.writeHeaders().set('If-Match', `"${service.version}"`);
    return this.http.patch<AdminService>(`/api/admin/services/${encodeURIComponent(service.id)}`, change, { headers });
  }

  createUnit(request: { serviceId: string; name: string; code?: string }): Observable<AdminUnit> {
    const url = '/api/admin/units';
    return this.keys.send(url, request, this.writeHeaders(), (headers) => this.http.post<AdminUnit>(url, request, { headers }));
  }

  /** Renames a unit or sets (null: clears) its code; a code another unit has is answered 409. */
  updateUnit(unit: Pick<AdminUnit, 'id' | 'version'>, change: { name?: string; code?: string | null }): Observable<AdminUnit> {
    const headers = this.writeHeaders().set('If-Match', `"${unit.version}"`);
    return this.http.patch<AdminUnit>(`/api/admin/units/${encodeURIComponent(unit.id)}`, change, { headers });
  }

  /** Closes a unit today: its roles end, it takes nothing new. */
  closeUnit(unit: Pick<AdminUnit, 'id' | 'version'>): Observable<AdminUnit> {
    const headers = this.writeHeaders().set('If-Match', `"${unit.version}"`);
    return this.http.post<AdminUnit>(`/api/admin/units/${encodeURIComponent(unit.id)}/close`, null, { headers });
  }

  settings(): Observable<VersionedSettings> {
    return this.http
      .get<MunicipalitySettings>('/api/admin/settings', { observe: 'response' })
      .pipe(map((res) => ({ settings: res.body as MunicipalitySettings, version: res.headers.get('ETag') ?? '' })));
  }

  updateSettings(version: string, change: Partial<MunicipalitySettings>): Observable<VersionedSettings> {
    const headers = this.writeHeaders().set('If-Match', version);
    return this.http
      .patch<MunicipalitySettings>('/api/admin/settings', change, { headers, observe: 'response' })
      .pipe(map((res) => ({ settings: res.body as MunicipalitySettings, version: res.headers.get('ETag') ?? '' })));
  }

  private writeHeaders(): HttpHeaders {
    const token = this.session.session()?.csrfToken;
    return token ? new HttpHeaders({ 'X-XSRF-TOKEN': token }) : new HttpHeaders();
  }
}
