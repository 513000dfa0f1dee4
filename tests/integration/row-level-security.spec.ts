import { syntheticNationalId } from '@stafett/domain';
import type { Principal } from '@stafett/domain';
import { createTestDatabase, queryOnce, TestDatabase } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { Client, Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { caseView } from '../../apps/api/src/cases/case-projection';
import { childReadScope } from '../../apps/api/src/children/child-scope';
import { concernScope } from '../../apps/api/src/concerns/concern-scope';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { ActingTransactions } from '../../apps/api/src/database/acting-transactions';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { seedDemo } from '../../apps/api/src/database/seed/demo-seed';

/**
 * SECURITY.md S9 and S10, on PostgreSQL alone: the data are written as the schema owner in SQL (the
 * demo organisation from the seed, cases and their content by hand), the grants rebuilt by the
 * database's own `stafett_refresh_case_access()`, and then read as the application's login
 * (`stafett_api`, member of `stafett_app`) with the acting user set exactly as
 * apps/api/src/database/acting-transactions.ts sets it.
 */

/** Every table of case content the policies must cover (the catalogue check adds any new one). */
const CASE_CONTENT_TABLES = [
  'coordinated_case',
  'case_level_decision',
  'case_participant',
  'case_access_grant',
  'case_log_entry',
  'baton_transfer',
  'coordinator_wish',
  'case_goal',
  'case_measure',
  'measure_evaluation',
  'case_private_note',
  'case_meeting',
  'consent',
  'consent_answer',
];

/** Level 0 (issue 10, point 5): concerns, reports, anonymous discussions, and the children behind them. */
const LEVEL0_TABLES = [
  'concern',
  'child_welfare_report',
  'anonymous_discussion',
  'discussion_invitation',
  'discussion_advice',
  'child',
  'guardianship',
  'enrolment',
];

/** A user's own rows only: the `Idempotency-Key`s of their creates (SECURITY.md S23). */
const OWN_ROWS_TABLES = ['idempotency_key'];

/**
 * Tables that carry a municipality but no row-level security, each for a reason. Any other table with a
 * `municipality_id` column must have it enabled and forced: a new tenant table fails the catalogue until
 * it is protected or named here.
 */
const TENANT_TABLES_WITHOUT_RLS: Record<string, string> = {
  service: 'the organisation is public (GET /api/organisation)',
  unit: 'the organisation is public (GET /api/organisation)',
  app_user: 'read to sign in and to resolve a session, before anyone acts',
  role_assignment: 'read to build the principal, before anyone acts',
  user_session: 'read to find the principal; found only by the hash of a secret token',
  audit_event: 'insert-only for the app (no UPDATE, DELETE, TRUNCATE), HMAC-chained; reads scoped by the app',
};

interface Actor {
  municipalityId: string;
  userId: string;
  unitIds: string[];
  leaderUnitIds?: string[];
  childIds?: string[];
  youthChildIds?: string[];
  childWelfare?: boolean;
}

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;
/** The acting user for this transaction only, as actAs() sets it (a test below compares the two). */
const ACT_AS = `SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true),
                       set_config('stafett.unit_ids', $3, true), set_config('stafett.leader_unit_ids', $4, true),
                       set_config('stafett.child_ids', $5, true), set_config('stafett.youth_child_ids', $6, true),
                       set_config('stafett.child_welfare', $7, true)`;
const actParams = (a: Actor) => [
  a.municipalityId,
  a.userId,
  uuidArray(a.unitIds),
  uuidArray(a.leaderUnitIds ?? []),
  uuidArray(a.childIds ?? []),
  uuidArray(a.youthChildIds ?? []),
  a.childWelfare ? 'on' : '',
];
const SETTINGS = ['municipality_id', 'user_id', 'unit_ids', 'leader_unit_ids', 'child_ids', 'youth_child_ids', 'child_welfare'];
/** Every acting setting, '' when unset. */
const READ_SETTINGS = `SELECT ${SETTINGS.map((n) => `COALESCE(current_setting('stafett.${n}', true), '') AS "${n}"`).join(', ')}`;

describe('row-level security on case content and level 0 (PostgreSQL, app role vs owner)', () => {
  let db: TestDatabase;
  let owner: Client;
  let app: Client;
  let m: string;
  let units: Record<'sentrum' | 'health' | 'school' | 'ppt' | 'barnevern', string>;
  let users: Record<
    'kari' | 'siri' | 'ola' | 'hanne' | 'nina' | 'per' | 'eva' | 'jon' | 'lise' | 'anne' | 'erik' | 'maria' | 'geir' | 'linda' | 'sofie',
    string
  >;
  let emma: string;
  let lucas: string;
  let sofie: string;
  /** Level-0 rows of the demo municipality, written as the owner. */
  let level0: Record<
    'concernUnshared' | 'concernShared' | 'reportKari' | 'reportNina' | 'discussion' | 'otherDiscussion' | 'advice',
    string
  >;
  /** The other municipality: a row in every level-0 table, and a teacher and a guardian of its own. */
  let nabo: { m: string; unit: string; teacher: string; guardian: string; child: string };
  let healthService: string;
  /** A: health takes part on an active consent. B: the kindergarten alone. C: consent withdrawn. D: consent excludes Hanne. */
  let cases: Record<'a' | 'b' | 'c' | 'd', string>;

  const ownerRows = async (sql: string, params: unknown[] = []) => (await owner.query(sql, params)).rows;

  /** Runs `work` as the app role in one transaction with `actor` acting (or nobody), then rolls back. */
  async function asApp<T>(actor: Actor | null, work: (c: Client) => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      if (actor) await app.query(ACT_AS, actParams(actor));
      return await work(app);
    } finally {
      await app.query('ROLLBACK');
    }
  }
  const count = async (c: Client | PoolClient | Pool, table: string, where = 'true', params: unknown[] = []) =>
    Number((await c.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)).rows[0].n);

  const kari = (): Actor => ({ municipalityId: m, userId: users.kari, unitIds: [units.sentrum] });
  const hanne = (): Actor => ({ municipalityId: m, userId: users.hanne, unitIds: [units.health] });
  const nina = (): Actor => ({ municipalityId: m, userId: users.nina, unitIds: [units.school] });

  /** A case owned by Sentrum barnehage, coordinated by Kari, with the health station taking part on `consent`. */
  async function buildCase(consent: 'active' | 'withdrawn' | 'excludes-hanne' | null): Promise<string> {
    const [k] = await ownerRows(
      `INSERT INTO coordinated_case (municipality_id, child_id, owner_unit_id, level, categories, coordinator_user_id, coordinator_unit_id, opened_by_user_id)
       VALUES ($1, $2, $3, $4, '{wellbeing}', $5, $3, $5) RETURNING id`,
      [m, emma, units.sentrum, consent ? 2 : 1, users.kari],
    );
    const refresh = async () => {
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('stafett.municipality_id', $1, true)`, [m]);
      await owner.query('SELECT stafett_refresh_case_access($1)', [k.id]);
      await owner.query('COMMIT');
    };
    const participant = async (unitId: string, role: string) =>
      (
        await ownerRows(
          `INSERT INTO case_participant (municipality_id, case_id, unit_id, role, from_on, joined_by_user_id, joined_at)
           VALUES ($1, $2, $3, $4, current_date - 10, $5, now() - interval '10 days') RETURNING id`,
          [m, k.id, unitId, role, users.kari],
        )
      )[0].id as string;
    await participant(units.sentrum, 'coordinating');
    await ownerRows(
      `INSERT INTO case_level_decision (municipality_id, case_id, kind, to_level, reason, decided_by_user_id) VALUES ($1, $2, 'opened', 1, 'Åpnet', $3)`,
      [m, k.id, users.kari],
    );
    await ownerRows(
      `INSERT INTO case_log_entry (municipality_id, case_id, kind, text, category, author_user_id) VALUES ($1, $2, 'note', 'Delt notat', 'wellbeing', $3)`,
      [m, k.id, users.kari],
    );
    await ownerRows(
      `INSERT INTO case_goal (municipality_id, case_id, text, category, created_by_user_id) VALUES ($1, $2, 'Emma trives', 'wellbeing', $3)`,
      [m, k.id, users.kari],
    );
    await ownerRows(
      `INSERT INTO case_private_note (municipality_id, case_id, unit_id, text, author_user_id) VALUES ($1, $2, $3, 'Barnehagens eget notat', $4)`,
      [m, k.id, units.sentrum, users.kari],
    );
    await ownerRows(
      `INSERT INTO coordinator_wish (municipality_id, case_id, source, wish, recorded_by_user_id) VALUES ($1, $2, 'guardians', 'Kari', $3)`,
      [m, k.id, users.kari],
    );
    await ownerRows(
      `INSERT INTO case_meeting (municipality_id, case_id, meeting_at, agenda, created_by_user_id) VALUES ($1, $2, now() + interval '3 days', 'Status', $3)`,
      [m, k.id, users.kari],
    );
    await refresh();
    if (!consent) return k.id;
    const [c] = await ownerRows(
      `INSERT INTO consent (municipality_id, case_id, child_id, status, purpose, categories, service_ids, excluded_user_ids, valid_from, valid_to,
                            required_signers, created_by_user_id, submitted_at, activated_at, withdrawn_at, withdrawn_by_user_id)
       VALUES ($1, $2, $3, $4, 'Samarbeid', '{wellbeing}', $5, $6, current_date - 10, current_date + 300, $7, $8,
               now() - interval '10 days', now() - interval '10 days', $9, $10) RETURNING id`,
      [
        m,
        k.id,
        emma,
        consent === 'withdrawn' ? 'withdrawn' : 'active',
        [healthService],
        consent === 'excludes-hanne' ? [users.hanne] : [],
        JSON.stringify([{ userId: users.anne, role: 'guardian' }]),
        users.kari,
        consent === 'withdrawn' ? new Date(Date.now() - 86_400_000) : null,
        consent === 'withdrawn' ? users.anne : null,
      ],
    );
    await ownerRows(
      `INSERT INTO consent_answer (municipality_id, consent_id, signer_key, signer_role, signer_user_id, decision, method)
       VALUES ($1, $2, $3, 'guardian', $4, 'signed', 'digital')`,
      [m, c.id, users.anne, users.anne],
    );
    const health = await participant(units.health, 'health_follow_up');
    await refresh();
    const [measure] = await ownerRows(
      `INSERT INTO case_measure (municipality_id, case_id, description, responsible_participant_id, evaluation_due_on, category, created_by_user_id)
       VALUES ($1, $2, 'Samtaler', $3, current_date + 7, 'wellbeing', $4) RETURNING id`,
      [m, k.id, health, users.kari],
    );
    await ownerRows(
      `INSERT INTO measure_evaluation (municipality_id, case_id, measure_id, evaluated_on, effect, child_view, decision, next_evaluation_due_on, evaluated_by_user_id)
       VALUES ($1, $2, $3, current_date - 1, 'partly', 'Litt bedre', 'continue', current_date + 7, $4)`,
      [m, k.id, measure.id, users.hanne],
    );
    await ownerRows(
      `INSERT INTO case_private_note (municipality_id, case_id, unit_id, text, author_user_id) VALUES ($1, $2, $3, 'Helsestasjonens eget notat', $4)`,
      [m, k.id, units.health, users.hanne],
    );
    await ownerRows(
      `INSERT INTO baton_transfer (municipality_id, case_id, from_user_id, to_user_id, to_unit_id) VALUES ($1, $2, $3, $4, $5)`,
      [m, k.id, users.kari, users.hanne, units.health],
    );
    return k.id;
  }

  /**
   * Kari's concerns about Emma (one kept to herself, one shared with the unit), her report and Nina's about
   * Lucas, and Kari's discussion inviting the health station with Hanne's advice; Nina's discussion invites PPT.
   */
  async function buildLevel0(): Promise<typeof level0> {
    const one = async (sql: string, params: unknown[]) => (await ownerRows(sql, params))[0].id as string;
    const concern = (shared: boolean) =>
      one(
        `INSERT INTO concern (municipality_id, unit_id, child_id, author_user_id, arose_on, observed_by, description, categories,
                              decision_due_on, shared_with_unit)
         VALUES ($1, $2, $3, $4, current_date - 1, 'Kari', 'Trekker seg unna', '{wellbeing}', current_date + 13, $5) RETURNING id`,
        [m, units.sentrum, emma, users.kari, shared],
      );
    const report = (child: string, reporter: string, unit: string) =>
      one(
        `INSERT INTO child_welfare_report (municipality_id, child_id, reporter_user_id, reporter_unit_id, content, submitted_on,
                                           review_due_on, receipt_due_on)
         VALUES ($1, $2, $3, $4, 'Alvorlig bekymring', current_date, current_date + 7, current_date + 21) RETURNING id`,
        [m, child, reporter, unit],
      );
    const discussion = async (author: string, authorUnit: string, invited: string) => {
      const d = await one(
        `INSERT INTO anonymous_discussion (municipality_id, author_user_id, author_unit_id, topic, description, categories)
         VALUES ($1, $2, $3, 'Uro i gruppen', 'Et barn på 4–5 år', '{wellbeing}') RETURNING id`,
        [m, author, authorUnit],
      );
      await ownerRows(`INSERT INTO discussion_invitation (municipality_id, discussion_id, unit_id) VALUES ($1, $2, $3)`, [m, d, invited]);
      return d;
    };
    const concernUnshared = await concern(false);
    const concernShared = await concern(true);
    const d = await discussion(users.kari, units.sentrum, units.health);
    return {
      concernUnshared,
      concernShared,
      reportKari: await report(emma, users.kari, units.sentrum),
      reportNina: await report(lucas, users.nina, units.school),
      discussion: d,
      otherDiscussion: await discussion(users.nina, units.school, units.ppt),
      advice: await one(
        `INSERT INTO discussion_advice (municipality_id, discussion_id, author_user_id, author_unit_id, text)
         VALUES ($1, $2, $3, $4, 'Snakk med helsestasjonen') RETURNING id`,
        [m, d, users.hanne, units.health],
      ),
    };
  }

  /** Nabodal: a school and a health station, a teacher, a pupil with a guardian, and a row in every level-0 table. */
  async function buildOtherMunicipality(): Promise<typeof nabo> {
    const one = async (sql: string, params: unknown[] = []) => (await ownerRows(sql, params))[0].id as string;
    const n = await one(
      `INSERT INTO municipality (code, name, settings) SELECT '9998', 'Nabodal kommune', settings FROM municipality WHERE code = '9999' RETURNING id`,
    );
    const service = (kind: string) =>
      one(`INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, $2, $2, 'administrative') RETURNING id`, [n, kind]);
    const unit = async (kind: string) =>
      one(`INSERT INTO unit (municipality_id, service_id, name) VALUES ($1, $2, $3) RETURNING id`, [
        n,
        await service(kind),
        `Nabodal ${kind}`,
      ]);
    const school = await unit('school');
    const health = await unit('health_station');
    const teacher = await one(
      `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active) VALUES ($1, 'staff', 'Nils Nabo', 'urn:test', 'nils', true) RETURNING id`,
      [n],
    );
    await ownerRows(`INSERT INTO role_assignment (municipality_id, user_id, unit_id, role) VALUES ($1, $2, $3, 'staff')`, [
      n,
      teacher,
      school,
    ]);
    const guardian = await one(
      `INSERT INTO app_user (municipality_id, kind, display_name, national_id, active) VALUES ($1, 'citizen', 'Nora Nabo', $2, true) RETURNING id`,
      [n, syntheticNationalId('1985-05-05', 321)],
    );
    const child = await one(
      `INSERT INTO child (municipality_id, given_name, family_name, birth_date, national_id) VALUES ($1, 'Ida', 'Nabo', '2015-05-05', $2) RETURNING id`,
      [n, syntheticNationalId('2015-05-05', 777)],
    );
    await ownerRows(`INSERT INTO enrolment (municipality_id, child_id, unit_id, valid_from) VALUES ($1, $2, $3, current_date - 100)`, [
      n,
      child,
      school,
    ]);
    await ownerRows(
      `INSERT INTO guardianship (municipality_id, child_id, guardian_user_id, has_parental_responsibility) VALUES ($1, $2, $3, true)`,
      [n, child, guardian],
    );
    await ownerRows(
      `INSERT INTO concern (municipality_id, unit_id, child_id, author_user_id, arose_on, observed_by, description, categories, decision_due_on,
                            shared_with_unit)
       VALUES ($1, $2, $3, $4, current_date, 'Nils', 'Sliten', '{wellbeing}', current_date + 14, true)`,
      [n, school, child, teacher],
    );
    await ownerRows(
      `INSERT INTO child_welfare_report (municipality_id, child_id, reporter_user_id, reporter_unit_id, content, submitted_on, review_due_on, receipt_due_on)
       VALUES ($1, $2, $3, $4, 'Melding', current_date, current_date + 7, current_date + 21)`,
      [n, child, teacher, school],
    );
    const d = await one(
      `INSERT INTO anonymous_discussion (municipality_id, author_user_id, author_unit_id, topic, description) VALUES ($1, $2, $3, 'Tema', 'Beskrivelse') RETURNING id`,
      [n, teacher, school],
    );
    await ownerRows(`INSERT INTO discussion_invitation (municipality_id, discussion_id, unit_id) VALUES ($1, $2, $3)`, [n, d, health]);
    await ownerRows(
      `INSERT INTO discussion_advice (municipality_id, discussion_id, author_user_id, author_unit_id, text) VALUES ($1, $2, $3, $4, 'Råd')`,
      [n, d, teacher, school],
    );
    return { m: n, unit: school, teacher, guardian, child };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const seeder = await new DataSource(dataSourceOptions(db.ownerUrl, { extra: { max: 1 } })).initialize();
    await seedDemo(seeder);
    await seeder.destroy();
    owner = new Client({ connectionString: db.ownerUrl });
    app = new Client({ connectionString: db.appUrl });
    await owner.connect();
    await app.connect();
    const id = async (sql: string) => (await ownerRows(sql))[0].id as string;
    m = await id(`SELECT id FROM municipality WHERE code = '9999'`);
    units = {
      sentrum: await id(`SELECT id FROM unit WHERE name = 'Sentrum barnehage'`),
      health: await id(`SELECT id FROM unit WHERE name = 'Fjordvik helsestasjon'`),
      school: await id(`SELECT id FROM unit WHERE name = 'Fjordvik skole'`),
      ppt: await id(`SELECT id FROM unit WHERE name = 'PPT Fjordvik'`),
      barnevern: await id(`SELECT id FROM unit WHERE name = 'Fjordvik barneverntjeneste'`),
    };
    users = {
      kari: await id(`SELECT id FROM app_user WHERE subject = 'kari.larsen'`),
      hanne: await id(`SELECT id FROM app_user WHERE subject = 'hanne.moe'`),
      siri: await id(`SELECT id FROM app_user WHERE subject = 'siri.nilsen'`),
      ola: await id(`SELECT id FROM app_user WHERE subject = 'ola.berg'`),
      nina: await id(`SELECT id FROM app_user WHERE subject = 'nina.dahl'`),
      per: await id(`SELECT id FROM app_user WHERE subject = 'per.lund'`),
      eva: await id(`SELECT id FROM app_user WHERE subject = 'eva.strand'`),
      jon: await id(`SELECT id FROM app_user WHERE subject = 'jon.vik'`),
      lise: await id(`SELECT id FROM app_user WHERE subject = 'lise.aas'`),
      anne: await id(`SELECT id FROM app_user WHERE display_name = 'Anne Nordmann'`),
      erik: await id(`SELECT id FROM app_user WHERE display_name = 'Erik Nordmann'`),
      maria: await id(`SELECT id FROM app_user WHERE display_name = 'Maria Hansen'`),
      geir: await id(`SELECT id FROM app_user WHERE display_name = 'Geir Hansen'`),
      linda: await id(`SELECT id FROM app_user WHERE display_name = 'Linda Johansen'`),
      // Sofie (17) as she is once she has signed in: a citizen user with her own identity number.
      sofie: await id(
        `INSERT INTO app_user (municipality_id, kind, display_name, national_id, active)
         SELECT municipality_id, 'citizen', 'Sofie Johansen', national_id, true FROM child WHERE given_name = 'Sofie' RETURNING id`,
      ),
    };
    emma = await id(`SELECT id FROM child WHERE given_name = 'Emma'`);
    lucas = await id(`SELECT id FROM child WHERE given_name = 'Lucas'`);
    sofie = await id(`SELECT id FROM child WHERE given_name = 'Sofie'`);
    healthService = await id(`SELECT service_id AS id FROM unit WHERE name = 'Fjordvik helsestasjon'`);
    cases = {
      a: await buildCase('active'),
      b: await buildCase(null),
      c: await buildCase('withdrawn'),
      d: await buildCase('excludes-hanne'),
    };
    level0 = await buildLevel0();
    nabo = await buildOtherMunicipality();
    for (const [municipality, user, key] of [
      [m, users.kari, 'kari'],
      [nabo.m, nabo.teacher, 'nils'],
    ])
      await ownerRows(
        `INSERT INTO idempotency_key (municipality_id, user_id, key_hash, method, route, request_hash, resource_type, resource_id, response_status)
         VALUES ($1, $2, $3, 'POST', '/api/concerns', 'body', 'concern', gen_random_uuid(), 201)`,
        [municipality, user, key],
      );
  }, 60000);
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await db?.drop();
  });

  describe('catalogue', () => {
    let tables: string[];
    beforeAll(async () => {
      // The named tables, and any table with a case_id column or a name of case content: a new one must not slip through.
      const found = await ownerRows(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            AND (c.relname LIKE 'case\\_%' OR c.relname LIKE 'consent%'
                 OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'case_id' AND NOT a.attisdropped))`,
      );
      tables = [
        ...new Set([...CASE_CONTENT_TABLES, ...LEVEL0_TABLES, ...OWN_ROWS_TABLES, ...found.map((r) => r.relname as string)]),
      ].sort();
    });

    it('has row-level security enabled and forced on every table of case content and level 0', async () => {
      const rows = await ownerRows(
        `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ANY($1) ORDER BY 1`,
        [tables],
      );
      expect(rows.map((r) => r.table)).toEqual(tables);
      expect(rows.filter((r) => !r.enabled || !r.forced)).toEqual([]);
    });

    it('has it on every table that carries a municipality, but those named with a reason', async () => {
      const rows = await ownerRows(
        `SELECT c.relname AS table, c.relrowsecurity AND c.relforcerowsecurity AS protected
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'municipality_id' AND NOT a.attisdropped)
          ORDER BY 1`,
      );
      const unprotected = rows.filter((r) => !r.protected).map((r) => r.table as string);
      expect(unprotected).toEqual(Object.keys(TENANT_TABLES_WITHOUT_RLS).sort());
      // Every table this spec names is a tenant table, and every tenant table is in one list or the other.
      const protectedTables = rows.filter((r) => r.protected).map((r) => r.table as string);
      expect(protectedTables).toEqual(tables);
    });

    it('runs the app as a login that owns no table, is no superuser, does not bypass RLS and cannot act as an owner', async () => {
      const roles = await ownerRows(
        `SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname IN ('stafett_api', 'stafett_app') ORDER BY rolname`,
      );
      expect(roles).toEqual([
        { rolname: 'stafett_api', rolsuper: false, rolbypassrls: false },
        { rolname: 'stafett_app', rolsuper: false, rolbypassrls: false },
      ]);
      const [me] = (await app.query(`SELECT current_user AS "user", pg_has_role(current_user, 'stafett_app', 'MEMBER') AS member`)).rows;
      expect(me).toEqual({ user: 'stafett_api', member: true });
      const owned = await ownerRows(
        `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner,
                pg_has_role('stafett_api', c.relowner, 'MEMBER') AS "appIsOwner"
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
      );
      expect(owned.length).toBeGreaterThan(tables.length);
      expect(owned.filter((r) => r.appIsOwner || ['stafett_api', 'stafett_app'].includes(r.owner))).toEqual([]);
      // Migrations run as a separate owner role, which bypasses RLS (as pg_dump must); the app is not it. The audit
      // trail alone belongs to stafett_audit, which nobody logs in as (audit-ownership.spec.ts).
      expect(new Set(owned.filter((r) => r.relname !== 'audit_event').map((r) => r.owner))).toEqual(new Set(['stafett_owner']));
      expect(owned.filter((r) => r.relname === 'audit_event')).toEqual([
        { relname: 'audit_event', owner: 'stafett_audit', appIsOwner: false },
      ]);
    });

    it('deletes nothing for the app role, even with a user set who sees every row, and refuses TRUNCATE', async () => {
      const counts = async () => {
        const n: Record<string, number> = {};
        for (const table of tables) n[table] = await count(owner, table);
        return n;
      };
      const before = await counts();
      for (const table of tables) {
        const deleted = await asApp(kari(), async (c) => {
          expect(await count(c, table)).toBeGreaterThan(0);
          return (await c.query(`DELETE FROM ${table}`)).rowCount;
        });
        expect([table, deleted]).toEqual([table, 0]);
        await expect(queryOnce(db.appUrl, `TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
      }
      expect(await counts()).toEqual(before);
    });

    it('sees no row of any case or level-0 table without an acting user, though the rows exist', async () => {
      for (const table of LEVEL0_TABLES) {
        // In both municipalities.
        const municipalities = await ownerRows(`SELECT DISTINCT municipality_id AS m FROM ${table}`);
        expect([table, new Set(municipalities.map((r) => r.m))]).toEqual([table, new Set([m, nabo.m])]);
      }
      for (const table of tables) {
        expect([table, (await count(owner, table)) > 0]).toEqual([table, true]);
        // Outside a transaction, nothing set at all.
        expect([table, await count(app, table)]).toEqual([table, 0]);
        // A transaction that sets only the municipality: still nobody, no unit, no child.
        const tenantOnly = await asApp(null, async (c) => {
          await c.query(`SELECT set_config('stafett.municipality_id', $1, true)`, [m]);
          return count(c, table);
        });
        expect([table, tenantOnly]).toEqual([table, 0]);
        // Only who is signed in (a session being resolved), for a member of staff: nothing either.
        const signedInOnly = await asApp(null, async (c) => {
          await c.query(`SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true)`, [m, users.kari]);
          return count(c, table);
        });
        // A user's own keys are theirs in any transaction of theirs (an administrator works in no unit).
        expect([table, signedInOnly]).toEqual([table, OWN_ROWS_TABLES.includes(table) ? 1 : 0]);
      }
    });
  });

  describe('with the acting user set', () => {
    it('shows a unit without a grant no row of the case', async () => {
      await asApp(nina(), async (c) => {
        for (const [table, key] of [
          ['coordinated_case', 'id'],
          ['case_log_entry', 'case_id'],
          ['case_measure', 'case_id'],
          ['case_participant', 'case_id'],
          ['consent', 'case_id'],
          ['case_access_grant', 'case_id'],
        ]) {
          for (const caseId of Object.values(cases)) {
            const rows = (await c.query(`SELECT * FROM ${table} WHERE ${key} = $1`, [caseId])).rows;
            expect([table, caseId, rows.length]).toEqual([table, caseId, 0]);
          }
        }
      });
    });

    it('shows a unit with a grant the case, its log and its measures — only while the consent is active and names it', async () => {
      await asApp(hanne(), async (c) => {
        expect((await c.query('SELECT * FROM coordinated_case')).rows.map((r) => r.id)).toEqual([cases.a]);
        expect((await c.query('SELECT * FROM case_log_entry WHERE case_id = $1', [cases.a])).rows).toHaveLength(1);
        expect((await c.query('SELECT * FROM case_measure WHERE case_id = $1', [cases.a])).rows).toHaveLength(1);
        expect((await c.query('SELECT * FROM consent_answer')).rows).toHaveLength(1);
        // Withdrawn (C) and excluding her (D): nothing, though her unit takes part in both.
        for (const caseId of [cases.b, cases.c, cases.d])
          for (const table of ['case_log_entry', 'case_measure', 'case_goal', 'consent'])
            expect([table, await count(c, table, 'case_id = $1', [caseId])]).toEqual([table, 0]);
      });
      // The owning unit sees all four.
      await asApp(kari(), async (c) => {
        expect(new Set((await c.query('SELECT id FROM coordinated_case')).rows.map((r) => r.id))).toEqual(new Set(Object.values(cases)));
      });
      // A colleague of Hanne's in the same unit, not excluded, sees D.
      await asApp({ ...hanne(), userId: randomUUID() }, async (c) => {
        expect(new Set((await c.query('SELECT id FROM coordinated_case')).rows.map((r) => r.id))).toEqual(new Set([cases.a, cases.d]));
      });
    });

    it('never shows another unit’s private notes, whatever the query asks', async () => {
      await asApp(hanne(), async (c) => {
        expect((await c.query('SELECT text FROM case_private_note')).rows).toEqual([{ text: 'Helsestasjonens eget notat' }]);
        expect(await count(c, 'case_private_note', 'unit_id = $1', [units.sentrum])).toBe(0);
      });
      await asApp(kari(), async (c) => {
        const texts = (await c.query('SELECT DISTINCT text FROM case_private_note')).rows.map((r) => r.text);
        expect(texts).toEqual(['Barnehagens eget notat']);
        expect(await count(c, 'case_private_note', 'unit_id = $1', [units.health])).toBe(0);
      });
    });

    it('keeps to the acting municipality even with unit ids of another one', async () => {
      await asApp({ ...kari(), municipalityId: randomUUID() }, async (c) => {
        for (const table of [...CASE_CONTENT_TABLES, ...LEVEL0_TABLES]) expect([table, await count(c, table)]).toEqual([table, 0]);
      });
    });

    it('shows the family their child’s case through the child ids alone', async () => {
      await asApp({ municipalityId: m, userId: users.anne, unitIds: [], childIds: [emma] }, async (c) => {
        expect(await count(c, 'coordinated_case')).toBe(4);
        expect(await count(c, 'case_private_note')).toBe(0);
      });
    });

    // stafett_case_access_rule() reads past every policy (SECURITY DEFINER): only the owner, and the rebuild
    // running as the owner, may call it; the app role may call the rebuild, which checks the acting municipality.
    it('lets the app role learn nothing about a case through the SECURITY DEFINER functions with nobody acting', async () => {
      expect((await app.query('SELECT stafett_case_visible($1, $2) AS v', [m, cases.a])).rows).toEqual([{ v: false }]);
      await expect(app.query('SELECT stafett_refresh_case_access($1)', [cases.a])).rejects.toThrow(/no such case/);
      await expect(app.query('SELECT * FROM stafett_case_access_rule($1)', [cases.a])).rejects.toThrow(/permission denied/);
    });
  });

  describe('level 0 with the acting user set', () => {
    const staff = (userId: string, unit: string, more: Partial<Actor> = {}): Actor => ({
      municipalityId: m,
      userId,
      unitIds: [unit],
      ...more,
    });
    const siri = () => staff(users.siri, units.sentrum);
    const ola = () => staff(users.ola, units.sentrum, { leaderUnitIds: [units.sentrum] });
    const per = () => staff(users.per, units.school, { leaderUnitIds: [units.school] });
    const eva = () => staff(users.eva, units.ppt);
    const jon = () => staff(users.jon, units.barnevern, { childWelfare: true });
    const lise = (): Actor => ({ municipalityId: m, userId: users.lise, unitIds: [] });
    const anne = (): Actor => ({ municipalityId: m, userId: users.anne, unitIds: [], childIds: [emma] });
    // Geir has no parental responsibility: the principal names no child of his family.
    const geir = (): Actor => ({ municipalityId: m, userId: users.geir, unitIds: [] });
    const sofieYouth = (): Actor => ({ municipalityId: m, userId: users.sofie, unitIds: [], childIds: [sofie], youthChildIds: [sofie] });
    const naboTeacher = (): Actor => ({ municipalityId: nabo.m, userId: nabo.teacher, unitIds: [nabo.unit] });
    const ids = async (actor: Actor, table: string, column = 'id') =>
      asApp(actor, async (c) => new Set((await c.query(`SELECT ${column} AS id FROM ${table}`)).rows.map((r) => r.id as string)));

    it('shows a concern to its author and the unit’s leaders, to colleagues only once shared, and to nobody else', async () => {
      const { concernUnshared: unshared, concernShared: shared } = level0;
      for (const [who, actor, seen] of [
        ['kari (author)', kari(), [unshared, shared]],
        ['ola (leader)', ola(), [unshared, shared]],
        ['siri (colleague)', siri(), [shared]],
        ['nina (other unit)', nina(), []],
        ['per (leader of another unit)', per(), []],
        ['hanne (invited to a discussion, reads a case of Emma’s)', hanne(), []],
        ['jon (child welfare)', jon(), []],
        ['lise (admin)', lise(), []],
        ['anne (Emma’s mother)', anne(), []],
        ['kari with another municipality', { ...kari(), municipalityId: nabo.m }, []],
      ] as Array<[string, Actor, string[]]>)
        expect([who, await ids(actor, 'concern')]).toEqual([who, new Set(seen)]);
      expect(await ids(naboTeacher(), 'concern')).toHaveProperty('size', 1);
    });

    it('lets the author and the unit’s leaders change a concern, and writes one only as oneself in one’s own unit', async () => {
      const update = (actor: Actor) =>
        asApp(
          actor,
          async (c) => (await c.query(`UPDATE concern SET version = version + 1 WHERE id = $1`, [level0.concernShared])).rowCount,
        );
      expect(await update(kari())).toBe(1);
      expect(await update(ola())).toBe(1);
      expect(await update(siri())).toBe(0);
      expect(await update(nina())).toBe(0);
      const insert = (actor: Actor, unit: string, author: string) =>
        asApp(actor, (c) =>
          c.query(
            `INSERT INTO concern (municipality_id, unit_id, child_id, author_user_id, arose_on, observed_by, description, categories, decision_due_on)
             VALUES ($1, $2, $3, $4, current_date, 'x', 'y', '{}', current_date + 14)`,
            [m, unit, emma, author],
          ),
        );
      await expect(insert(kari(), units.sentrum, users.kari)).resolves.toBeDefined();
      await expect(insert(kari(), units.school, users.kari)).rejects.toThrow(/row-level security/);
      await expect(insert(kari(), units.sentrum, users.siri)).rejects.toThrow(/row-level security/);
      // Nor can a concern be moved out of one's scope, nor be changed by staff who work in no unit.
      await expect(
        asApp(kari(), (c) => c.query(`UPDATE concern SET author_user_id = $2 WHERE id = $1`, [level0.concernUnshared, users.siri])),
      ).rejects.toThrow(/row-level security/);
      expect(await update({ ...kari(), unitIds: [] })).toBe(0);
    });

    it('shows and writes Idempotency-Keys only as their own user, in the acting municipality', async () => {
      expect(await ids(kari(), 'idempotency_key', 'key_hash')).toEqual(new Set(['kari']));
      for (const actor of [hanne(), ola(), { ...kari(), municipalityId: nabo.m }, { ...naboTeacher(), userId: users.kari }])
        expect(await ids(actor, 'idempotency_key', 'key_hash')).toEqual(new Set());
      expect(await ids(naboTeacher(), 'idempotency_key', 'key_hash')).toEqual(new Set(['nils']));
      const insert = (actor: Actor, user: string) =>
        asApp(actor, (c) =>
          c.query(
            `INSERT INTO idempotency_key (municipality_id, user_id, key_hash, method, route, request_hash, resource_type, resource_id, response_status)
             VALUES ($1, $2, 'new', 'POST', '/api/concerns', 'body', 'concern', gen_random_uuid(), 201)`,
            [m, user],
          ),
        );
      await expect(insert(kari(), users.kari)).resolves.toBeDefined();
      await expect(insert(kari(), users.hanne)).rejects.toThrow(/row-level security/);
      const overwrite = (actor: Actor) =>
        asApp(actor, async (c) => (await c.query(`UPDATE idempotency_key SET request_hash = 'other' WHERE key_hash = 'kari'`)).rowCount);
      expect(await overwrite(hanne())).toBe(0);
      expect(await overwrite(kari())).toBe(1);
    });

    it('shows a report to its reporter, the leaders of the reporter’s unit and child welfare; only child welfare handles it', async () => {
      const { reportKari, reportNina } = level0;
      for (const [who, actor, seen] of [
        ['kari (reporter)', kari(), [reportKari]],
        ['ola (leader of the reporter’s unit)', ola(), [reportKari]],
        ['nina (reporter)', nina(), [reportNina]],
        ['per (leader of the reporter’s unit)', per(), [reportNina]],
        ['jon (child welfare)', jon(), [reportKari, reportNina]],
        ['siri (colleague)', siri(), []],
        ['hanne', hanne(), []],
        ['lise (admin)', lise(), []],
        ['anne (Emma’s mother)', anne(), []],
        ['jon without his unit', { ...jon(), unitIds: [] }, []],
      ] as Array<[string, Actor, string[]]>)
        expect([who, await ids(actor, 'child_welfare_report')]).toEqual([who, new Set(seen)]);
      // Acting in the other municipality, child welfare reads its reports, never this one's.
      expect(await asApp({ ...jon(), municipalityId: nabo.m }, (c) => count(c, 'child_welfare_report', 'municipality_id = $1', [m]))).toBe(
        0,
      );
      expect(await asApp({ ...jon(), municipalityId: nabo.m }, (c) => count(c, 'child_welfare_report'))).toBe(1);
      const review = (actor: Actor) =>
        asApp(
          actor,
          async (c) => (await c.query(`UPDATE child_welfare_report SET reviewed_at = now() WHERE id = $1`, [reportKari])).rowCount,
        );
      expect(await review(kari())).toBe(0);
      expect(await review(ola())).toBe(0);
      expect(await review(jon())).toBe(1);
    });

    it('shows a discussion, its invitations and its advice to the author, the author’s colleagues and invited units', async () => {
      const { discussion, otherDiscussion, advice } = level0;
      for (const [who, actor, seen] of [
        ['kari (author)', kari(), [discussion]],
        ['siri (colleague)', siri(), [discussion]],
        ['ola (colleague, leader)', ola(), [discussion]],
        ['hanne (invited unit)', hanne(), [discussion]],
        ['nina (author of the other)', nina(), [otherDiscussion]],
        ['eva (invited to the other)', eva(), [otherDiscussion]],
        ['jon (not invited)', jon(), []],
        ['anne', anne(), []],
        ['kari with another municipality', { ...kari(), municipalityId: nabo.m }, []],
      ] as Array<[string, Actor, string[]]>) {
        expect([who, await ids(actor, 'anonymous_discussion')]).toEqual([who, new Set(seen)]);
        expect([who, await ids(actor, 'discussion_invitation', 'discussion_id')]).toEqual([who, new Set(seen)]);
        expect([who, await ids(actor, 'discussion_advice')]).toEqual([who, new Set(seen.includes(discussion) ? [advice] : [])]);
      }
      const advise = (actor: Actor, unit: string) =>
        asApp(actor, (c) =>
          c.query(
            `INSERT INTO discussion_advice (municipality_id, discussion_id, author_user_id, author_unit_id, text) VALUES ($1, $2, $3, $4, 'Råd')`,
            [m, discussion, actor.userId, unit],
          ),
        );
      await expect(advise(hanne(), units.health)).resolves.toBeDefined();
      await expect(advise(kari(), units.sentrum)).resolves.toBeDefined();
      // A colleague reads but does not take part; an invited nurse advises only for her own unit.
      await expect(advise(siri(), units.sentrum)).rejects.toThrow(/row-level security/);
      await expect(advise(hanne(), units.ppt)).rejects.toThrow(/row-level security/);
      await expect(advise(nina(), units.school)).rejects.toThrow(/row-level security/);
      const invite = (actor: Actor) =>
        asApp(actor, (c) =>
          c.query(`INSERT INTO discussion_invitation (municipality_id, discussion_id, unit_id) VALUES ($1, $2, $3)`, [
            m,
            discussion,
            units.ppt,
          ]),
        );
      await expect(invite(kari())).resolves.toBeDefined();
      await expect(invite(hanne())).rejects.toThrow(/row-level security/);
      const close = (actor: Actor) =>
        asApp(
          actor,
          async (c) => (await c.query(`UPDATE anonymous_discussion SET status = 'closed' WHERE id = $1`, [discussion])).rowCount,
        );
      expect(await close(siri())).toBe(0);
      expect(await close(kari())).toBe(1);
    });

    it('shows a child to its units’ staff, its family, and those who reach it through a case, concern or report', async () => {
      const naboChild = nabo.child;
      for (const [who, actor, seen] of [
        ['kari (Emma’s kindergarten)', kari(), [emma]],
        ['siri (Emma’s kindergarten)', siri(), [emma]],
        ['nina (Lucas’ and Sofie’s school)', nina(), [lucas, sofie]],
        // Through case A, where the health station takes part on an active consent.
        ['hanne (a case of Emma’s)', hanne(), [emma]],
        ['hanne without her unit', { ...hanne(), unitIds: [] }, []],
        // Through the reports: child welfare reads the child a report is about, nothing else.
        ['jon (child welfare)', jon(), [emma, lucas]],
        ['eva (PPT)', eva(), []],
        ['lise (admin)', lise(), []],
        ['anne (Emma’s mother)', anne(), [emma]],
        ['geir (no parental responsibility)', geir(), []],
        ['sofie (youth)', sofieYouth(), [sofie]],
        ['kari with another municipality', { ...kari(), municipalityId: nabo.m }, []],
        ['nils (Nabodal)', naboTeacher(), [naboChild]],
      ] as Array<[string, Actor, string[]]>)
        expect([who, await ids(actor, 'child')]).toEqual([who, new Set(seen)]);
      // A concern alone reaches the child once it is no longer enrolled in the author's unit (Nabodal has no case).
      await owner.query(`UPDATE enrolment SET valid_to = current_date - 1 WHERE child_id = $1`, [naboChild]);
      try {
        expect(await ids(naboTeacher(), 'child')).toEqual(new Set([naboChild]));
        // A colleague through the shared concern; the enrolment itself is no longer current.
        expect(await ids({ ...naboTeacher(), userId: randomUUID() }, 'child')).toEqual(new Set([naboChild]));
        expect(await ids({ ...naboTeacher(), userId: randomUUID(), unitIds: [randomUUID()] }, 'child')).toEqual(new Set());
      } finally {
        await owner.query(`UPDATE enrolment SET valid_to = NULL WHERE child_id = $1`, [naboChild]);
      }
    });

    it('shows guardianships of a visible child, and a guardian their own', async () => {
      const guardians = async (actor: Actor) =>
        asApp(
          actor,
          async (c) => new Set((await c.query(`SELECT guardian_user_id AS id FROM guardianship`)).rows.map((r) => r.id as string)),
        );
      expect(await guardians(kari())).toEqual(new Set([users.anne, users.erik]));
      expect(await guardians(anne())).toEqual(new Set([users.anne, users.erik]));
      expect(await guardians(nina())).toEqual(new Set([users.maria, users.geir, users.linda]));
      expect(await guardians(geir())).toEqual(new Set([users.geir]));
      expect(await guardians(eva())).toEqual(new Set());
      expect(await guardians(lise())).toEqual(new Set());
    });

    it('shows enrolments of a visible child; staff enrol only in their own unit, and a citizen registers no child', async () => {
      expect(await ids(kari(), 'enrolment', 'child_id')).toEqual(new Set([emma]));
      expect(await ids(nina(), 'enrolment', 'child_id')).toEqual(new Set([lucas, sofie]));
      expect(await ids(anne(), 'enrolment', 'child_id')).toEqual(new Set([emma]));
      expect(await ids(eva(), 'enrolment', 'child_id')).toEqual(new Set());
      const enrol = (actor: Actor, unit: string) =>
        asApp(actor, (c) =>
          c.query(`INSERT INTO enrolment (municipality_id, child_id, unit_id, valid_from) VALUES ($1, $2, $3, current_date)`, [
            m,
            lucas,
            unit,
          ]),
        );
      await expect(enrol(kari(), units.sentrum)).resolves.toBeDefined();
      await expect(enrol(kari(), units.school)).rejects.toThrow(/row-level security/);
      const register = (actor: Actor, municipality = m) =>
        asApp(actor, (c) =>
          c.query(`INSERT INTO child (municipality_id, given_name, family_name, birth_date) VALUES ($1, 'Ny', 'Elev', '2019-01-01')`, [
            municipality,
          ]),
        );
      await expect(register(kari())).resolves.toBeDefined();
      await expect(register(anne())).rejects.toThrow(/row-level security/);
      await expect(register(kari(), nabo.m)).rejects.toThrow(/row-level security/);
      // Nothing written by the app role deletes a thing.
      expect(await asApp(kari(), async (c) => (await c.query(`DELETE FROM child WHERE id = $1`, [emma])).rowCount)).toBe(0);
    });

    it('while a session is resolved (only municipality and user set): own guardianships and the youth’s own record, nothing else', async () => {
      const signedIn = (userId: string) =>
        asApp(null, async (c) => {
          await c.query(`SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true)`, [m, userId]);
          const rows = async (sql: string) => (await c.query(sql)).rows.map((r) => r.id as string);
          return {
            guardianOf: await rows(`SELECT child_id AS id FROM guardianship WHERE guardian_user_id = '${userId}'`),
            children: await rows(`SELECT id FROM child`),
            ownRecord: await rows(`SELECT id FROM child WHERE national_id = stafett_acting_national_id()`),
            concerns: await rows(
              `SELECT id FROM concern UNION ALL SELECT id FROM child_welfare_report UNION ALL SELECT id FROM anonymous_discussion`,
            ),
          };
        });
      expect(await signedIn(users.anne)).toEqual({ guardianOf: [emma], children: [], ownRecord: [], concerns: [] });
      expect(await signedIn(users.geir)).toEqual({ guardianOf: [lucas], children: [], ownRecord: [], concerns: [] });
      expect(await signedIn(users.sofie)).toEqual({ guardianOf: [], children: [sofie], ownRecord: [sofie], concerns: [] });
      expect(await signedIn(users.kari)).toEqual({ guardianOf: [], children: [], ownRecord: [], concerns: [] });
      // A disabled citizen is nobody.
      await owner.query(`UPDATE app_user SET active = false WHERE id = $1`, [users.sofie]);
      try {
        expect((await signedIn(users.sofie)).children).toEqual([]);
      } finally {
        await owner.query(`UPDATE app_user SET active = true WHERE id = $1`, [users.sofie]);
      }
    });

    it('lets the level-0 SECURITY DEFINER functions answer nothing with nobody acting, and only about the acting scope', async () => {
      const [emmaId] = await ownerRows(`SELECT national_id FROM child WHERE id = $1`, [emma]);
      const one = async (sql: string, params: unknown[] = []) => (await app.query(sql, params)).rows[0].v;
      expect(await one(`SELECT stafett_acting_national_id() AS v`)).toBeNull();
      expect(await one(`SELECT stafett_enrolled_in_acting_unit($1, $2) AS v`, [m, emma])).toBe(false);
      expect(await one(`SELECT stafett_discussion_role($1, $2) AS v`, [m, level0.discussion])).toBeNull();
      expect(await one(`SELECT stafett_concern_reported($1) AS v`, [level0.concernUnshared])).toBe(false);
      expect(await one(`SELECT stafett_child_by_national_id($1) AS v`, [emmaId.national_id])).toBeNull();
      await asApp(kari(), async (c) => {
        expect((await c.query(`SELECT stafett_child_by_national_id($1) AS v`, [emmaId.national_id])).rows[0].v).toBe(emma);
        expect((await c.query(`SELECT stafett_discussion_role($1, $2) AS v`, [m, level0.discussion])).rows[0].v).toBe('author');
      });
      // The lookup by identity number is for staff registering a concern, in their own municipality only.
      await asApp(anne(), async (c) =>
        expect((await c.query(`SELECT stafett_child_by_national_id($1) AS v`, [emmaId.national_id])).rows[0].v).toBeNull(),
      );
      await asApp({ ...kari(), municipalityId: nabo.m }, async (c) =>
        expect((await c.query(`SELECT stafett_child_by_national_id($1) AS v`, [emmaId.national_id])).rows[0].v).toBeNull(),
      );
      await asApp(hanne(), async (c) =>
        expect((await c.query(`SELECT stafett_discussion_role($1, $2) AS v`, [m, level0.discussion])).rows[0].v).toBe('invited'),
      );
      await asApp(siri(), async (c) =>
        expect((await c.query(`SELECT stafett_discussion_role($1, $2) AS v`, [m, level0.discussion])).rows[0].v).toBe('colleague'),
      );
      // A youth's first sign-in: a user for a child from 12 who is not one yet; never for a younger child, never twice.
      const first = async (nationalId: string) => (await app.query(`SELECT * FROM stafett_youth_first_sign_in($1)`, [nationalId])).rows;
      expect(await first(emmaId.national_id)).toEqual([]);
      expect(await first((await ownerRows(`SELECT national_id FROM child WHERE id = $1`, [sofie]))[0].national_id)).toEqual([]);
      const born = new Date(Date.now() - 13.5 * 365.25 * 86_400_000).toISOString().slice(0, 10);
      const jonas = syntheticNationalId(born, 611);
      await ownerRows(
        `INSERT INTO child (municipality_id, given_name, family_name, birth_date, national_id) VALUES ($1, 'Jonas', 'Berg', $2, $3)`,
        [m, born, jonas],
      );
      const created = await first(jonas);
      expect(created).toEqual([{ id: expect.any(String), municipality_id: m }]);
      expect(await ownerRows(`SELECT kind, display_name FROM app_user WHERE id = $1`, [created[0].id])).toEqual([
        { kind: 'citizen', display_name: 'Jonas Berg' },
      ]);
      expect(await first(jonas)).toEqual([]);
    });
  });

  describe('pooled connections', () => {
    let pool: Pool;
    beforeAll(() => {
      pool = new Pool({ connectionString: db.appUrl, max: 1 });
    });
    afterAll(() => pool?.end());

    const settled = async () => {
      const [row] = (
        await pool.query(
          `SELECT pg_backend_pid() AS pid, COALESCE(current_setting('stafett.user_id', true), '') AS "user",
                  COALESCE(current_setting('stafett.unit_ids', true), '') || COALESCE(current_setting('stafett.leader_unit_ids', true), '') AS units,
                  COALESCE(current_setting('stafett.child_welfare', true), '') AS "childWelfare",
                  (SELECT count(*)::int FROM coordinated_case) AS cases,
                  (SELECT count(*)::int FROM child) + (SELECT count(*)::int FROM child_welfare_report) + (SELECT count(*)::int FROM concern) AS level0`,
        )
      ).rows;
      return row as { pid: number; user: string; units: string; childWelfare: string; cases: number; level0: number };
    };
    const nothingSet = (pid: number) => ({ pid, user: '', units: '', childWelfare: '', cases: 0, level0: 0 });

    it('carries no user into the next query after a transaction that failed and rolled back', async () => {
      const client = await pool.connect();
      let pid: number;
      try {
        pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await client.query('BEGIN');
        await client.query(ACT_AS, actParams({ ...kari(), leaderUnitIds: [units.sentrum], childWelfare: true }));
        expect(await count(client, 'coordinated_case')).toBe(4);
        expect(await count(client, 'child_welfare_report')).toBeGreaterThan(1);
        await expect(client.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      expect(await settled()).toEqual(nothingSet(pid));
    });

    it('carries no user into the next query after a committed transaction', async () => {
      const client = await pool.connect();
      let pid: number;
      try {
        pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await client.query('BEGIN');
        await client.query(ACT_AS, actParams(hanne()));
        expect(await count(client, 'coordinated_case')).toBe(1);
        expect(await count(client, 'child')).toBe(1);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      expect(await settled()).toEqual(nothingSet(pid));
    });

    it('sets through actAs() exactly what this spec sets, derived from the principal as the scopes derive it', async () => {
      const dataSource = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 1 } })).initialize();
      try {
        const settingsOf = async (em: EntityManager) => ((await em.query(READ_SETTINGS)) as Array<Record<string, string>>)[0];
        const principal: Principal = {
          userId: users.jon,
          municipalityId: m,
          kind: 'staff',
          displayName: 'Jon Vik',
          roles: [
            { role: 'unit_leader', unitId: units.barnevern, serviceId: null, serviceKind: 'child_welfare' },
            { role: 'staff', unitId: units.ppt, serviceId: null, serviceKind: 'ppt' },
            { role: 'admin', unitId: null, serviceId: null, serviceKind: null },
          ],
          guardianOf: [],
          youthOf: [],
        };
        const tx = new ActingTransactions(dataSource, new AuditService({ auditHmacKey: 'rls-spec-key' } as AppConfig));
        const actor: Actor = {
          municipalityId: m,
          userId: users.jon,
          unitIds: [units.barnevern, units.ppt],
          leaderUnitIds: [units.barnevern],
          childWelfare: true,
        };
        const expected = await asApp(actor, async (c) => (await c.query(READ_SETTINGS)).rows[0]);
        expect(await tx.run({ principal }, (em) => settingsOf(em))).toEqual(expected);
        const family: Principal = {
          ...principal,
          userId: users.anne,
          kind: 'citizen',
          roles: [],
          guardianOf: [
            { childId: emma, parentalResponsibility: true },
            { childId: lucas, parentalResponsibility: false },
          ],
        };
        expect(await tx.run({ principal: family }, (em) => settingsOf(em))).toEqual({
          municipality_id: m,
          user_id: users.anne,
          unit_ids: '{}',
          leader_unit_ids: '{}',
          child_ids: `{${emma}}`,
          youth_child_ids: '{}',
          child_welfare: '',
        });
        // And the session's narrow path (stafett_signed_in_principal) sets the two it needs for its own statement only:
        // the user's own guardianships come back, and the next statement on the connection has nothing set.
        const [own] = await dataSource.query('SELECT roles, guardian_of, youth_of FROM stafett_signed_in_principal($1, $2, true, 16)', [
          m,
          users.anne,
        ]);
        expect(own.roles).toEqual([]);
        expect(own.youth_of).toEqual([]);
        expect((own.guardian_of as Array<{ childId: string }>).map((g) => g.childId).sort()).toEqual(
          (await owner.query('SELECT child_id FROM guardianship WHERE guardian_user_id = $1 ORDER BY child_id', [users.anne])).rows.map(
            (r: { child_id: string }) => r.child_id,
          ),
        );
        expect(own.guardian_of.length).toBeGreaterThan(0);
        expect(await dataSource.query(READ_SETTINGS)).toEqual([Object.fromEntries(SETTINGS.map((n) => [n, '']))]);
      } finally {
        await dataSource.destroy();
      }
    });

    it('does the same through the application’s own ActingTransactions on a one-connection pool', async () => {
      const dataSource = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 1 } })).initialize();
      try {
        const tx = new ActingTransactions(dataSource, new AuditService({ auditHmacKey: 'rls-spec-key' } as AppConfig));
        const principal: Principal = {
          userId: users.kari,
          municipalityId: m,
          kind: 'staff',
          displayName: 'Kari Larsen',
          roles: [{ role: 'staff', unitId: units.sentrum, serviceId: null, serviceKind: 'kindergarten' }],
          guardianOf: [],
          youthOf: [],
        };
        const cases_ = async () => Number((await dataSource.query('SELECT count(*) AS n FROM coordinated_case'))[0].n);
        const pid = async () => (await dataSource.query('SELECT pg_backend_pid() AS pid'))[0].pid as number;
        const first = await pid();
        await expect(
          tx.run({ principal }, async (em) => {
            expect(Number((await em.query('SELECT count(*) AS n FROM coordinated_case'))[0].n)).toBe(4);
            await em.query('SELECT 1/0');
          }),
        ).rejects.toThrow(/division by zero/);
        expect(await cases_()).toBe(0);
        expect(await tx.run({ principal }, async (em) => Number((await em.query('SELECT count(*) AS n FROM coordinated_case'))[0].n))).toBe(
          4,
        );
        expect(await cases_()).toBe(0);
        expect(await pid()).toBe(first);
      } finally {
        await dataSource.destroy();
      }
    });
  });

  describe('index-driven policies on national-scale shape (S10)', () => {
    /** A school unit holding some of the 5,000 cases' grants, and a staff member acting in it. */
    let unit: string;
    let actor: Actor;
    let grantIndexes: string[];

    beforeAll(async () => {
      const [school] = await ownerRows(`SELECT service_id AS id FROM unit WHERE id = $1`, [units.school]);
      const created = await ownerRows(
        `INSERT INTO unit (municipality_id, service_id, name) SELECT $1, $2, 'Skole ' || i FROM generate_series(1, 50) i RETURNING id`,
        [m, school.id],
      );
      const unitIds = created.map((r) => r.id as string);
      unit = unitIds[7];
      actor = { municipalityId: m, userId: randomUUID(), unitIds: [unit] };
      await owner.query('BEGIN');
      try {
        await owner.query(
          `CREATE TEMP TABLE bulk ON COMMIT DROP AS
           SELECT i, gen_random_uuid() AS child_id, gen_random_uuid() AS case_id, gen_random_uuid() AS guardian_id,
                  ($1::uuid[])[1 + i % 50] AS owner_unit, ($1::uuid[])[1 + (i * 7 + 3) % 50] AS other_unit
             FROM generate_series(1, 5000) i`,
          [unitIds],
        );
        await owner.query(
          `INSERT INTO child (id, municipality_id, given_name, family_name, birth_date) SELECT child_id, $1, 'Barn', 'Nr ' || i, date '2015-01-01' + i FROM bulk`,
          [m],
        );
        await owner.query(
          `INSERT INTO coordinated_case (id, municipality_id, child_id, owner_unit_id, level, coordinator_user_id, coordinator_unit_id, opened_by_user_id)
         SELECT case_id, $1, child_id, owner_unit, 1, $2, owner_unit, $2 FROM bulk`,
          [m, users.nina],
        );
        await owner.query(
          `INSERT INTO case_participant (municipality_id, case_id, unit_id, role, from_on, joined_by_user_id)
         SELECT $1::uuid, case_id, owner_unit, 'coordinating', current_date, $2::uuid FROM bulk
         UNION ALL SELECT $1::uuid, case_id, other_unit, 'measures', current_date, $2::uuid FROM bulk WHERE other_unit <> owner_unit`,
          [m, users.nina],
        );
        await owner.query(
          `INSERT INTO case_log_entry (municipality_id, case_id, kind, text, category, author_user_id)
         SELECT $1, case_id, 'note', 'Notat ' || i, 'wellbeing', $2 FROM bulk`,
          [m, users.nina],
        );
        // Level 0: each child enrolled in its case's owning unit, a concern about it there, and a guardian.
        await owner.query(
          `INSERT INTO enrolment (municipality_id, child_id, unit_id, group_name, valid_from) SELECT $1, child_id, owner_unit, '1A', current_date - 30 FROM bulk`,
          [m],
        );
        await owner.query(
          `INSERT INTO concern (municipality_id, unit_id, child_id, author_user_id, arose_on, observed_by, description, categories, decision_due_on)
           SELECT $1, owner_unit, child_id, $2, current_date - 1, 'Lærer', 'Bekymring ' || i, '{wellbeing}', current_date + 13 FROM bulk`,
          [m, users.nina],
        );
        await owner.query(
          `INSERT INTO app_user (id, municipality_id, kind, display_name, active) SELECT guardian_id, $1, 'citizen', 'Forelder ' || i, true FROM bulk`,
          [m],
        );
        await owner.query(
          `INSERT INTO guardianship (municipality_id, child_id, guardian_user_id, has_parental_responsibility)
           SELECT $1, child_id, guardian_id, true FROM bulk`,
          [m],
        );
        // The grants exactly as the rule gives them.
        await owner.query(
          `INSERT INTO case_access_grant (municipality_id, case_id, unit_id, participant_id, basis, consent_id, valid_from, valid_to, categories, excluded_user_ids, service_ids)
         SELECT r.* FROM bulk b CROSS JOIN LATERAL stafett_case_access_rule(b.case_id) r`,
        );
        await owner.query('COMMIT');
      } catch (error) {
        await owner.query('ROLLBACK');
        throw error;
      }
      for (const table of [
        'child',
        'coordinated_case',
        'case_participant',
        'case_access_grant',
        'case_log_entry',
        'enrolment',
        'concern',
        'guardianship',
        'app_user',
      ])
        await owner.query(`ANALYZE ${table}`);
      grantIndexes = (await ownerRows(`SELECT indexname FROM pg_indexes WHERE tablename = 'case_access_grant'`)).map((r) => r.indexname);
      expect(await count(owner, 'case_access_grant')).toBeGreaterThan(9000);
      expect(await count(owner, 'case_access_grant', 'unit_id = $1', [unit])).toBeGreaterThan(100);
    }, 60000);

    /** The app's own "my cases" selector (the projection `case_view`) for the staff member acting in `unit`. */
    const myCases = `SELECT k.id FROM coordinated_case k ${caseView('k')}`;

    interface PlanNode {
      'Node Type': string;
      'Relation Name'?: string;
      'Index Name'?: string;
      Plans?: PlanNode[];
    }
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

    async function explain(sql: string, params: unknown[]) {
      return asApp(actor, async (c) => {
        const rows = (await c.query(sql, params)).rows;
        const [{ 'QUERY PLAN': plan }] = (await c.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows;
        return { rows, all: nodes(plan[0].Plan as PlanNode) };
      });
    }

    it('answers "my cases" — the app’s projection under the RLS policy — from the grant index, never a scan of the grants', async () => {
      const { rows, all } = await explain(myCases, []);
      expect(rows.length).toBe(await count(owner, 'case_access_grant', 'unit_id = $1', [unit]));
      const onGrants = all.filter((n) => n['Relation Name'] === 'case_access_grant');
      expect(onGrants.length).toBeGreaterThan(0);
      expect(onGrants.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
      expect(all.some((n) => /Index/.test(n['Node Type']) && grantIndexes.includes(n['Index Name'] ?? ''))).toBe(true);
    });

    // An OR of the staff and the family branch would make PostgreSQL read every case of the municipality and
    // probe a subplan per row; the projection is a UNION ALL of the two, each driven by its own index.
    it('selects "my cases" from the grant index rather than by reading every case of the municipality', async () => {
      const { all } = await explain(myCases, []);
      expect(all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
    });

    it('answers the bare grant query of S10 from the grant index too', async () => {
      const { rows, all } = await explain(
        `SELECT k.id FROM coordinated_case k WHERE k.municipality_id = $1 AND EXISTS (
           SELECT 1 FROM case_access_grant g WHERE g.municipality_id = k.municipality_id AND g.unit_id = ANY($2) AND g.case_id = k.id
              AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now()))`,
        [m, [unit]],
      );
      expect(rows.length).toBe(await count(owner, 'case_access_grant', 'unit_id = $1', [unit]));
      expect(all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
      expect(all.some((n) => /Index/.test(n['Node Type']) && grantIndexes.includes(n['Index Name'] ?? ''))).toBe(true);
    });

    it('reads one case’s log by index under its policy', async () => {
      const [{ id }] = await ownerRows(`SELECT case_id AS id FROM case_access_grant WHERE unit_id = $1 LIMIT 1`, [unit]);
      const { rows, all } = await explain(`SELECT l.id, l.text FROM case_log_entry l WHERE l.case_id = $1 AND l.municipality_id = $2`, [
        id,
        m,
      ]);
      expect(rows).toHaveLength(1);
      expect(all.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    });

    /** A staff principal of `unit` (a leader too, when asked), as the app's scopes see them. */
    const staffPrincipal = (leader = false): Principal => ({
      userId: actor.userId,
      municipalityId: m,
      kind: 'staff',
      displayName: 'Lærer',
      roles: [{ role: leader ? 'unit_leader' : 'staff', unitId: unit, serviceId: null, serviceKind: 'school' }],
      guardianOf: [],
      youthOf: [],
    });
    const seqScans = (all: PlanNode[]) => all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
    const usesIndexOn = (all: PlanNode[], relation: string) =>
      all.some((n) => /^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/.test(n['Node Type']) && n['Relation Name'] === relation);

    it('answers "children of my unit" — the app’s childReadScope under the child policy — from the enrolment index', async () => {
      const scope = childReadScope(staffPrincipal(), 1);
      const { rows, all } = await explain(`SELECT c.id FROM child c WHERE ${scope.sql}`, scope.params);
      expect(rows.length).toBe(await count(owner, 'enrolment', 'unit_id = $1', [unit]));
      expect(rows.length).toBeGreaterThan(50);
      expect(seqScans(all)).toEqual([]);
      expect(usesIndexOn(all, 'enrolment')).toBe(true);
      expect(usesIndexOn(all, 'child')).toBe(true);
    });

    it('reads one child by its key under the policy, and refuses one of another unit the same way', async () => {
      const [{ id: mine }] = await ownerRows(`SELECT child_id AS id FROM enrolment WHERE unit_id = $1 LIMIT 1`, [unit]);
      // A child of another unit whose case the unit takes no part in either.
      const [{ id: theirs }] = await ownerRows(
        `SELECT e.child_id AS id FROM enrolment e JOIN coordinated_case k ON k.child_id = e.child_id
          WHERE e.municipality_id = $2 AND e.unit_id <> $1 AND NOT EXISTS (SELECT 1 FROM case_access_grant g WHERE g.case_id = k.id AND g.unit_id = $1)
          LIMIT 1`,
        [unit, m],
      );
      const scope = childReadScope(staffPrincipal(), 2);
      for (const [id, n] of [
        [mine, 1],
        [theirs, 0],
      ] as const) {
        const { rows, all } = await explain(`SELECT c.id, c.given_name FROM child c WHERE c.id = $1 AND ${scope.sql}`, [
          id,
          ...scope.params,
        ]);
        expect(rows).toHaveLength(n);
        expect(seqScans(all)).toEqual([]);
      }
      // The policy alone, without the app's scope: still one key lookup, and the other unit's child stays hidden.
      const bare = await explain(`SELECT c.id FROM child c WHERE c.id = $1`, [theirs]);
      expect(bare.rows).toHaveLength(0);
      expect(seqScans(bare.all)).toEqual([]);
    });

    it('answers a leader’s concerns — the app’s concernScope under the concern policy — by index', async () => {
      const leader = { ...actor, leaderUnitIds: [unit] };
      const scope = concernScope(staffPrincipal(true), 'read', 1);
      const rows = await asApp(leader, async (c) => (await c.query(`SELECT c.id FROM concern c WHERE ${scope.sql}`, scope.params)).rows);
      expect(rows.length).toBe(await count(owner, 'concern', 'unit_id = $1', [unit]));
      const all = await asApp(leader, async (c) => {
        const [{ 'QUERY PLAN': plan }] = (
          await c.query(`EXPLAIN (FORMAT JSON) SELECT c.id FROM concern c WHERE ${scope.sql}`, scope.params)
        ).rows;
        return nodes(plan[0].Plan as PlanNode);
      });
      expect(seqScans(all)).toEqual([]);
      expect(usesIndexOn(all, 'concern')).toBe(true);
    });

    it('resolves a session’s family facts by index: a guardian’s own guardianships, a youth’s own record', async () => {
      const [{ id: guardian }] = await ownerRows(
        `SELECT g.guardian_user_id AS id FROM guardianship g JOIN enrolment e ON e.child_id = g.child_id WHERE e.unit_id = $1 LIMIT 1`,
        [unit],
      );
      const signedIn = async (userId: string, sql: string, params: unknown[]) =>
        asApp(null, async (c) => {
          await c.query(`SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true)`, [m, userId]);
          const rows = (await c.query(sql, params)).rows;
          const [{ 'QUERY PLAN': plan }] = (await c.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows;
          return { rows, all: nodes(plan[0].Plan as PlanNode) };
        });
      const guardianship = await signedIn(
        guardian,
        `SELECT child_id, has_parental_responsibility FROM guardianship WHERE guardian_user_id = $1 AND municipality_id = $2`,
        [guardian, m],
      );
      expect(guardianship.rows).toHaveLength(1);
      expect(seqScans(guardianship.all)).toEqual([]);
      const youth = await signedIn(
        users.sofie,
        `SELECT id FROM child WHERE municipality_id = $1 AND national_id = stafett_acting_national_id()`,
        [m],
      );
      expect(youth.rows).toEqual([{ id: sofie }]);
      expect(seqScans(youth.all)).toEqual([]);
      expect(usesIndexOn(youth.all, 'child')).toBe(true);
    });
  });
});
