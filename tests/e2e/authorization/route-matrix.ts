/**
 * The authorization matrix: every route of the API × every persona → the status it must get.
 * 2xx/3xx allowed; 401 not signed in; 403 a function the persona may not use; 404 a record
 * outside their scope (the same answer as one that does not exist). A route missing here fails
 * the route inventory test. One file per feature under matrix/; grows with every issue.
 */
import { CASE_ROUTES } from './matrix/cases.matrix';
import { CONCERN_ROUTES } from './matrix/concerns.matrix';
import { CONSENT_ROUTES } from './matrix/consents.matrix';
import { DISCUSSION_ROUTES } from './matrix/discussions.matrix';
import { REPORT_ROUTES } from './matrix/reports.matrix';
import { FOUNDATION_ROUTES } from './matrix/foundation.matrix';
import { ADMINISTRATION_ROUTES } from './matrix/administration.matrix';
import { REGISTER_ROUTES } from './matrix/registers.matrix';
import { deriveExpect } from './matrix/personas';
import type { CompleteRow, MatrixRow } from './matrix/personas';

export * from './matrix/personas';

const ROWS: Record<string, MatrixRow> = {
  ...FOUNDATION_ROUTES,
  ...CONCERN_ROUTES,
  ...REPORT_ROUTES,
  ...DISCUSSION_ROUTES,
  ...CASE_ROUTES,
  ...CONSENT_ROUTES,
  ...ADMINISTRATION_ROUTES,
  ...REGISTER_ROUTES,
};

/** Every row with every persona's status: Nabodal's administrator's derived where a row leaves it out (deriveExpect). */
export const ROUTE_MATRIX: Record<string, CompleteRow> = Object.fromEntries(
  Object.entries(ROWS).map(([route, row]) => [route, { ...row, expect: deriveExpect(row.expect) }]),
);
