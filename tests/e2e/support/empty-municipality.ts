import { queryOnce } from '@stafett/testing';
import type { apiFor } from './cases';
import type { SignedIn } from './sign-in';

/**
 * A municipality with an organisation and no people: two services, two units (with the codes an
 * administration system's file names them by) and its first administrator — the one person an
 * operator sets up by hand. The administrator invites the staff (`inviteStaff`), the register
 * import brings in everyone else.
 */
export interface EmptyMunicipality {
  municipalityId: string;
  kindergartenService: string;
  healthService: string;
  kindergarten: string;
  healthStation: string;
  adminUser: string;
}

export async function seedEmptyMunicipality(ownerUrl: string): Promise<EmptyMunicipality> {
  const one = async (sql: string, params: unknown[] = []) => (await queryOnce<{ id: string }>(ownerUrl, sql, params))[0].id;
  const municipalityId = await one(
    `INSERT INTO municipality (code, name, settings) SELECT '9997', 'Prøvevik kommune', settings FROM municipality WHERE code = '9999' RETURNING id`,
  );
  const kindergartenService = await one(
    `INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, 'kindergarten', 'Barnehagene i Prøvevik', 'administrative') RETURNING id`,
    [municipalityId],
  );
  const healthService = await one(
    `INSERT INTO service (municipality_id, kind, name, regime) VALUES ($1, 'health_station', 'Helsestasjonen i Prøvevik', 'health') RETURNING id`,
    [municipalityId],
  );
  const kindergarten = await one(
    `INSERT INTO unit (municipality_id, service_id, name, code) VALUES ($1, $2, 'Solsiden barnehage', '974000001') RETURNING id`,
    [municipalityId, kindergartenService],
  );
  const healthStation = await one(
    `INSERT INTO unit (municipality_id, service_id, name, code) VALUES ($1, $2, 'Prøvevik helsestasjon', '974000002') RETURNING id`,
    [municipalityId, healthService],
  );
  // The operator's one step: the first administrator (every later user is invited through the API).
  const adminUser = await one(
    `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active)
     VALUES ($1, 'staff', 'Are Admin (Prøvevik)', 'urn:stafett:demo-staff', 'are.admin.provevik', true) RETURNING id`,
    [municipalityId],
  );
  await queryOnce(ownerUrl, `INSERT INTO role_assignment (municipality_id, user_id, role) VALUES ($1, $2, 'admin')`, [
    municipalityId,
    adminUser,
  ]);
  return { municipalityId, kindergartenService, healthService, kindergarten, healthStation, adminUser };
}

/**
 * A member of staff invited by the administrator through the API, with a role in `unitId` from
 * today: they appear on the bundled provider's page and are bound at their first sign-in.
 */
export async function inviteStaff(
  api: ReturnType<typeof apiFor>,
  admin: SignedIn,
  user: { displayName: string; email: string; unitId: string },
): Promise<string> {
  const created = await api(admin, 'POST', '/api/admin/users', { displayName: user.displayName, email: user.email });
  if (created.status !== 201) throw new Error(`invite: ${created.status} ${JSON.stringify(created.body)}`);
  const role = await api(admin, 'POST', `/api/admin/users/${created.body.id}/roles`, { role: 'staff', unitId: user.unitId });
  if (role.status !== 201) throw new Error(`role: ${role.status} ${JSON.stringify(role.body)}`);
  return created.body.id;
}
