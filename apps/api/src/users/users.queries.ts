/**
 * The SQL of user administration, always within the administrator's municipality. A role "holds today" when
 * today lies between its first and last day (both inclusive): ROLE_VALID_NOW is the one condition every read
 * that decides access uses (the session's principal in SQL, migration 1796620000000; the team and baton queries).
 */
export const ROLE_VALID_NOW = (r: string) =>
  `(${r}.valid_from <= current_date AND (${r}.valid_to IS NULL OR ${r}.valid_to >= current_date))`;

const ROLE_FIELDS = (r: string) => `${r}.id, ${r}.role, ${r}.unit_id AS "unitId", un.name AS "unitName",
  to_char(${r}.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(${r}.valid_to, 'YYYY-MM-DD') AS "validTo",
  ${ROLE_VALID_NOW(r)} AS "current", ${r}.version`;

export const ROLES_OF = `
  SELECT ${ROLE_FIELDS('r')}
    FROM role_assignment r LEFT JOIN unit un ON un.id = r.unit_id AND un.municipality_id = r.municipality_id
   WHERE r.user_id = $2 AND r.municipality_id = $1
   ORDER BY r.valid_from DESC, r.role, un.name`;

export const ROLE_BY_ID = `
  SELECT ${ROLE_FIELDS('r')}
    FROM role_assignment r LEFT JOIN unit un ON un.id = r.unit_id AND un.municipality_id = r.municipality_id
   WHERE r.id = $2 AND r.municipality_id = $1`;

export const USERS = `
  SELECT u.id, u.display_name AS "displayName", u.kind, u.active, u.email, u.upn,
         (u.subject IS NOT NULL) AS "signedIn", u.version,
         COALESCE((SELECT json_agg(json_build_object('id', r.id, 'role', r.role, 'unitId', r.unit_id, 'unitName', un.name,
                                                     'validFrom', to_char(r.valid_from, 'YYYY-MM-DD'),
                                                     'validTo', to_char(r.valid_to, 'YYYY-MM-DD'),
                                                     'current', ${ROLE_VALID_NOW('r')}, 'version', r.version)
                                   ORDER BY r.role, un.name, r.valid_from)
                     FROM role_assignment r LEFT JOIN unit un ON un.id = r.unit_id AND un.municipality_id = r.municipality_id
                    WHERE r.user_id = u.id AND r.municipality_id = u.municipality_id), '[]') AS roles
    FROM app_user u
   WHERE u.municipality_id = $1 AND ($2::uuid IS NULL OR u.id = $2)`;

export const INSERT_STAFF_USER = `
  INSERT INTO app_user (municipality_id, kind, display_name, email, upn, active)
  VALUES ($1, 'staff', $2, $3, $4, true) RETURNING id`;

/** Who already has the e-mail or UPN in this municipality (either column: a token may carry either claim). */
export const TAKEN_IDENTIFIERS = `
  SELECT email, upn FROM app_user
   WHERE municipality_id = $1 AND (email = ANY($2::text[]) OR upn = ANY($2::text[]))`;

export const LOCK_USER = `SELECT kind, version FROM app_user WHERE id = $2 AND municipality_id = $1 FOR UPDATE`;

/** A unit role needs an open unit of the municipality; the unit's service comes back for the answer. */
export const OPEN_UNIT = `SELECT id, closed_on AS "closedOn" FROM unit WHERE id = $2 AND municipality_id = $1`;

export const INSERT_ROLE = `
  INSERT INTO role_assignment (municipality_id, user_id, unit_id, role, valid_from, valid_to)
  VALUES ($1, $2, $3, $4, COALESCE($5::date, current_date), $6::date) RETURNING id`;

export const LOCK_ROLE = `
  SELECT id, role, user_id AS "userId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo",
         version, to_char(current_date, 'YYYY-MM-DD') AS today
    FROM role_assignment WHERE id = $2 AND user_id = $3 AND municipality_id = $1 FOR UPDATE`;

export const END_ROLE = `UPDATE role_assignment SET valid_to = $3::date, version = version + 1 WHERE id = $2 AND municipality_id = $1`;

export const TODAY = `SELECT to_char(current_date, 'YYYY-MM-DD') AS today`;

/** Administrator roles valid today other than $2, of active users: the municipality must keep one. */
export const OTHER_ADMINS_NOW = `
  SELECT count(*)::int AS others FROM role_assignment r JOIN app_user u ON u.id = r.user_id AND u.municipality_id = r.municipality_id
   WHERE r.municipality_id = $1 AND r.id <> $2 AND r.role = 'admin' AND u.active AND ${ROLE_VALID_NOW('r')}`;
