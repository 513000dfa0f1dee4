import { DEFAULT_MUNICIPALITY_SETTINGS, DEFAULT_REGIME } from '@stafett/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Municipality } from '../../organisation/municipality.entity';
import { Service } from '../../organisation/service.entity';
import { Unit } from '../../organisation/unit.entity';
import { AppUser } from '../../users/app-user.entity';
import { RoleAssignment } from '../../users/role-assignment.entity';
import { readEnrolmentFile, readPopulationFile } from '../../registers/register-files';
import { importEnrolments, importPopulation } from '../../registers/register-import';
import { DEMO_MUNICIPALITY, DEMO_SERVICES, DEMO_STAFF } from './demo-municipality';
import { demoEnrolmentsCsv, demoPopulationCsv } from './demo-register-files';

/** Issuer recorded for demo staff until they first sign in through the bundled identity provider. */
export const DEMO_STAFF_ISSUER = 'urn:stafett:demo-staff';

/**
 * Creates the demo municipality unless it exists. One transaction: a failed seed leaves nothing
 * behind, and running it again changes nothing.
 */
export async function seedDemo(dataSource: DataSource): Promise<{ created: boolean }> {
  return dataSource.transaction(async (em) => {
    // Serialise concurrent seeders (two starts at once) on one advisory lock.
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['stafett:demo-seed']);
    const existing = await em.findOne(Municipality, { where: { code: DEMO_MUNICIPALITY.code } });
    if (existing) return { created: false };
    await createDemo(em);
    return { created: true };
  });
}

async function createDemo(em: EntityManager): Promise<void> {
  const municipality = await em.save(em.create(Municipality, { ...DEMO_MUNICIPALITY, settings: DEFAULT_MUNICIPALITY_SETTINGS }));
  const municipalityId = municipality.id;
  const units = new Map<string, Unit>();
  for (const s of DEMO_SERVICES) {
    const service = await em.save(em.create(Service, { municipalityId, kind: s.kind, name: s.name, regime: DEFAULT_REGIME[s.kind] }));
    for (const u of s.units) {
      units.set(u.key, await em.save(em.create(Unit, { municipalityId, serviceId: service.id, name: u.name })));
    }
  }
  const unitId = (key: string) => {
    const unit = units.get(key);
    if (!unit) throw new Error(`demo data names unknown unit ${key}`);
    return unit.id;
  };

  for (const s of DEMO_STAFF) {
    const user = await em.save(
      em.create(AppUser, {
        municipalityId,
        kind: 'staff',
        displayName: s.displayName,
        issuer: DEMO_STAFF_ISSUER,
        subject: s.key,
        nationalId: null,
        active: true,
      }),
    );
    for (const r of s.roles) {
      await em.save(em.create(RoleAssignment, { municipalityId, userId: user.id, role: r.role, unitId: r.unit ? unitId(r.unit) : null }));
    }
  }

  // Children, guardians and enrolments arrive as a municipality's do: through the register import.
  await importPopulation(em, municipalityId, readPopulationFile('csv', demoPopulationCsv()));
  await importEnrolments(em, municipalityId, readEnrolmentFile('csv', demoEnrolmentsCsv()));
}
