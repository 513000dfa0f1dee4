import { syntheticNationalId } from '@stafett/domain';
import { DEMO_CHILDREN, DEMO_SERVICES } from './demo-municipality';

/**
 * The demo municipality's register files, as a municipality would send them (docs/registers.md):
 * a population-register extract and an enrolment file, written from DEMO_CHILDREN. The synthetic
 * identity numbers are the ones the seed has always generated (the same individual numbers in the
 * same order), so the demo people are the same people.
 */
const EXTRACT_HEADER =
  'child_national_id;child_given_name;child_family_name;child_birth_date;child_address_protection;' +
  'guardian_national_id;guardian_given_name;guardian_family_name;guardian_relation;guardian_parental_responsibility;guardian_address_protection';

/** The demo's enrolments began at the start of the 2024 school year. */
export const DEMO_ENROLMENT_FROM = '2024-08-15';

function splitName(displayName: string): { givenName: string; familyName: string } {
  const at = displayName.lastIndexOf(' ');
  return { givenName: displayName.slice(0, at), familyName: displayName.slice(at + 1) };
}

function demoIds(): Array<{ child: string; guardians: string[] }> {
  let individual = 500;
  return DEMO_CHILDREN.map((c) => ({
    child: syntheticNationalId(c.birthDate, individual++),
    guardians: c.guardians.map((g) => syntheticNationalId(g.birthDate, 100 + individual++)),
  }));
}

export function demoPopulationCsv(): string {
  const ids = demoIds();
  const lines = DEMO_CHILDREN.flatMap((c, i) =>
    c.guardians.map((g, j) => {
      const name = splitName(g.displayName);
      return [
        ids[i].child,
        c.givenName,
        c.familyName,
        c.birthDate,
        '',
        ids[i].guardians[j],
        name.givenName,
        name.familyName,
        '',
        g.parentalResponsibility ? 'ja' : 'nei',
        '',
      ].join(';');
    }),
  );
  return [EXTRACT_HEADER, ...lines].join('\n') + '\n';
}

export function demoEnrolmentsCsv(): string {
  const ids = demoIds();
  const unitName = (key: string) => DEMO_SERVICES.flatMap((s) => s.units).find((u) => u.key === key)?.name ?? key;
  const lines = DEMO_CHILDREN.map((c, i) => [ids[i].child, unitName(c.unit), c.group, DEMO_ENROLMENT_FROM, ''].join(';'));
  return ['child_national_id;unit;group;from;to', ...lines].join('\n') + '\n';
}

/** The same extract as JSON (docs/registers.md). */
export function demoPopulationJson(): { children: object[] } {
  const ids = demoIds();
  return {
    children: DEMO_CHILDREN.map((c, i) => ({
      nationalId: ids[i].child,
      givenName: c.givenName,
      familyName: c.familyName,
      birthDate: c.birthDate,
      addressProtection: null,
      guardians: c.guardians.map((g, j) => ({
        nationalId: ids[i].guardians[j],
        ...splitName(g.displayName),
        parentalResponsibility: g.parentalResponsibility,
        addressProtection: null,
      })),
    })),
  };
}

/** The same enrolments as JSON. */
export function demoEnrolmentsJson(): { enrolments: object[] } {
  const ids = demoIds();
  const unitName = (key: string) => DEMO_SERVICES.flatMap((s) => s.units).find((u) => u.key === key)?.name ?? key;
  return {
    enrolments: DEMO_CHILDREN.map((c, i) => ({
      childNationalId: ids[i].child,
      unit: unitName(c.unit),
      group: c.group,
      from: DEMO_ENROLMENT_FROM,
      to: null,
    })),
  };
}
