// Benchmark: "my cases" — the list a staff member opens many times a day — as the application runs
// it: through the access-grant table, as the app's role, under row-level security. SECURITY.md S10
// asks that it stays index-driven and nearly flat as the data grow. For comparison the same list
// by the live rule (participation, then a consent check per candidate row), also under RLS; and
// the whole list with its counts, selected through the projection (`case_view`, as CasesService
// now does) against the hand-written scope it replaced (issue 10).
//
//   node tests/bench/my-cases.bench.mjs [--sizes 10000,200000] [--runs 200]
//
// Needs `dist/apps/api/main.js` (npm run build, or npm start / npm test once). Starts a throw-away
// embedded PostgreSQL, migrates it, fills it with synthetic cases (no personal data: generated ids
// and names "Barn 1…"), and prints the median and 95th percentile per size and the ratios.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, provisionDatabase, startPostgres } from '../../tools/postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '10000,200000').split(',').map(Number);
const runs = Number(arg('runs', '200'));
const UNITS = 400; // units in the municipality; each case has its owner unit and one other service's unit
const main = path.join(root, 'dist/apps/api/main.js');
if (!existsSync(main)) {
  console.error('dist/apps/api/main.js is missing: run `npx nx build api` first');
  process.exit(2);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'stafett-bench-'));
const server = await startPostgres({
  dataDir: path.join(dir, 'pg'),
  port: await freePort(),
  password: 'bench',
  persistent: false,
  fast: true,
});
const secret = () => randomBytes(12).toString('hex');
const { ownerUrl, appUrl } = await provisionDatabase(server.url, { database: 'bench', ownerPassword: secret(), appPassword: secret() });
const migrated = spawnSync(process.execPath, [main, '--migrate-only'], {
  env: { ...process.env, DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl, AUDIT_HMAC_KEY: 'b'.repeat(48), LOG_LEVEL: 'warn' },
  stdio: 'inherit',
});
if (migrated.status !== 0) throw new Error('migration failed');

const owner = new pg.Client(ownerUrl);
const app = new pg.Client(appUrl);
await owner.connect();
await app.connect();

// One municipality, two services (kindergarten owns the cases, health takes part on consent), UNITS units.
const [{ id: m }] = (
  await owner.query(`INSERT INTO municipality (code, name, settings) VALUES ('9990', 'Benkvik kommune', '{}') RETURNING id`)
).rows;
const service = async (kind) =>
  (
    await owner.query(`INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, $2, $2, 'administrative') RETURNING id`, [
      m,
      kind,
    ])
  ).rows[0].id;
const [kg, health] = [await service('kindergarten'), await service('health_station')];
await owner.query(
  `INSERT INTO unit (municipality_id, service_id, name)
   SELECT $1, CASE WHEN i % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 'Enhet ' || i FROM generate_series(1, $4) i`,
  [m, kg, health, UNITS],
);
const [{ id: staff }] = (
  await owner.query(
    `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active) VALUES ($1, 'staff', 'Benk Ansatt', 'urn:bench', 'bench', true) RETURNING id`,
    [m],
  )
).rows;

