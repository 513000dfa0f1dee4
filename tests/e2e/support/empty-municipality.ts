import { queryOnce } from '@stafett/testing';

/**
 * A municipality with an organisation and no people: two services, two units (with the codes an
 * administration system's file names them by), an administrator and one member of staff. The
 * register import brings in everyone else.
 *
 * The administrator and the member of staff are inserted by SQL for now: staff administration is
 * built on another branch (issue 12, point 1). When it is merged, the staff member is created by
 * the administrator through its route instead.
 */
export interface EmptyMunicipality {
  municipalityId: string;
  kindergartenService: string;
  healthService: string;
  kindergarten: string;
  healthStation: string;
  adminUser: string;
  staffUser: string;
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
  // By SQL until the admin routes for staff exist (see above).
  const adminUser = await one(
    `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active)
     VALUES ($1, 'staff', 'Are Admin (Prøvevik)', 'urn:stafett:demo-staff', 'are.admin.provevik', true) RETURNING id`,
    [municipalityId],
  );
  await queryOnce(ownerUrl, `INSERT INTO role_assignment (municipality_id, user_id, role) VALUES ($1, $2, 'admin')`, [
    municipalityId,
    adminUser,
  ]);
  const staffUser = await one(
    `INSERT INTO app_user (municipality_id, kind, display_name, issuer, subject, active)
     VALUES ($1, 'staff', 'Stine Stab (Solsiden)', 'urn:stafett:demo-staff', 'stine.stab.provevik', true) RETURNING id`,
    [municipalityId],
  );
  await queryOnce(ownerUrl, `INSERT INTO role_assignment (municipality_id, user_id, unit_id, role) VALUES ($1, $2, $3, 'staff')`, [
    municipalityId,
    staffUser,
    kindergarten,
  ]);
  return { municipalityId, kindergartenService, healthService, kindergarten, healthStation, adminUser, staffUser };
}
