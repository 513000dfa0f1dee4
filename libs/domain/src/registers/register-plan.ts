import type { AddressProtection } from '../identity/address-protection';
import { RegisterFileError } from './register-records';
import type { EnrolmentRecord, PopulationChildRecord, RegisterLineError } from './register-records';

/**
 * What an import will do, worked out from the file and what the municipality holds — pure, so the
 * dry run and the import are the same computation and the rules are tested without a database.
 *
 * The register wins over what was typed by hand (DOMAIN.md "People and registers"):
 * - a child or guardian is matched by national identity number; name, birth date and address
 *   protection follow the file;
 * - a guardianship the file lists is created, or confirmed (verified) with the file's parental
 *   responsibility and relation; an ended one it lists again starts again;
 * - a register guardianship of a child in the file that the file no longer lists is ended (kept,
 *   with `ended_at`); a guardian typed in by hand and not yet confirmed is left as it is, unverified,
 *   and reported as `unconfirmed`;
 * - children the file does not list are left alone: an extract covers the children it names.
 */
export interface ExistingChild {
  id: string;
  nationalId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  addressProtection: AddressProtection | null;
}

export interface ExistingCitizen {
  id: string;
  nationalId: string;
  displayName: string;
  addressProtection: AddressProtection | null;
}

export interface ExistingGuardianship {
  id: string;
  childId: string;
  guardianUserId: string;
  hasParentalResponsibility: boolean;
  source: 'register' | 'manual';
  relation: string | null;
  verified: boolean;
  ended: boolean;
}

/** A child or guardian named by national id while it may not exist yet. */
export interface PlannedChild {
  line: number;
  nationalId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  addressProtection: AddressProtection | null;
  /** Set when the child exists. */
  id: string | null;
  fields: string[];
}

export interface PlannedGuardian {
  line: number;
  nationalId: string;
  displayName: string;
  addressProtection: AddressProtection | null;
  id: string | null;
  fields: string[];
}

export interface PlannedGuardianship {
  line: number | null;
  childNationalId: string;
  guardianNationalId: string;
  childName: string;
  guardianName: string;
  hasParentalResponsibility: boolean;
  relation: string | null;
  id: string | null;
  fields: string[];
  /** Gains (true) or loses (false) parental responsibility by this change; null when unchanged. */
  responsibility: 'gained' | 'lost' | null;
}

export interface PopulationPlan {
  children: { create: PlannedChild[]; change: PlannedChild[] };
  guardians: { create: PlannedGuardian[]; change: PlannedGuardian[] };
  guardianships: {
    create: PlannedGuardianship[];
    change: PlannedGuardianship[];
    end: PlannedGuardianship[];
    unconfirmed: PlannedGuardianship[];
  };
}

export const guardianDisplayName = (g: { givenName: string; familyName: string }): string => `${g.givenName} ${g.familyName}`;

