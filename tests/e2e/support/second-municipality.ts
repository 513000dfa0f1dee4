import { queryOnce } from '@stafett/testing';
import { syntheticNationalId } from '@stafett/domain';

/** A neighbouring municipality with one school, one teacher and one pupil: the "other tenant". */
export async function seedSecondMunicipality(ownerUrl: string): Promise<{ childId: string; userId: string }> {
  const [m] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO municipality (code, name, settings) SELECT '9998', 'Nabodal kommune', settings FROM municipality WHERE code = '9999' RETURNING id`,
  );
  const [s] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, 'school', 'Skole', 'administrative') RETURNING id`,
    [m.id],
  );
  const [u] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO unit (municipality_id, service_id, name) VALUES ($1, $2, 'Nabodal skole') RETURNING id`,
    [m.id, s.id],
  );
  const [user] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active) VALUES ($1, 'staff', 'Nils Nabo (lærer, Nabodal)', 'urn:stafett:demo-staff', 'nils.nabo', true) RETURNING id`,
    [m.id],
  );
  await queryOnce(ownerUrl, `INSERT INTO role_assignment (municipality_id, user_id, unit_id, role) VALUES ($1, $2, $3, 'staff')`, [
    m.id,
    user.id,
    u.id,
  ]);
  const [child] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO child (municipality_id, given_name, family_name, birth_date, national_id) VALUES ($1, 'Ida', 'Nabo', '2015-05-05', $2) RETURNING id`,
    [m.id, syntheticNationalId('2015-05-05', 777)],
  );
  await queryOnce(
    ownerUrl,
    `INSERT INTO enrolment (municipality_id, child_id, unit_id, group_name, valid_from) VALUES ($1, $2, $3, '5A', current_date - 100)`,
    [m.id, child.id, u.id],
  );
  return { childId: child.id, userId: user.id };
}
