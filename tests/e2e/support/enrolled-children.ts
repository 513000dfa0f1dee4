import { queryOnce } from '@stafett/testing';

/**
 * Enrols `count` synthetic children (given name `givenName`, family names "Nr <n>") in the first
 * unit where the staff member `subject` works, as the database owner: for lists longer than a page.
 * `familyNames` picks how many distinct family names they share (default: all different), so an
 * order by name needs its last key to be total.
 */
export async function enrolChildrenInUnitOf(
  ownerUrl: string,
  subject: string,
  { givenName, count, familyNames }: { givenName: string; count: number; familyNames?: number },
): Promise<void> {
  const [unit] = await queryOnce<{ id: string; municipalityId: string }>(
    ownerUrl,
    `SELECT r.unit_id AS id, r.municipality_id AS "municipalityId" FROM role_assignment r JOIN app_user u ON u.id = r.user_id
      WHERE u.subject = $1 AND r.unit_id IS NOT NULL ORDER BY r.unit_id LIMIT 1`,
    [subject],
  );
  await queryOnce(
    ownerUrl,
    `WITH kids AS (INSERT INTO child (municipality_id, given_name, family_name, birth_date)
                   SELECT $1, $4, 'Nr ' || lpad((g % $5::int)::text, 3, '0'), current_date - 1500 FROM generate_series(1, $3::int) g RETURNING id)
     INSERT INTO enrolment (municipality_id, child_id, unit_id, valid_from) SELECT $1, id, $2, current_date - 100 FROM kids`,
    [unit.municipalityId, unit.id, count, givenName, familyNames ?? count + 1],
  );
}
