// A synthetic municipality for the HTTP benchmark, filled with set-based SQL (generate_series) as
// the schema owner: children, guardians, cases with their team, an active consent each (signed
// by the guardian), plan, shared log, and a few audit events per case in the municipality's own
// chain. No personal data: "Barn 17", "Foresatt 17", synthetic identity numbers (month + 80).
//
// The people measured:
// - a team of staff ("Benk Koordinator 1…n") in one kindergarten, "Barnehage 1", which owns 1 case
//   in 20 (half of them closed) and whose team members coordinate them in turn: ~500 at 10 000
//   cases, ~10 000 at 200 000 (the list shows the first page of 50);
// - guardians ("Foresatt-benk 1…g") who each have `childrenPerGuardian` children with an open
//   case and an active consent the guardian signed: the consents the withdrawal benchmark ends.
import { appendToChain } from './audit-chain.mjs';

/** The staff issuer of the bundled identity provider (apps/api/src/database/seed/demo-seed.ts). */
const DEMO_STAFF_ISSUER = 'urn:stafett:demo-staff';
const SETTINGS = {
  concernDecisionDays: 14,
  youthConsentAge: 16,
  guardiansSignForYouth: false,
  consentDefaultMonths: 12,
  consentReminderDays: [30, 7, 1],
};
const KINDERGARTENS = 200;
const HEALTH_STATIONS = 200;

/** Cases of the measured unit: i % 40 of 0 (open) or 3 (closed, as every case with i % 5 = 3). */
const MEASURED = `(i % 40 IN (0, 3))`;
/** Cases whose consent may be withdrawn by a pool guardian: open, of other units. */
const POOL = `(i % 10 = 5)`;

const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const checkDigit = (digits, weights) => {
  const rest = 11 - (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11);
  return rest === 11 ? 0 : rest === 10 ? null : rest;
};

/** A synthetic fødselsnummer (month + 80, valid mod-11 check digits) for a guardian born in the 1980s; libs/domain's rule. */
export function syntheticNationalId(n) {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(81 + (Math.floor(n / 28) % 12));
  const year = String(80 + (Math.floor(n / 336) % 10));
  for (let individual = Math.floor(n / 3360) * 7; individual < 500; individual++) {
    const nine = `${day}${month}${year}${String(individual).padStart(3, '0')}`;
    const digits = [...nine].map(Number);
    const k1 = checkDigit(digits, WEIGHTS_1);
    const k2 = k1 === null ? null : checkDigit([...digits, k1], WEIGHTS_2);
    if (k1 !== null && k2 !== null) return `${nine}${k1}${k2}`;
  }
  throw new Error(`no synthetic identity number for ${n}`);
}

export class SyntheticMunicipality {
  constructor(owner, superuser, auditKey) {
    this.owner = owner;
    this.superuser = superuser;
    this.auditKey = auditKey;
    this.filled = 0;
  }

