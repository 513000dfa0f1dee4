import { queryOnce } from '@stafett/testing';
import { syntheticNationalId } from '@stafett/domain';

/** Nabodal's pupil as its registers know her: an enrolment file of Nabodal's names her by these. */
export const IDA = { nationalId: syntheticNationalId('2015-05-05', 777), unit: 'Nabodal skole', group: '5A', enrolledDaysAgo: 100 };

/**
 * A neighbouring municipality with one school, one teacher, one pupil and an administrator: the "other tenant".
 * Its settings are Fjordvik's but for the youth consent age (15, Fjordvik's is 16), so that an answer
 * can tell whose settings it holds; Nabodal's only child is eleven, so the age decides nothing there.
 */
export async function seedSecondMunicipality(ownerUrl: string): Promise<{ childId: string; userId: string; adminUserId: string }> {
  const [m] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO municipality (code, name, settings)
       SELECT '9998', 'Nabodal kommune', jsonb_set(settings::jsonb, '{youthConsentAge}', '15') FROM municipality WHERE code = '9999' RETURNING id`,
  );
  const [s] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, 'school', 'Skole', 'administrative') RETURNING id`,
    [m.id],
  );
  const [u] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO unit (municipality_id, service_id, name) VALUES ($1, $2, $3) RETURNING id`,
    [m.id, s.id, IDA.unit],
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
  // The bundled provider's sign-in page lists every staff user with a subject: she signs in like Nils.
  const [admin] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active) VALUES ($1, 'staff', 'Nora Nabo (administrator, Nabodal)', 'urn:stafett:demo-staff', 'nora.nabo', true) RETURNING id`,
    [m.id],
  );
  await queryOnce(ownerUrl, `INSERT INTO role_assignment (municipality_id, user_id, role) VALUES ($1, $2, 'admin')`, [m.id, admin.id]);
  const [child] = await queryOnce<{ id: string }>(
    ownerUrl,
    `INSERT INTO child (municipality_id, given_name, family_name, birth_date, national_id) VALUES ($1, 'Ida', 'Nabo', '2015-05-05', $2) RETURNING id`,
    [m.id, IDA.nationalId],
  );
  await queryOnce(
    ownerUrl,
    `INSERT INTO enrolment (municipality_id, child_id, unit_id, group_name, valid_from) VALUES ($1, $2, $3, $4, current_date - $5::int)`,
    [m.id, child.id, u.id, IDA.group, IDA.enrolledDaysAgo],
  );
  return { childId: child.id, userId: user.id, adminUserId: admin.id };
}
