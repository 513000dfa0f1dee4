import type { InformationCategory } from './consent-rules';

/**
 * The live access rule, written once more in plain TypeScript: the specification that the
 * database's materialised grants (`case_access_grant`, rebuilt by `stafett_case_access_rule()`)
 * must always equal. A unit reads a case while it takes part and either belongs to the owning
 * unit's service, or an active consent names its service — for the intersection of both periods,
 * the consent's categories less its excluded ones, and never the persons it excludes.
 * Times are instants in milliseconds; the caller converts the consent's dates in the database's
 * time zone (from-date at 00:00, to-date + 1 day at 00:00).
 */
export interface Participation {
  participantId: string;
  unitId: string;
  serviceId: string;
  /** Later of joining and the period's first day. */
  from: number;
  /** Earlier of leaving and the day after the period's last day; null: open. */
  to: number | null;
}

export interface ConsentWindow {
  id: string;
  serviceIds: string[];
  categories: InformationCategory[];
  excludedCategories: InformationCategory[];
  excludedUserIds: string[];
  /** The from-date's first instant and the instant after the to-date. */
  validFrom: number;
  validToEnd: number;
  activatedAt: number | null;
  withdrawnAt: number | null;
  supersededAt: number | null;
}

export interface AccessGrant {
  unitId: string;
  participantId: string;
  basis: 'ownership' | 'consent';
  consentId: string | null;
  from: number;
  to: number | null;
  categories: string[] | null;
  excludedUserIds: string[];
  /** Services whose part in the case the grant lets the unit know of: the consent's and the owner's; null: all. */
  serviceIds: string[] | null;
}

const earliest = (...times: Array<number | null>): number | null => {
  const finite = times.filter((t): t is number => t !== null);
  return finite.length ? Math.min(...finite) : null;
};

export function liveAccessGrants(ownerServiceId: string, participations: Participation[], consents: ConsentWindow[]): AccessGrant[] {
  const grants: AccessGrant[] = [];
  for (const p of participations) {
    if (p.serviceId === ownerServiceId) {
      if (p.to === null || p.from < p.to)
        grants.push({
          unitId: p.unitId,
          participantId: p.participantId,
          basis: 'ownership',
          consentId: null,
          from: p.from,
          to: p.to,
          categories: null,
          excludedUserIds: [],
          serviceIds: null,
        });
      continue;
    }
    for (const c of consents) {
      if (c.activatedAt === null || !c.serviceIds.includes(p.serviceId)) continue;
      const from = Math.max(p.from, c.validFrom, c.activatedAt);
      const to = earliest(p.to, c.validToEnd, c.withdrawnAt, c.supersededAt) as number;
      if (from >= to) continue;
      grants.push({
        unitId: p.unitId,
        participantId: p.participantId,
        basis: 'consent',
        consentId: c.id,
        from,
        to,
        categories: c.categories.filter((x) => !c.excludedCategories.includes(x)).sort(),
        excludedUserIds: [...c.excludedUserIds],
        serviceIds: [...new Set([...c.serviceIds, ownerServiceId])].sort(),
      });
    }
  }
  return grants;
}

/** Whether a user of `unitId` may read the case at instant `at`, by the grants. */
export function grantAdmits(grants: AccessGrant[], unitId: string, userId: string, at: number): boolean {
  return grants.some((g) => g.unitId === unitId && g.from <= at && (g.to === null || g.to > at) && !g.excludedUserIds.includes(userId));
}