  /** The organisation and the people who sign in: the measured team, the other units' coordinators, the pool's guardians. */
  async create({ team, guardians, childrenPerGuardian }) {
    const q = (sql, params) => this.owner.query(sql, params);
    const [{ id: m }] = (
      await q(`INSERT INTO municipality (code, name, settings) VALUES ('9990', 'Benkvik kommune', $1) RETURNING id`, [SETTINGS])
    ).rows;
    this.municipalityId = m;
    const service = async (kind, name, regime) =>
      (await q(`INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, $2, $3, $4) RETURNING id`, [m, kind, name, regime]))
        .rows[0].id;
    this.kindergartenService = await service('kindergarten', 'Barnehagene', 'administrative');
    this.healthService = await service('health_station', 'Helsestasjonen', 'health');
    const units = async (serviceId, name, count) =>
      (
        await q(
          `INSERT INTO unit (municipality_id, service_id, name) SELECT $1, $2, $3 || ' ' || n FROM generate_series(1, $4) n RETURNING id`,
          [m, serviceId, name, count],
        )
      ).rows.map((r) => r.id);
    this.kindergartens = await units(this.kindergartenService, 'Barnehage', KINDERGARTENS);
    this.healthStations = await units(this.healthService, 'Helsestasjon', HEALTH_STATIONS);
    this.measuredUnit = this.kindergartens[0];
    const staff = async (unitId, name, subject) => {
      const [{ id }] = (
        await q(
          `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject) VALUES ($1, 'staff', $2, $3, $4) RETURNING id`,
          [m, name, DEMO_STAFF_ISSUER, subject],
        )
      ).rows;
      await q(`INSERT INTO role_assignment (municipality_id, user_id, unit_id, role) VALUES ($1, $2, $3, 'staff')`, [m, id, unitId]);
      return id;
    };
    this.team = [];
    for (let n = 1; n <= team; n++)
      this.team.push({ id: await staff(this.measuredUnit, `Benk Koordinator ${n}`, `bench-team-${n}`), name: `Benk Koordinator ${n}` });
    // One coordinator in each other kindergarten, so every case has a coordinator who works where the rules expect.
    this.unitStaff = [null];
    for (let n = 2; n <= KINDERGARTENS; n++)
      this.unitStaff.push(await staff(this.kindergartens[n - 1], `Benk Ansatt ${n}`, `bench-staff-${n}`));
    this.guardians = [];
    for (let n = 1; n <= guardians; n++) {
      const name = `Foresatt-benk ${n}`;
      const [{ id }] = (
        await q(`INSERT INTO app_user (municipality_id, kind, display_name, national_id) VALUES ($1, 'citizen', $2, $3) RETURNING id`, [
          m,
          name,
          syntheticNationalId(n),
        ])
      ).rows;
      this.guardians.push({ id, name, children: [] });
    }
    this.childrenPerGuardian = childrenPerGuardian;
  }