let filled = 0;
/** Adds cases up to `total`: each with a kindergarten owner unit, a health unit on an active consent, grants as the rule makes them. */
async function fillTo(total) {
  const add = total - filled;
  await owner.query('BEGIN');
  await owner.query(
    `CREATE TEMP TABLE batch ON COMMIT DROP AS
       WITH u AS (SELECT array_agg(id ORDER BY name) FILTER (WHERE service_id = $2) AS kgs,
                         array_agg(id ORDER BY name) FILTER (WHERE service_id = $3) AS hs
                    FROM unit WHERE municipality_id = $1)
       SELECT gen_random_uuid() AS child_id, gen_random_uuid() AS case_id, gen_random_uuid() AS own_p, gen_random_uuid() AS other_p,
              gen_random_uuid() AS consent_id, i,
              u.kgs[1 + i % array_length(u.kgs, 1)] AS own_unit,
              -- The measured unit takes part in the first 50 cases only, so its list stays the same size as the data grow.
              CASE WHEN i <= 50 THEN u.hs[1] ELSE u.hs[2 + (i * 7) % (array_length(u.hs, 1) - 1)] END AS other_unit
         FROM generate_series($4::int + 1, $4::int + $5::int) i, u`,
    [m, kg, health, filled, add],
  );
  await owner.query(
    `INSERT INTO child (id, municipality_id, given_name, family_name, birth_date) SELECT child_id, $1::uuid, 'Barn', i::text, date '2018-01-01' FROM batch`,
    [m],
  );
  await owner.query(
    `INSERT INTO coordinated_case (id, municipality_id, child_id, owner_unit_id, level, coordinator_user_id, coordinator_unit_id, opened_by_user_id)
     SELECT case_id, $1::uuid, child_id, own_unit, 2, $2::uuid, own_unit, $2::uuid FROM batch`,
    [m, staff],
  );
  await owner.query(
    `INSERT INTO case_participant (id, municipality_id, case_id, unit_id, role, from_on, joined_by_user_id, joined_at)
     SELECT own_p, $1::uuid, case_id, own_unit, 'coordinating', current_date - 30, $2::uuid, (current_date - 30)::timestamptz FROM batch
     UNION ALL SELECT other_p, $1::uuid, case_id, other_unit, 'advisory', current_date - 30, $2::uuid, (current_date - 30)::timestamptz FROM batch`,
    [m, staff],
  );
  await owner.query(
    `INSERT INTO consent (id, municipality_id, case_id, child_id, status, purpose, categories, service_ids, valid_from, valid_to, created_by_user_id, activated_at)
     SELECT consent_id, $1::uuid, case_id, child_id, 'active', 'Samarbeid', '{wellbeing}', ARRAY[$2::uuid], current_date - 30, current_date + 365, $3::uuid, (current_date - 29)::timestamptz FROM batch`,
    [m, health, staff],
  );
  await owner.query(
    `INSERT INTO case_access_grant (municipality_id, case_id, unit_id, participant_id, basis, consent_id, valid_from, valid_to, categories, service_ids)
     SELECT $1::uuid, case_id, own_unit, own_p, 'ownership', NULL::uuid, (current_date - 30)::timestamptz, NULL::timestamptz, NULL::text[], NULL::uuid[] FROM batch
     UNION ALL SELECT $1::uuid, case_id, other_unit, other_p, 'consent', consent_id, (current_date - 29)::timestamptz, (current_date + 366)::timestamptz, '{wellbeing}'::text[],
                      ARRAY[$2::uuid, $3::uuid] FROM batch`,
    [m, kg, health],
  );
  // Two measures per case, one of a category the consent covers and one it does not, for the counts.
  await owner.query(
    `INSERT INTO case_measure (municipality_id, case_id, description, responsible_participant_id, evaluation_due_on, created_by_user_id, category)
     SELECT $1::uuid, case_id, 'Tiltak', other_p, current_date + (i % 30), $2::uuid, c FROM batch, unnest(ARRAY['wellbeing', 'health']) c`,
    [m, staff],
  );
  await owner.query('COMMIT');
  await owner.query('ANALYZE');
  filled = total;
}

// The unit of the health service whose cases we list: 50 of them, however many there are in all.
const [{ id: unit }] = (
  await owner.query(`SELECT id FROM unit WHERE municipality_id = $1 AND service_id = $2 ORDER BY name LIMIT 1`, [m, health])
).rows;
const actor = `SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true),
                      set_config('stafett.unit_ids', $3, true), set_config('stafett.child_ids', '{}', true),
                      set_config('stafett.youth_child_ids', '{}', true)`;

/** The columns of the list that are the same either way. */
const LIST_HEAD = `k.id, k.level, k.status, json_build_object('id', ch.id, 'givenName', ch.given_name) AS child,
  json_build_object('userId', cu.id, 'displayName', cu.display_name, 'unitName', un.name) AS coordinator`;
const LIST_JOINS = `JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
  JOIN app_user cu ON cu.id = k.coordinator_user_id AND cu.municipality_id = k.municipality_id
  JOIN unit un ON un.id = k.coordinator_unit_id AND un.municipality_id = k.municipality_id`;