export function planPopulation(
  records: PopulationChildRecord[],
  existing: { children: ExistingChild[]; citizens: ExistingCitizen[]; guardianships: ExistingGuardianship[] },
): PopulationPlan {
  const plan: PopulationPlan = {
    children: { create: [], change: [] },
    guardians: { create: [], change: [] },
    guardianships: { create: [], change: [], end: [], unconfirmed: [] },
  };
  const childByNid = new Map(existing.children.map((c) => [c.nationalId, c]));
  const citizenByNid = new Map(existing.citizens.map((c) => [c.nationalId, c]));
  const citizenById = new Map(existing.citizens.map((c) => [c.id, c]));
  const plannedGuardians = new Set<string>();

  for (const record of records) {
    const child = childByNid.get(record.nationalId);
    const childName = `${record.givenName} ${record.familyName}`;
    const fields = child
      ? (['givenName', 'familyName', 'birthDate', 'addressProtection'] as const).filter((f) => child[f] !== record[f])
      : [];
    const planned: PlannedChild = {
      line: record.line,
      nationalId: record.nationalId,
      givenName: record.givenName,
      familyName: record.familyName,
      birthDate: record.birthDate,
      addressProtection: record.addressProtection,
      id: child?.id ?? null,
      fields: [...fields],
    };
    if (!child) plan.children.create.push(planned);
    else if (fields.length) plan.children.change.push(planned);

    for (const g of record.guardians) {
      const citizen = citizenByNid.get(g.nationalId);
      const displayName = guardianDisplayName(g);
      if (!plannedGuardians.has(g.nationalId)) {
        plannedGuardians.add(g.nationalId);
        const changed = citizen
          ? [
              ...(citizen.displayName !== displayName ? ['displayName'] : []),
              ...(citizen.addressProtection !== g.addressProtection ? ['addressProtection'] : []),
            ]
          : [];
        const guardian: PlannedGuardian = {
          line: g.line,
          nationalId: g.nationalId,
          displayName,
          addressProtection: g.addressProtection,
          id: citizen?.id ?? null,
          fields: changed,
        };
        if (!citizen) plan.guardians.create.push(guardian);
        else if (changed.length) plan.guardians.change.push(guardian);
      }
      const current =
        child && citizen ? existing.guardianships.find((s) => s.childId === child.id && s.guardianUserId === citizen.id) : undefined;
      const base = {
        line: g.line,
        childNationalId: record.nationalId,
        guardianNationalId: g.nationalId,
        childName,
        guardianName: displayName,
        hasParentalResponsibility: g.parentalResponsibility,
        relation: g.relation ?? current?.relation ?? null,
        id: current?.id ?? null,
      };
      if (!current) {
        plan.guardianships.create.push({ ...base, fields: [], responsibility: g.parentalResponsibility ? 'gained' : null });
        continue;
      }
      const had = current.hasParentalResponsibility && !current.ended;
      const changed = [
        ...(current.ended ? ['restarted'] : []),
        ...(!current.verified ? ['verified'] : []),
        ...(current.hasParentalResponsibility !== g.parentalResponsibility ? ['hasParentalResponsibility'] : []),
        ...(g.relation !== null && current.relation !== g.relation ? ['relation'] : []),
      ];
      const responsibility = had === g.parentalResponsibility ? null : g.parentalResponsibility ? 'gained' : 'lost';
      if (changed.length) plan.guardianships.change.push({ ...base, fields: changed, responsibility });
    }

    if (child) {
      const listed = new Set(record.guardians.map((g) => citizenByNid.get(g.nationalId)?.id).filter((id): id is string => !!id));
      for (const s of existing.guardianships) {
        if (s.childId !== child.id || s.ended || listed.has(s.guardianUserId)) continue;
        const citizen = citizenById.get(s.guardianUserId);
        const ending: PlannedGuardianship = {
          line: null,
          childNationalId: record.nationalId,
          guardianNationalId: citizen?.nationalId ?? '',
          childName,
          guardianName: citizen?.displayName ?? '',
          hasParentalResponsibility: s.hasParentalResponsibility,
          relation: s.relation,
          id: s.id,
          fields: [],
          responsibility: s.hasParentalResponsibility ? 'lost' : null,
        };
        if (!s.verified) plan.guardianships.unconfirmed.push({ ...ending, responsibility: null });
        else plan.guardianships.end.push(ending);
      }
    }
  }
  return plan;
}

export interface KnownUnit {
  id: string;
  code: string | null;
  name: string;
}

