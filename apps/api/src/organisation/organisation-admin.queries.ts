/**
 * The SQL of organisation administration: the municipality's services and units, always filtered by the
 * administrator's municipality ($1 everywhere it matters), so another tenant's id is "not found".
 */
const UNIT_FIELDS = (u: string) =>
  `${u}.id, ${u}.service_id AS "serviceId", ${u}.name, ${u}.code, to_char(${u}.closed_on, 'YYYY-MM-DD') AS "closedOn", ${u}.version`;

export const UNIT_BY_ID = `SELECT ${UNIT_FIELDS('u')} FROM unit u WHERE u.id = $1 AND u.municipality_id = $2`;

const SERVICES = `
  SELECT s.id, s.kind, s.name, s.regime, s.version,
         COALESCE((SELECT json_agg(json_build_object('id', u.id, 'serviceId', u.service_id, 'name', u.name, 'code', u.code,
                                                     'closedOn', to_char(u.closed_on, 'YYYY-MM-DD'), 'version', u.version)
                                   ORDER BY u.name)
                     FROM unit u WHERE u.service_id = s.id AND u.municipality_id = s.municipality_id), '[]') AS units
    FROM service s
   WHERE s.municipality_id = $1`;

export const SERVICE_LIST = `${SERVICES} ORDER BY s.name LIMIT 500`;
export const SERVICE_BY_ID = `${SERVICES} AND s.id = $2`;

export const INSERT_SERVICE = `INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, $2, $3, $4) RETURNING id`;

export const LOCK_SERVICE = `SELECT regime, version FROM service WHERE id = $2 AND municipality_id = $1 FOR UPDATE`;

export const UPDATE_SERVICE = `UPDATE service SET name = COALESCE($3, name), regime = COALESCE($4, regime), version = version + 1
                                WHERE id = $2 AND municipality_id = $1`;

export const SERVICE_IN_USE = `SELECT stafett_service_in_use($1, $2) AS "inUse"`;

export const INSERT_UNIT = `
  INSERT INTO unit (municipality_id, service_id, name, code)
  SELECT s.municipality_id, s.id, $3, $4 FROM service s WHERE s.id = $2 AND s.municipality_id = $1
  RETURNING ${UNIT_FIELDS('unit')}`;

export const LOCK_UNIT = `${UNIT_BY_ID} FOR UPDATE`;

/** $2 the new name or NULL to keep it; $3 the new code, kept unless $4 (so a code can also be cleared). */
export const UPDATE_UNIT = `UPDATE unit SET name = COALESCE($2, name), code = CASE WHEN $4 THEN $3 ELSE code END, version = version + 1
                             WHERE id = $1 RETURNING ${UNIT_FIELDS('unit')}`;

/** Another unit of the municipality with this code (the register files name units by it). */
export const UNIT_CODE_TAKEN = `SELECT EXISTS (SELECT 1 FROM unit WHERE municipality_id = $1 AND code = $2 AND ($3::uuid IS NULL OR id <> $3)) AS taken`;

export const CLOSE_UNIT = `UPDATE unit SET closed_on = current_date, version = version + 1 WHERE id = $1 RETURNING ${UNIT_FIELDS('unit')}`;

/**
 * The unit's roles end with it: one held until now ends yesterday (its last day), one not begun ends the day
 * before it would have (never held). The count goes into the audit event's category.
 */
export const END_UNIT_ROLES = `
  UPDATE role_assignment SET valid_to = GREATEST(current_date - 1, valid_from - 1), version = version + 1
   WHERE unit_id = $1 AND municipality_id = $2 AND (valid_to IS NULL OR valid_to >= current_date)
  RETURNING id`;