  /** Adds cases up to `total`, with everything around them; the first fill also gives the pool guardians their children. */
  async fillTo(total) {
    const add = total - this.filled;
    if (add <= 0) return;
    const m = this.municipalityId;
    // A step that takes long is named, so a slow fill shows where its time goes.
    const q = async (sql, params) => {
      const started = Date.now();
      const result = await this.owner.query(sql, params);
      if (Date.now() - started > 5000)
        console.log(`    fill: ${((Date.now() - started) / 1000).toFixed(1)} s for ${sql.trim().split(/\s+/).slice(0, 4).join(' ')} …`);
      return result;
    };
    await q('BEGIN');
    await q(
      `CREATE TEMP TABLE batch ON COMMIT DROP AS
         SELECT i, gen_random_uuid() AS child_id, gen_random_uuid() AS case_id, gen_random_uuid() AS own_p, gen_random_uuid() AS other_p,
                gen_random_uuid() AS consent_id,
                CASE WHEN ${MEASURED} THEN $1::uuid[] ELSE NULL END AS team,
                CASE WHEN ${MEASURED} THEN 1 ELSE 2 + i % ($2::int - 1) END AS own_n,
                1 + (i * 7) % $3::int AS other_n,
                CASE WHEN ${POOL} AND (i - 5) / 10 < $4::int THEN (i - 5) / 10 END AS pool_rank,
                CASE WHEN i % 5 = 3 THEN 'closed' ELSE 'open' END AS status,
                now() - interval '3 years' + i * interval '7 minutes' AS opened_at
           FROM generate_series($5::int + 1, $5::int + $6::int) i`,
      [this.team.map((t) => t.id), KINDERGARTENS, HEALTH_STATIONS, this.guardians.length * this.childrenPerGuardian, this.filled, add],
    );
    await q(
      `ALTER TABLE batch ADD COLUMN own_unit uuid, ADD COLUMN other_unit uuid, ADD COLUMN coordinator uuid, ADD COLUMN guardian uuid`,
    );
    await q(
      `UPDATE batch SET own_unit = ($1::uuid[])[own_n], other_unit = ($2::uuid[])[other_n],
                        coordinator = COALESCE(team[1 + (i / 40) % array_length(team, 1)], ($3::uuid[])[own_n]),
                        guardian = COALESCE(($4::uuid[])[1 + pool_rank / $5::int], gen_random_uuid())`,
      [this.kindergartens, this.healthStations, this.unitStaff, this.guardians.map((g) => g.id), this.childrenPerGuardian],
    );
    await q(
      `INSERT INTO child (id, municipality_id, given_name, family_name, birth_date)
       SELECT child_id, $1::uuid, 'Barn', i::text, current_date - (1100 + i % 3600) FROM batch`,
      [m],
    );
    // Every child has a guardian with parental responsibility; only the pool's can sign in (they alone have an identity number).
    await q(
      `INSERT INTO app_user (id, municipality_id, kind, display_name) SELECT guardian, $1::uuid, 'citizen', 'Foresatt ' || i FROM batch WHERE pool_rank IS NULL`,
      [m],
    );
    await q(
      `INSERT INTO guardianship (municipality_id, child_id, guardian_user_id, has_parental_responsibility) SELECT $1::uuid, child_id, guardian, true FROM batch`,
      [m],
    );
    await q(
      `INSERT INTO coordinated_case (id, municipality_id, child_id, owner_unit_id, level, status, categories, coordinator_user_id, coordinator_unit_id,
                                     coordinator_since, opened_by_user_id, opened_at, closure_reason, closed_at)
       SELECT case_id, $1::uuid, child_id, own_unit, 2, status, '{wellbeing}', coordinator, own_unit, opened_at, coordinator, opened_at,
              CASE WHEN status = 'closed' THEN 'goals_reached' END, CASE WHEN status = 'closed' THEN opened_at + interval '90 days' END
         FROM batch`,
      [m],
    );
    await q(
      `INSERT INTO case_participant (id, municipality_id, case_id, unit_id, role, from_on, joined_by_user_id, joined_at)
       SELECT own_p, $1::uuid, case_id, own_unit, 'coordinating', opened_at::date, coordinator, opened_at FROM batch
       UNION ALL SELECT other_p, $1::uuid, case_id, other_unit, 'advisory', opened_at::date, coordinator, opened_at FROM batch`,
      [m],
    );
    await q(
      `INSERT INTO consent (id, municipality_id, case_id, child_id, status, purpose, categories, service_ids, valid_from, valid_to,
                            required_signers, created_by_user_id, created_at, submitted_at, activated_at)
       SELECT consent_id, $1::uuid, case_id, child_id, 'active', 'Samarbeid med helsestasjonen', '{wellbeing}', ARRAY[$2::uuid],
              current_date - 30, current_date + 335, jsonb_build_array(jsonb_build_object('userId', guardian, 'role', 'guardian')),
              coordinator, now() - interval '31 days', now() - interval '31 days', now() - interval '30 days'
         FROM batch`,
      [m, this.healthService],
    );
    await q(
      `INSERT INTO consent_answer (municipality_id, consent_id, signer_key, signer_role, signer_user_id, decision, method, answered_at)
       SELECT $1::uuid, consent_id, guardian::text, 'guardian', guardian, 'signed', 'digital', now() - interval '30 days' FROM batch`,
      [m],
    );
    // The rule's lookups (per case) are planned on statistics: without them, a first fill straight to
    // 200 000 cases plans each lookup as a scan of a table it believes empty, and takes hours.
    await q(`ANALYZE coordinated_case, case_participant, consent, unit`);
    // The grants exactly as the database's own rule makes them (what stafett_refresh_case_access() stores).
    await q(`INSERT INTO case_access_grant (municipality_id, case_id, unit_id, participant_id, basis, consent_id, valid_from, valid_to,
                                            categories, excluded_user_ids, service_ids)
             SELECT r.* FROM batch b CROSS JOIN LATERAL stafett_case_access_rule(b.case_id) r`);
    await q(
      `INSERT INTO case_level_decision (municipality_id, case_id, kind, from_level, to_level, reason, decided_by_user_id, decided_at)
       SELECT $1::uuid, case_id, 'opened', NULL, 2, 'Samarbeid etter bekymring', coordinator, opened_at FROM batch`,
      [m],
    );
    await q(
      `INSERT INTO case_log_entry (municipality_id, case_id, kind, text, category, service_id, author_user_id, created_at)
       SELECT $1::uuid, case_id, e.kind, e.text, e.category, e.service, coordinator, opened_at + e.after
         FROM batch, LATERAL (VALUES ('opened', 'Samarbeid etter bekymring', NULL, NULL::uuid, interval '0'),
                                     ('participant_joined', 'Barnehage', NULL, $2::uuid, interval '1 minute'),
                                     ('participant_joined', 'Helsestasjon', NULL, $3::uuid, interval '2 minutes'),
                                     ('consent_given', 'Samarbeid med helsestasjonen', NULL, NULL, interval '3 days'),
                                     ('note', 'Notat fra samarbeidsmøtet', 'wellbeing', NULL, interval '10 days'),
                                     ('note', 'Oppfølging avtalt', 'wellbeing', NULL, interval '40 days')) AS e(kind, text, category, service, after)`,
      [m, this.kindergartenService, this.healthService],
    );
    await q(
      `INSERT INTO case_goal (municipality_id, case_id, text, category, created_by_user_id, created_at)
       SELECT $1::uuid, case_id, 'Trives i barnehagen', 'wellbeing', coordinator, opened_at FROM batch`,
      [m],
    );
    // Two measures per case, one of a category the consent covers and one it does not.
    await q(
      `INSERT INTO case_measure (municipality_id, case_id, description, responsible_participant_id, evaluation_due_on, created_by_user_id, category)
       SELECT $1::uuid, case_id, 'Tiltak', other_p, current_date + (i % 30) - 10, coordinator, c FROM batch, unnest(ARRAY['wellbeing', 'health']) c`,
      [m],
    );
    const { rows } = await q(
      `SELECT i, case_id, child_id, coordinator, own_unit, consent_id, pool_rank, guardian, opened_at FROM batch ORDER BY i`,
    );
    await q('COMMIT');
    for (const row of rows) {
      if (row.pool_rank === null) continue;
      this.guardians[Math.floor(row.pool_rank / this.childrenPerGuardian)].children.push({
        childId: row.child_id,
        caseId: row.case_id,
        consentId: row.consent_id,
        // Sent as If-Match by the withdrawal; kept as the consent's version is (reactivate() reports it).
        consentVersion: 1,
      });
    }
    // A few audit events per case, as the API would have written them: opening, a read of the case, a list that showed it.
    const events = [];
    for (const row of rows) {
      const common = {
        municipalityId: m,
        actorUserId: row.coordinator,
        actorRole: 'staff',
        actorUnitId: row.own_unit,
        subjectChildId: row.child_id,
        recordType: 'case',
        recordId: row.case_id,
        basis: 'coordinator',
        basisRef: row.case_id,
      };
      events.push({ ...common, action: 'create', category: 'case' });
      events.push({ ...common, action: 'read', category: 'case' });
      events.push({ ...common, action: 'read', category: 'case_summary' });
    }
    this.auditRows = (this.auditRows ?? 0) + (await appendToChain(this.superuser, m, this.auditKey, events));
    await q('ANALYZE');
    await this.superuser.query('ANALYZE audit_event');
    this.filled = total;
  }