export interface ExistingEnrolment {
  id: string;
  childId: string;
  unitId: string;
  groupName: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface PlannedEnrolment {
  line: number | null;
  childId: string;
  childName: string;
  unitId: string;
  unitName: string;
  groupName: string | null;
  validFrom: string;
  validTo: string | null;
  id: string | null;
  fields: string[];
}

export interface EnrolmentPlan {
  create: PlannedEnrolment[];
  change: PlannedEnrolment[];
  /** Set `validTo` to the day before today; one that had not begun yet is removed (it never took effect). */
  end: Array<PlannedEnrolment & { removed: boolean }>;
}

/** A unit named by its code, else by its exact name when only one unit has it. */
export function resolveUnit(units: KnownUnit[], key: string): { unit: KnownUnit } | { error: string } {
  const byCode = units.filter((u) => u.code !== null && u.code === key);
  if (byCode.length === 1) return { unit: byCode[0] };
  const byName = units.filter((u) => u.name === key);
  if (byName.length === 1) return { unit: byName[0] };
  if (byName.length > 1) return { error: 'Several units have this name: name the unit by its code' };
  return { error: 'No unit of the municipality has this code or name' };
}

const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The enrolment file speaks for the units it names: there, an enrolment it no longer lists that
 * is current or ahead ends yesterday; enrolments in other units are left alone. An enrolment is
 * one child in one unit from one day: the same three again is the same enrolment (its group and
 * last day follow the file).
 */
export function planEnrolments(
  records: EnrolmentRecord[],
  existing: { units: KnownUnit[]; children: Array<{ id: string; nationalId: string; name: string }>; enrolments: ExistingEnrolment[] },
  today: string,
): EnrolmentPlan {
  const errors: RegisterLineError[] = [];
  const childByNid = new Map(existing.children.map((c) => [c.nationalId, c]));
  const childById = new Map(existing.children.map((c) => [c.id, c]));
  const unitById = new Map(existing.units.map((u) => [u.id, u]));
  const resolved: PlannedEnrolment[] = [];
  const keys = new Map<string, number>();
  for (const r of records) {
    const child = childByNid.get(r.childNationalId);
    if (!child)
      errors.push({
        line: r.line,
        field: 'child_national_id',
        message: 'No such child in the municipality: import the population register first',
      });
    const unit = resolveUnit(existing.units, r.unit);
    if ('error' in unit) errors.push({ line: r.line, field: 'unit', message: unit.error });
    if (!child || 'error' in unit) continue;
    const key = `${child.id}|${unit.unit.id}|${r.from}`;
    const earlier = keys.get(key);
    if (earlier !== undefined) {
      errors.push({ line: r.line, field: 'from', message: `The same child, unit and first day as line ${earlier} (duplicate line)` });
      continue;
    }
    keys.set(key, r.line);
    const overlapping = resolved.find(
      (e) =>
        e.childId === child.id &&
        e.unitId === unit.unit.id &&
        e.validFrom <= (r.to ?? '9999-12-31') &&
        r.from <= (e.validTo ?? '9999-12-31'),
    );
    if (overlapping)
      errors.push({
        line: r.line,
        field: 'from',
        message: `Overlaps line ${overlapping.line}: one child is enrolled in a unit once at a time`,
      });
    resolved.push({
      line: r.line,
      childId: child.id,
      childName: child.name,
      unitId: unit.unit.id,
      unitName: unit.unit.name,
      groupName: r.group,
      validFrom: r.from,
      validTo: r.to,
      id: null,
      fields: [],
    });
  }
  if (errors.length) throw new RegisterFileError(errors.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field)));

  const plan: EnrolmentPlan = { create: [], change: [], end: [] };
  const matched = new Set<string>();
  for (const e of resolved) {
    const current = existing.enrolments.find((x) => x.childId === e.childId && x.unitId === e.unitId && x.validFrom === e.validFrom);
    if (!current) {
      plan.create.push(e);
      continue;
    }
    matched.add(current.id);
    const fields = [...(current.groupName !== e.groupName ? ['groupName'] : []), ...(current.validTo !== e.validTo ? ['validTo'] : [])];
    if (fields.length) plan.change.push({ ...e, id: current.id, fields });
  }
  const covered = new Set(resolved.map((e) => e.unitId));
  const yesterday = addDays(today, -1);
  for (const x of existing.enrolments) {
    if (!covered.has(x.unitId) || matched.has(x.id) || (x.validTo !== null && x.validTo < today)) continue;
    plan.end.push({
      line: null,
      childId: x.childId,
      childName: childById.get(x.childId)?.name ?? '',
      unitId: x.unitId,
      unitName: unitById.get(x.unitId)?.name ?? '',
      groupName: x.groupName,
      validFrom: x.validFrom,
      validTo: yesterday,
      id: x.id,
      fields: ['validTo'],
      removed: x.validFrom > yesterday,
    });
  }
  return plan;
}