const QUERIES = {
  // What CasesService.list() selects by: the grant table.
  grants: `SELECT k.id, k.level, k.status FROM coordinated_case k
            WHERE k.municipality_id = $1 AND EXISTS (
              SELECT 1 FROM case_access_grant g WHERE g.municipality_id = k.municipality_id AND g.unit_id = ANY($2::uuid[]) AND g.case_id = k.id
                 AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now()) AND NOT ($3::uuid = ANY(g.excluded_user_ids)))
            ORDER BY k.opened_at DESC LIMIT 500`,
  // The same, and whether each case's coordinator can still hold the baton (their unit still reads the case), as the list shows it.
  grantsAndBaton: `SELECT k.id, k.level, k.status,
                          stafett_unit_reads_case(k.municipality_id, k.id, k.coordinator_unit_id, k.coordinator_user_id) AS "coordinatorReads"
                     FROM coordinated_case k
                    WHERE k.municipality_id = $1 AND EXISTS (
                      SELECT 1 FROM case_access_grant g WHERE g.municipality_id = k.municipality_id AND g.unit_id = ANY($2::uuid[]) AND g.case_id = k.id
                         AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now()) AND NOT ($3::uuid = ANY(g.excluded_user_ids)))
                    ORDER BY k.opened_at DESC LIMIT 500`,
  // The live rule per candidate row: taking part, and the own service or an active consent naming the unit's service.
  liveRule: `SELECT k.id, k.level, k.status FROM coordinated_case k
              JOIN case_participant p ON p.case_id = k.id AND p.municipality_id = k.municipality_id AND p.left_at IS NULL AND p.unit_id = ANY($2::uuid[])
              JOIN unit pu ON pu.id = p.unit_id JOIN unit ou ON ou.id = k.owner_unit_id
             WHERE k.municipality_id = $1 AND $3::uuid IS NOT NULL AND (pu.service_id = ou.service_id OR EXISTS (
                     SELECT 1 FROM consent c WHERE c.case_id = k.id AND c.status = 'active' AND pu.service_id = ANY(c.service_ids)
                        AND c.valid_from <= current_date AND c.valid_to >= current_date))
             ORDER BY k.opened_at DESC LIMIT 500`,
  // "My cases" with its counts as CasesService.list() selected it before issue 10: the hand-written scope, counts of every row.
  listByScope: `SELECT ${LIST_HEAD},
                  ARRAY(SELECT pu.name FROM case_participant p JOIN unit pu ON pu.id = p.unit_id
                         WHERE p.case_id = k.id AND p.municipality_id = k.municipality_id AND p.left_at IS NULL) AS "participantUnitNames",
                  (SELECT count(*)::int FROM case_measure m WHERE m.case_id = k.id AND m.municipality_id = k.municipality_id AND m.status = 'active') AS "activeMeasures",
                  (SELECT g.consent_id FROM case_access_grant g WHERE g.case_id = k.id AND g.municipality_id = k.municipality_id
                      AND g.unit_id = ANY($2::uuid[]) AND g.consent_id IS NOT NULL AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now()) LIMIT 1) AS "viaConsentId"
                 FROM coordinated_case k ${LIST_JOINS}
                WHERE k.municipality_id = $1 AND EXISTS (
                  SELECT 1 FROM case_access_grant g WHERE g.municipality_id = k.municipality_id AND g.unit_id = ANY($2::uuid[]) AND g.case_id = k.id
                     AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now()) AND NOT ($3::uuid = ANY(g.excluded_user_ids)))
                ORDER BY k.status DESC, k.opened_at DESC LIMIT 500`,
  // The same list through the projection, counting only what the caller's view covers (as CasesService.list() does now).
  listByProjection: `SELECT ${LIST_HEAD}, json_build_object('basis', v.basis, 'consentId', v.consent_id, 'categories', v.categories) AS view,
                  ARRAY(SELECT pu.name FROM case_participant p JOIN unit pu ON pu.id = p.unit_id
                         WHERE p.case_id = k.id AND p.municipality_id = k.municipality_id AND p.left_at IS NULL
                           AND (v.service_ids IS NULL OR pu.service_id = ANY (v.service_ids))) AS "participantUnitNames",
                  (SELECT count(*)::int FROM case_measure m WHERE m.case_id = k.id AND m.municipality_id = k.municipality_id AND m.status = 'active'
                      AND (v.categories IS NULL OR m.category = ANY (v.categories))) AS "activeMeasures"
                 FROM coordinated_case k JOIN case_view v ON v.municipality_id = k.municipality_id AND v.case_id = k.id ${LIST_JOINS}
                WHERE $1::uuid IS NOT NULL AND $2::uuid[] IS NOT NULL AND $3::uuid IS NOT NULL
                ORDER BY k.status DESC, k.opened_at DESC LIMIT 500`,
};
// The first page (50) of the same list, the way issue 11 had it at first: through the projection, ordered after the join.
QUERIES.pageByProjection = QUERIES.listByProjection.replace('LIMIT 500', 'LIMIT 51');
// And as CasesService.list() selects it now (case-projection.ts, myCasesPage and caseViewOf): the page's ids from the
// grant index in the list's order (migration 1796410000000), then each case's view, found case by case.
QUERIES.pageByGrantIndex = `WITH page AS (
    SELECT id AS case_id FROM (
      SELECT g.case_id AS id, g.case_status AS status, g.case_opened_at AS opened_at
        FROM unnest(stafett_current_uuids('stafett.unit_ids')) AS mine(unit_id)
        CROSS JOIN LATERAL (
          SELECT DISTINCT g.case_status, g.case_opened_at, g.case_id FROM case_access_grant g
           WHERE g.municipality_id = stafett_current_uuid('stafett.municipality_id') AND g.unit_id = mine.unit_id
             AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
             AND NOT (stafett_current_uuid('stafett.user_id') = ANY (g.excluded_user_ids))
           ORDER BY g.case_status DESC, g.case_opened_at DESC, g.case_id DESC LIMIT 51) g
      UNION
      SELECT k.id, k.status, k.opened_at
        FROM unnest(stafett_current_uuids('stafett.child_ids')) AS family(child_id)
        JOIN coordinated_case k ON k.municipality_id = stafett_current_uuid('stafett.municipality_id') AND k.child_id = family.child_id
    ) mine ORDER BY status DESC, opened_at DESC, id DESC LIMIT 51)
  SELECT ${LIST_HEAD}, json_build_object('basis', v.basis, 'consentId', v.consent_id, 'categories', v.categories) AS view,
         ARRAY(SELECT pu.name FROM case_participant p JOIN unit pu ON pu.id = p.unit_id
                WHERE p.case_id = k.id AND p.municipality_id = k.municipality_id AND p.left_at IS NULL
                  AND (v.service_ids IS NULL OR pu.service_id = ANY (v.service_ids))) AS "participantUnitNames",
         (SELECT count(*)::int FROM case_measure m WHERE m.case_id = k.id AND m.municipality_id = k.municipality_id AND m.status = 'active'
             AND (v.categories IS NULL OR m.category = ANY (v.categories))) AS "activeMeasures"
    FROM page JOIN coordinated_case k ON k.id = page.case_id AND k.municipality_id = stafett_current_uuid('stafett.municipality_id')
    CROSS JOIN LATERAL (SELECT * FROM case_view cv WHERE cv.municipality_id = k.municipality_id AND cv.case_id = k.id OFFSET 0) v
    ${LIST_JOINS}
   WHERE $1::uuid IS NOT NULL AND $2::uuid[] IS NOT NULL AND $3::uuid IS NOT NULL
   ORDER BY k.status DESC, k.opened_at DESC, k.id DESC LIMIT 51`;

