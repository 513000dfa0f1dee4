import type { Principal } from '@stafett/domain';
import { createTestDatabase, queryOnce, TestDatabase } from '@stafett/testing';
import { randomUUID } from 'node:crypto';
import { Client, Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { caseReadScope } from '../../apps/api/src/cases/case-scope';
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

interface Actor {
  municipalityId: string;
  userId: string;
  unitIds: string[];
  childIds?: string[];
}

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;
/** The acting user for this transaction only, as actAs() sets it. */
const ACT_AS = `SELECT set_config('stafett.municipality_id', $1, true), set_config('stafett.user_id', $2, true),
                       set_config('stafett.unit_ids', $3, true), set_config('stafett.child_ids', $4, true)`;
const actParams = (a: Actor) => [a.municipalityId, a.userId, uuidArray(a.unitIds), uuidArray(a.childIds ?? [])];

describe('row-level security on case content (PostgreSQL, app role vs owner)', () => {
  let db: TestDatabase;
  let owner: Client;
  let app: Client;
  let m: string;
  let units: Record<'sentrum' | 'health' | 'school' | 'ppt', string>;
  let users: Record<'kari' | 'hanne' | 'nina' | 'eva' | 'anne', string>;
  let emma: string;
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
    };
    users = {
      kari: await id(`SELECT id FROM app_user WHERE subject = 'kari.larsen'`),
      hanne: await id(`SELECT id FROM app_user WHERE subject = 'hanne.moe'`),
      nina: await id(`SELECT id FROM app_user WHERE subject = 'nina.dahl'`),
      eva: await id(`SELECT id FROM app_user WHERE subject = 'eva.strand'`),
      anne: await id(`SELECT id FROM app_user WHERE display_name = 'Anne Nordmann'`),
    };
    emma = await id(`SELECT id FROM child WHERE given_name = 'Emma'`);
    healthService = await id(`SELECT service_id AS id FROM unit WHERE name = 'Fjordvik helsestasjon'`);
    cases = {
      a: await buildCase('active'),
      b: await buildCase(null),
      c: await buildCase('withdrawn'),
      d: await buildCase('excludes-hanne'),
    };
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
      tables = [...new Set([...CASE_CONTENT_TABLES, ...found.map((r) => r.relname as string)])].sort();
    });

    it('has row-level security enabled and forced on every table of case content', async () => {
      const rows = await ownerRows(
        `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ANY($1) ORDER BY 1`,
        [tables],
      );
      expect(rows.map((r) => r.table)).toEqual(tables);
      expect(rows.filter((r) => !r.enabled || !r.forced)).toEqual([]);
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

    it('sees no row of any case table without an acting user, though the rows exist', async () => {
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
        for (const table of CASE_CONTENT_TABLES) expect([table, await count(c, table)]).toEqual([table, 0]);
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
                  COALESCE(current_setting('stafett.unit_ids', true), '') AS units, (SELECT count(*)::int FROM coordinated_case) AS cases`,
        )
      ).rows;
      return row as { pid: number; user: string; units: string; cases: number };
    };

    it('carries no user into the next query after a transaction that failed and rolled back', async () => {
      const client = await pool.connect();
      let pid: number;
      try {
        pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await client.query('BEGIN');
        await client.query(ACT_AS, actParams(kari()));
        expect(await count(client, 'coordinated_case')).toBe(4);
        await expect(client.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      expect(await settled()).toEqual({ pid, user: '', units: '', cases: 0 });
    });

    it('carries no user into the next query after a committed transaction', async () => {
      const client = await pool.connect();
      let pid: number;
      try {
        pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await client.query('BEGIN');
        await client.query(ACT_AS, actParams(hanne()));
        expect(await count(client, 'coordinated_case')).toBe(1);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      expect(await settled()).toEqual({ pid, user: '', units: '', cases: 0 });
    });

    it('does the same through the application’s own ActingTransactions on a one-connection pool', async () => {
      const dataSource = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 1 } })).initialize();
      try {
        const tx = new ActingTransactions(dataSource);
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
           SELECT i, gen_random_uuid() AS child_id, gen_random_uuid() AS case_id,
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
        // The grants exactly as the rule gives them.
        await owner.query(
          `INSERT INTO case_access_grant (municipality_id, case_id, unit_id, participant_id, basis, consent_id, valid_from, valid_to, categories, excluded_user_ids)
         SELECT r.* FROM bulk b CROSS JOIN LATERAL stafett_case_access_rule(b.case_id) r`,
        );
        await owner.query('COMMIT');
      } catch (error) {
        await owner.query('ROLLBACK');
        throw error;
      }
      for (const table of ['child', 'coordinated_case', 'case_participant', 'case_access_grant', 'case_log_entry'])
        await owner.query(`ANALYZE ${table}`);
      grantIndexes = (await ownerRows(`SELECT indexname FROM pg_indexes WHERE tablename = 'case_access_grant'`)).map((r) => r.indexname);
      expect(await count(owner, 'case_access_grant')).toBeGreaterThan(9000);
      expect(await count(owner, 'case_access_grant', 'unit_id = $1', [unit])).toBeGreaterThan(100);
    }, 60000);

    /** The app's own "my cases" selector for the staff member acting in `unit`. */
    const myCasesScope = () =>
      caseReadScope(
        {
          userId: actor.userId,
          municipalityId: m,
          kind: 'staff',
          displayName: 'Lærer',
          roles: [{ role: 'staff', unitId: unit, serviceId: null, serviceKind: 'school' }],
          guardianOf: [],
          youthOf: [],
        },
        1,
      );

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

    it('answers "my cases" — the app’s caseReadScope under the RLS policy — from the grant index, never a scan of the grants', async () => {
      const scope = myCasesScope();
      const { rows, all } = await explain(`SELECT k.id FROM coordinated_case k WHERE ${scope.sql}`, scope.params);
      expect(rows.length).toBe(await count(owner, 'case_access_grant', 'unit_id = $1', [unit]));
      const onGrants = all.filter((n) => n['Relation Name'] === 'case_access_grant');
      expect(onGrants.length).toBeGreaterThan(0);
      expect(onGrants.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
      expect(all.some((n) => /Index/.test(n['Node Type']) && grantIndexes.includes(n['Index Name'] ?? ''))).toBe(true);
    });

    // An OR of the staff and the family branch would make PostgreSQL read every case of the municipality and
    // probe a subplan per row; caseReadScope gives each principal its one branch.
    it('selects "my cases" from the grant index rather than by reading every case of the municipality', async () => {
      const scope = myCasesScope();
      const { all } = await explain(`SELECT k.id FROM coordinated_case k WHERE ${scope.sql}`, scope.params);
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
  });
});