  /** Cases of the measured unit (all, and the open ones), newest first. */
  async measuredCases() {
    const { rows } = await this.owner.query(
      `SELECT id, child_id AS "childId", status FROM coordinated_case WHERE municipality_id = $1 AND owner_unit_id = $2 ORDER BY opened_at DESC`,
      [this.municipalityId, this.measuredUnit],
    );
    return { all: rows, open: rows.filter((r) => r.status === 'open') };
  }

  /**
   * The pool's consents that are active again after a withdrawal round: set back directly, as if signed
   * anew (not measured). Answers each consent's version now, for the next withdrawal's If-Match.
   */
  async reactivate(consentIds) {
    if (consentIds.length === 0) return new Map();
    const q = (sql, params) => this.owner.query(sql, params);
    await q('BEGIN');
    const { rows } = await q(
      `UPDATE consent SET status = 'active', withdrawn_at = NULL, withdrawn_by_user_id = NULL, withdrawal_reason = NULL, version = version + 1
        WHERE id = ANY($1::uuid[]) AND status = 'withdrawn' RETURNING case_id`,
      [consentIds],
    );
    const { rows: versions } = await q('SELECT id, version FROM consent WHERE id = ANY($1::uuid[])', [consentIds]);
    const cases = rows.map((r) => r.case_id);
    await q('DELETE FROM case_access_grant WHERE case_id = ANY($1::uuid[])', [cases]);
    await q(
      `INSERT INTO case_access_grant (municipality_id, case_id, unit_id, participant_id, basis, consent_id, valid_from, valid_to,
                                      categories, excluded_user_ids, service_ids)
       SELECT r.* FROM unnest($1::uuid[]) c CROSS JOIN LATERAL stafett_case_access_rule(c) r`,
      [cases],
    );
    await q('COMMIT');
    return new Map(versions.map((v) => [v.id, v.version]));
  }
}
