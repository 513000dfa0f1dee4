import { Injectable, inject } from '@angular/core';
import type { OrganisationOverview, RoleGrant } from '@stafett/domain';
import { catchError, map, of, switchMap } from 'rxjs';
import type { Observable } from 'rxjs';
import { SessionStore } from '../session/session.store';
import { OrganisationApi } from './organisation.api';

/** A unit the signed-in user works in (as staff or unit leader), with its name and service. */
export interface WorkUnit {
  id: string;
  name: string | null;
  serviceId: string | null;
}

/** The signed-in user's own municipality's public organisation: its services and their units. */
@Injectable({ providedIn: 'root' })
export class OwnOrganisation {
  private readonly organisation = inject(OrganisationApi);
  private readonly session = inject(SessionStore);

  /** Found by the session's municipality among the public list; null when it is not there or cannot be read. */
  overview(): Observable<OrganisationOverview | null> {
    return this.organisation.municipalities().pipe(
      map((list) => list.find((m) => m.id === this.session.session()?.user.municipalityId) ?? null),
      switchMap((own) => (own ? this.organisation.overview(own.code) : of(null))),
      catchError(() => of(null)),
    );
  }
}

/**
 * The units a user acts from (staff or unit leader roles), named from the organisation when it is
 * known, sorted by name; `name` is null for a unit the organisation does not list.
 */
export function workUnits(roles: readonly RoleGrant[], overview: OrganisationOverview | null): WorkUnit[] {
  const named = new Map((overview?.services ?? []).flatMap((s) => s.units.map((u) => [u.id, { name: u.name, serviceId: s.id }] as const)));
  const seen = new Set<string>();
  const units: WorkUnit[] = [];
  for (const role of roles) {
    if (!role.unitId || (role.role !== 'staff' && role.role !== 'unit_leader') || seen.has(role.unitId)) continue;
    seen.add(role.unitId);
    const known = named.get(role.unitId);
    units.push({ id: role.unitId, name: known?.name ?? null, serviceId: known?.serviceId ?? role.serviceId });
  }
  return units.sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'nb'));
}