async function measure(sql) {
  const times = [];
  let rows = 0;
  for (let i = 0; i < runs + 20; i++) {
    await app.query('BEGIN');
    await app.query(actor, [m, staff, `{${unit}}`]);
    const started = process.hrtime.bigint();
    const result = await app.query(sql, [m, [unit], staff]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await app.query('COMMIT');
    if (i >= 20) times.push(ms); // the first runs warm the caches
    rows = result.rowCount;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], rows };
}

const results = [];
try {
  for (const size of sizes) {
    const started = Date.now();
    await fillTo(size);
    console.log(`filled ${size} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [name, sql] of Object.entries(QUERIES)) {
      const r = await measure(sql);
      results.push({ size, name, ...r });
      console.log(
        `${String(size).padStart(8)} cases  ${name.padEnd(18)} median ${r.median.toFixed(3)} ms  p95 ${r.p95.toFixed(3)} ms  (${r.rows} rows)`,
      );
    }
  }
  const at = (size, name) => results.find((r) => r.size === size && r.name === name).median;
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  for (const name of Object.keys(QUERIES))
    console.log(`${name}: median at ${large} / at ${small} = ${(at(large, name) / at(small, name)).toFixed(2)}×`);
  console.log(`at ${large}: liveRule / grants = ${(at(large, 'liveRule') / at(large, 'grants')).toFixed(2)}×`);
  console.log(`at ${large}: grantsAndBaton / grants = ${(at(large, 'grantsAndBaton') / at(large, 'grants')).toFixed(2)}×`);
  console.log(`at ${large}: listByProjection / listByScope = ${(at(large, 'listByProjection') / at(large, 'listByScope')).toFixed(2)}×`);
  console.log(
    `at ${large}: pageByGrantIndex / pageByProjection = ${(at(large, 'pageByGrantIndex') / at(large, 'pageByProjection')).toFixed(2)}×`,
  );
  const plan = await (async () => {
    await app.query('BEGIN');
    await app.query(actor, [m, staff, `{${unit}}`]);
    const { rows } = await app.query(`EXPLAIN ${QUERIES.pageByGrantIndex}`, [m, [unit], staff]);
    await app.query('COMMIT');
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  })();
  console.log(`plan of the first page from the grant index at ${large} cases:\n${plan}`);
} finally {
  await app.end();
  await owner.end();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
