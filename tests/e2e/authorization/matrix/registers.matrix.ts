import { syntheticNationalId } from '@stafett/domain';
import { daysFromToday } from '@stafett/testing';
import { IDA } from '../../support/second-municipality';
import { demoEnrolmentsJson, demoPopulationJson } from '../../../../apps/api/src/database/seed/demo-register-files';
import type { BodyCheck } from './personas';
import { MatrixRow, seenBy, signedIn } from './personas';
import { keysOf } from './seen';

/**
 * Register imports (administrator) and guardians registered by hand (staff of the child's unit).
 * The import rows send the demo municipality's own files as a dry run: the answer is the plan
 * (nothing to create or change), and nothing is written, so later rows see the same demo data.
 * Nabodal's administrator dry-runs against Nabodal: Fjordvik's population extract plans every child
 * as new there (none of Fjordvik's records is hers to match), and Nabodal's own enrolment file
 * matches Ida's enrolment (nothing to change).
 */
const planSeen: BodyCheck = (body) => {
  // The plan and its counts only: names of people in the file, never case content or an identity number.
  expect(keysOf(body)).toEqual(['children', 'counts', 'dryRun', 'guardians', 'guardianships']);
  expect(body).toMatchObject({
    dryRun: true,
    counts: {
      children: { created: 0, changed: 0 },
      guardians: { created: 0, changed: 0 },
      guardianships: { created: 0, changed: 0, ended: 0 },
    },
  });
  expect(JSON.stringify(body)).not.toMatch(/levelHistory|purpose|description|Virker sliten/);
};

/** Fjordvik's extract planned against Nabodal: every child, guardian and guardianship new, nothing changed or ended. */
const nabodalPlanSeen: BodyCheck = (body) => {
  expect(keysOf(body)).toEqual(['children', 'counts', 'dryRun', 'guardians', 'guardianships']);
  const file = demoPopulationJson().children as Array<{ givenName: string; familyName: string; guardians: object[] }>;
  const names = (list: Array<{ name: string }>) => list.map((c) => c.name).sort();
  expect(names(body.children.created)).toEqual(file.map((c) => `${c.givenName} ${c.familyName}`).sort());
  expect(body).toMatchObject({
    dryRun: true,
    counts: {
      children: { created: file.length, changed: 0 },
      guardians: { changed: 0 },
      guardianships: { created: file.flatMap((c) => c.guardians).length, changed: 0, ended: 0 },
    },
    children: { changed: [] },
    guardians: { changed: [] },
  });
  expect(body.counts.guardians.created).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/Ida|levelHistory|purpose|description|Virker sliten/);
};

/** Nabodal's own enrolment file: Ida's enrolment found as it is, so nothing to create, change or end. */
const nabodalEnrolments = () => ({
  enrolments: [{ childNationalId: IDA.nationalId, unit: IDA.unit, group: IDA.group, from: daysFromToday(-IDA.enrolledDaysAgo), to: null }],
});

const enrolmentPlanSeen: BodyCheck = (body) => {
  expect(keysOf(body)).toEqual(['changed', 'counts', 'created', 'dryRun', 'ended']);
  expect(body).toMatchObject({ dryRun: true, counts: { created: 0, changed: 0 }, created: [], changed: [] });
};

/** A fresh guardian per request: the same person twice on one child is a conflict. */
let nextGuardian = 0;

const guardianAddedSeen: BodyCheck = (body, { t, prepared }) => {
  expect(body.id).toBe(t.childInOwnUnit);
  expect(body.guardians).toContainEqual({
    id: expect.any(String),
    displayName: prepared['name'],
    relation: 'annen_foresatt',
    parentalResponsibility: false,
    verified: false,
    source: 'manual',
  });
};

export const REGISTER_ROUTES: Record<string, MatrixRow> = {
  'POST /api/admin/imports/population': {
    request: () => ({ path: '/api/admin/imports/population?dryRun=true', body: demoPopulationJson() }),
    expect: signedIn(403, { admin: 200, otherTenantAdmin: 200 }),
    see: { admin: planSeen, otherTenantAdmin: nabodalPlanSeen },
  },
  'POST /api/admin/imports/enrolments': {
    request: (_t, _p, persona) => ({
      path: '/api/admin/imports/enrolments?dryRun=true',
      body: persona === 'otherTenantAdmin' ? nabodalEnrolments() : demoEnrolmentsJson(),
    }),
    expect: signedIn(403, { admin: 200, otherTenantAdmin: 200 }),
    see: { admin: enrolmentPlanSeen, otherTenantAdmin: enrolmentPlanSeen },
  },
  'POST /api/children/{id}/guardians': {
    prepareEach: async () => {
      nextGuardian += 1;
      return {
        nationalId: syntheticNationalId(`1970-01-${String(nextGuardian).padStart(2, '0')}`, 200),
        name: `Matrise Verge${nextGuardian}`,
      };
    },
    request: (t, p) => ({
      path: `/api/children/${t.childInOwnUnit}/guardians`,
      // Without parental responsibility: the matrix's consents keep the signers they have.
      body: {
        nationalId: p['nationalId'],
        givenName: 'Matrise',
        familyName: p['name'].split(' ')[1],
        relation: 'annen_foresatt',
        parentalResponsibility: false,
      },
    }),
    // Emma is a child of Kari's, Siri's and Ola's unit; other staff do not see her (404); the rest may not register guardians (403).
    expect: signedIn(403, {
      ownUnitStaff: 201,
      unitColleague: 201,
      unitLeader: 201,
      otherUnitStaff: 404,
      healthNurse: 404,
      childWelfare: 404,
      otherTenantStaff: 404,
    }),
    see: seenBy(['ownUnitStaff', 'unitColleague', 'unitLeader'], guardianAddedSeen),
  },
};
