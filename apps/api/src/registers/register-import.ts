import { planEnrolments, planPopulation } from '@stafett/domain';
import type {
  EnrolmentPlan,
  EnrolmentRecord,
  ExistingChild,
  ExistingCitizen,
  ExistingEnrolment,
  ExistingGuardianship,
  KnownUnit,
  PopulationChildRecord,
  PopulationPlan,
} from '@stafett/domain';
import type { EntityManager } from 'typeorm';

/**
 * Applies a register file to one municipality inside the caller's transaction: read what the
 * municipality holds, plan (libs/domain register-plan.ts), write the plan. The API runs it as the
 * administrator under row-level security; the demo seed runs the same code as the owner, so the
 * demo people arrive the way a municipality's do. No identity number leaves this file except in
 * the statements' parameters.
 */
export interface PopulationResult {
  plan: PopulationPlan;
  /** Pending consents that stopped waiting for a guardian who lost parental responsibility. */
  consentsNoLongerWaiting: number;
}

export async function importPopulation(
  em: EntityManager,
  municipalityId: string,
  records: PopulationChildRecord[],
): Promise<PopulationResult> {
  const childIds = records.map((r) => r.nationalId);
  const guardianIds = [...new Set(records.flatMap((r) => r.guardians.map((g) => g.nationalId)))];
  const children: ExistingChild[] = await em.query(
    `SELECT id, national_id AS "nationalId", given_name AS "givenName", family_name AS "familyName",
            to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", address_protection AS "addressProtection"
       FROM child WHERE municipality_id = $1 AND national_id = ANY($2::text[])`,
    [municipalityId, childIds],
  );
  const guardianships: ExistingGuardianship[] = await em.query(
    `SELECT id, child_id AS "childId", guardian_user_id AS "guardianUserId", has_parental_responsibility AS "hasParentalResponsibility",
            source, relation, verified_at IS NOT NULL AS verified, ended_at IS NOT NULL AS ended
       FROM guardianship WHERE municipality_id = $1 AND child_id = ANY($2::uuid[])`,
    [municipalityId, children.map((c) => c.id)],
  );
  const citizens: ExistingCitizen[] = await em.query(
    `SELECT id, national_id AS "nationalId", display_name AS "displayName", address_protection AS "addressProtection"
       FROM app_user WHERE municipality_id = $1 AND kind = 'citizen' AND (national_id = ANY($2::text[]) OR id = ANY($3::uuid[]))`,
    [municipalityId, guardianIds, guardianships.map((g) => g.guardianUserId)],
  );
  const plan = planPopulation(records, { children, citizens, guardianships });

  const childId = new Map(children.map((c) => [c.nationalId, c.id]));
  for (const c of plan.children.create) {
    const [row]: Array<{ id: string }> = await em.query(
      `INSERT INTO child (municipality_id, given_name, family_name, birth_date, national_id, address_protection)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [municipalityId, c.givenName, c.familyName, c.birthDate, c.nationalId, c.addressProtection],
    );
    childId.set(c.nationalId, row.id);
  }
  for (const c of plan.children.change)
    await em.query(`UPDATE child SET given_name = $2, family_name = $3, birth_date = $4, address_protection = $5 WHERE id = $1`, [
      c.id,
      c.givenName,
      c.familyName,
      c.birthDate,
      c.addressProtection,
    ]);

  const userId = new Map(citizens.map((c) => [c.nationalId, c.id]));
  for (const g of plan.guardians.create) {
    const [row]: Array<{ id: string }> = await em.query(
      `INSERT INTO app_user (municipality_id, kind, display_name, national_id, address_protection, active)
       VALUES ($1, 'citizen', $2, $3, $4, true) RETURNING id`,
      [municipalityId, g.displayName, g.nationalId, g.addressProtection],
    );
    userId.set(g.nationalId, row.id);
  }
  for (const g of plan.guardians.change)
    await em.query(`UPDATE app_user SET display_name = $2, address_protection = $3, version = version + 1 WHERE id = $1`, [
      g.id,
      g.displayName,
      g.addressProtection,
    ]);

  for (const s of plan.guardianships.create)
    await em.query(
      `INSERT INTO guardianship (municipality_id, child_id, guardian_user_id, has_parental_responsibility, source, relation, verified_at)
       VALUES ($1, $2, $3, $4, 'register', $5, now())`,
      [municipalityId, childId.get(s.childNationalId), userId.get(s.guardianNationalId), s.hasParentalResponsibility, s.relation],
    );
  // Confirmed by the register: it wins over what was typed by hand.
  for (const s of plan.guardianships.change)
    await em.query(
      `UPDATE guardianship SET has_parental_responsibility = $2, relation = $3, source = 'register', verified_at = now(), ended_at = NULL WHERE id = $1`,
      [s.id, s.hasParentalResponsibility, s.relation],
    );
  for (const s of plan.guardianships.end) await em.query(`UPDATE guardianship SET ended_at = now() WHERE id = $1`, [s.id]);

  // A guardian without parental responsibility can no longer be required to sign (DOMAIN.md "Consent"). One who gains it
  // needs nothing here: the signers of a version are fixed when it is sent, so only a new version asks them.
  let consentsNoLongerWaiting = 0;
  for (const s of [...plan.guardianships.change, ...plan.guardianships.end]) {
    if (s.responsibility !== 'lost') continue;
    const [{ changed }]: Array<{ changed: number }> = await em.query('SELECT stafett_guardian_stops_signing($1, $2) AS changed', [
      childId.get(s.childNationalId),
      await guardianOf(em, s.id as string),
    ]);
    consentsNoLongerWaiting += changed;
  }
  return { plan, consentsNoLongerWaiting };
}

async function guardianOf(em: EntityManager, guardianshipId: string): Promise<string> {
  const [row]: Array<{ userId: string }> = await em.query('SELECT guardian_user_id AS "userId" FROM guardianship WHERE id = $1', [
    guardianshipId,
  ]);
  return row.userId;
}

export async function importEnrolments(em: EntityManager, municipalityId: string, records: EnrolmentRecord[]): Promise<EnrolmentPlan> {
  const [{ today }]: Array<{ today: string }> = await em.query(`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`);
  const units: KnownUnit[] = await em.query('SELECT id, code, name FROM unit WHERE municipality_id = $1', [municipalityId]);
  const children: Array<{ id: string; nationalId: string; name: string }> = await em.query(
    `SELECT id, national_id AS "nationalId", given_name || ' ' || family_name AS name
       FROM child WHERE municipality_id = $1 AND national_id = ANY($2::text[])`,
    [municipalityId, [...new Set(records.map((r) => r.childNationalId))]],
  );
  // Every enrolment of the units the file names (the file speaks for them), with their children's names for the plan.
  const named = new Set(records.map((r) => r.unit));
  const unitIds = units.filter((u) => named.has(u.name) || (u.code !== null && named.has(u.code))).map((u) => u.id);
  const enrolments: Array<ExistingEnrolment & { childName: string; childNationalId: string | null }> = await em.query(
    `SELECT e.id, e.child_id AS "childId", e.unit_id AS "unitId", e.group_name AS "groupName",
            to_char(e.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(e.valid_to, 'YYYY-MM-DD') AS "validTo",
            c.given_name || ' ' || c.family_name AS "childName", c.national_id AS "childNationalId"
       FROM enrolment e JOIN child c ON c.id = e.child_id AND c.municipality_id = e.municipality_id
      WHERE e.municipality_id = $1 AND e.unit_id = ANY($2::uuid[])`,
    [municipalityId, unitIds],
  );
  const known = new Map(children.map((c) => [c.id, c]));
  for (const e of enrolments)
    if (!known.has(e.childId)) known.set(e.childId, { id: e.childId, nationalId: e.childNationalId ?? '', name: e.childName });
  const plan = planEnrolments(records, { units, children: [...known.values()], enrolments }, today);

  for (const e of plan.create)
    await em.query(
      `INSERT INTO enrolment (municipality_id, child_id, unit_id, group_name, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)`,
      [municipalityId, e.childId, e.unitId, e.groupName, e.validFrom, e.validTo],
    );
  for (const e of plan.change)
    await em.query('UPDATE enrolment SET group_name = $2, valid_to = $3 WHERE id = $1', [e.id, e.groupName, e.validTo]);
  for (const e of plan.end) {
    if (e.removed) await em.query('DELETE FROM enrolment WHERE id = $1', [e.id]);
    else await em.query('UPDATE enrolment SET valid_to = $2 WHERE id = $1', [e.id, e.validTo]);
  }
  return plan;
}
