/**
 * The one projection of a case for the person acting (migration 1796180000000, `case_view`): every
 * read of case content joins it as `v`, and what a person may see of a case — the case itself,
 * which record types and categories, which services, which fields — is decided here and nowhere
 * else. The view reads who is acting from the transaction's settings (`actAs`), exactly as the
 * row-level security policies do, so a query written with it cannot ask for more than the policies
 * allow, and a query that forgets it still gets nothing from the database.
 *
 *   coordinated_case k ${caseView('k')}   -- only cases the person may see now
 *   … AND ${CASE_CONTENT.measure('m')}    -- only measures of categories their view covers
 */
import { LOG_ENTRY_KINDS_NAMING_WHEREABOUTS } from '@stafett/domain';
import type { CaseBasis } from '@stafett/domain';
import type { Keyset } from '../http/paging';

/** A case the caller may see, as the projection gives it. */
export interface CaseView {
  basis: CaseBasis;
  /** The consent that admits the caller (basis `consent`, or a coordinator from another service). */
  consentId: string | null;
  /** The unit the caller acts through: the coordinator's, the owning unit, else one whose grant admits them. */
  actingUnitId: string | null;
  /** The caller's units that take part now (where they keep private notes). */
  unitIds: string[];
  /** Categories of content the caller reads; null: all. */
  categories: string[] | null;
  /** Services whose part in the case the caller may know of; null: all. */
  serviceIds: string[] | null;
  /** Reads as guardian or youth. */
  family: boolean;
  /**
   * Reads as a guardian who does not share the child's address protection (SECURITY.md S32): units,
   * groups and staff names are left out of everything they read (`CASE_FIELDS.whereabouts`).
   */
  whereaboutsHidden: boolean;
}

/** Joins the caller's view `v` of the case aliased `caseAlias`; cases outside it drop out of the query. */
export function caseView(caseAlias: string): string {
  return `JOIN case_view v ON v.municipality_id = ${caseAlias}.municipality_id AND v.case_id = ${caseAlias}.id`;
}

/**
 * The same view, found case by case: for a query that already knows its few cases (a page of a
 * list), so that PostgreSQL builds the view of those cases only, from the grant index, instead of
 * the view of every case the caller may see and then joining.
 */
export function caseViewOf(caseAlias: string): string {
  // OFFSET 0 keeps the subquery a subquery: pulled up into the join, the planner would build the
  // view of every case again and join afterwards.
  return `CROSS JOIN LATERAL (SELECT * FROM case_view cv
                               WHERE cv.municipality_id = ${caseAlias}.municipality_id AND cv.case_id = ${caseAlias}.id OFFSET 0) v`;
}

/** The view as one JSON column, for a query that also answers the projection (`CaseView`). */
export const CASE_VIEW_JSON = `json_build_object('basis', v.basis, 'consentId', v.consent_id, 'actingUnitId', v.acting_unit_id,
  'unitIds', v.unit_ids, 'categories', v.categories, 'serviceIds', v.service_ids, 'family', v.family,
  'whereaboutsHidden', v.whereabouts_hidden)`;

const covers = (category: string) => `(v.categories IS NULL OR ${category} IS NULL OR ${category} = ANY (v.categories))`;
const knows = (service: string) => `(v.service_ids IS NULL OR ${service} IS NULL OR ${service} = ANY (v.service_ids))`;

/**
 * Which rows of each record type the caller sees, given the row's alias. A consent admits only the
 * categories it covers less those it excludes, and only the services it names (plus the owner's):
 * a team entry about another service is not shown, so child welfare's part stays unknown.
 */
export const CASE_CONTENT = {
  goal: (a: string) => covers(`${a}.category`),
  measure: (a: string) => covers(`${a}.category`),
  meeting: (a: string) => covers(`${a}.category`),
  logEntry: (a: string) => `${covers(`${a}.category`)} AND ${knows(`${a}.service_id`)}`,
  /** A participating unit, by its unit row's alias. */
  participantUnit: (unitAlias: string) => knows(`${unitAlias}.service_id`),
  /** Service-private notes never leave their unit. */
  privateNote: (a: string) => `${a}.unit_id = ANY (v.unit_ids)`,
};

/** Fields that depend on who reads: the family reads what a meeting decided once its minutes are final. */
export const CASE_FIELDS = {
  meetingDecisions: (a: string) => `CASE WHEN v.family AND ${a}.minutes_status = 'draft' THEN NULL ELSE ${a}.decisions END`,
  /**
   * A unit's name, a group, a staff member — anything that tells where a child is — or NULL for a
   * guardian who must not learn a protected child's whereabouts (S32). `hidden` is the view's
   * column, or a parameter carrying it when the query has the view already (the case page).
   */
  whereabouts: (expression: string, hidden = 'v.whereabouts_hidden') => `CASE WHEN ${hidden} THEN NULL ELSE ${expression} END`,
  /** A log entry's text, but not the unit or person the system named in it where whereabouts are hidden. */
  logText: (a: string) =>
    `CASE WHEN v.whereabouts_hidden AND ${a}.kind IN (${LOG_ENTRY_KINDS_NAMING_WHEREABOUTS.map((k) => `'${k}'`).join(', ')}) THEN NULL ELSE ${a}.text END`,
};

/** Whether the caller's view covers a category (for writes: nobody writes what they could not read). */
export function viewCovers(view: Pick<CaseView, 'categories'>, category: string): boolean {
  return view.categories === null || view.categories.includes(category);
}

/**
 * The ids of one page of "my cases", from indexes only: for each of the caller's units its grants
 * in the list's order (the grant's copy of the case's status and opening, migration
 * 1796410000000), a page's worth each, and the family's own children's cases; then the first page
 * of those. The same grants as the case's policy and `case_view` admit, so every id has its view;
 * the cost is a page per unit however many cases a unit or the municipality has.
 */
export function myCasesPage(keyset: Pick<Keyset, 'whereOn' | 'orderByOn'>): string {
  const now = `g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())`;
  return `
    SELECT id AS case_id FROM (
      SELECT g.case_id AS id, g.case_status AS status, g.case_opened_at AS opened_at
        FROM unnest(stafett_current_uuids('stafett.unit_ids')) AS mine(unit_id)
        CROSS JOIN LATERAL (
          SELECT DISTINCT g.case_status, g.case_opened_at, g.case_id FROM case_access_grant g
           WHERE g.municipality_id = stafett_current_uuid('stafett.municipality_id') AND g.unit_id = mine.unit_id AND ${now}
             AND NOT (stafett_current_uuid('stafett.user_id') = ANY (g.excluded_user_ids))
             AND ${keyset.whereOn(['g.case_status', 'g.case_opened_at', 'g.case_id'])}
           ${keyset.orderByOn(['g.case_status', 'g.case_opened_at', 'g.case_id'])}) g
      UNION
      -- A join, not a filter, as in case_view: a filter calling the settings would run after the case policy, on every case.
      SELECT k.id, k.status, k.opened_at
        FROM unnest(stafett_current_uuids('stafett.child_ids')) AS family(child_id)
        JOIN coordinated_case k ON k.municipality_id = stafett_current_uuid('stafett.municipality_id') AND k.child_id = family.child_id
       WHERE ${keyset.whereOn(['k.status', 'k.opened_at', 'k.id'])}
    ) mine ${keyset.orderByOn(['status', 'opened_at', 'id'])}`;
}
