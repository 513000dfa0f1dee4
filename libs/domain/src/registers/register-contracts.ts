/**
 * What a register import answers (the dry run and the import alike): counts, and each created,
 * changed or ended record by its line in the file and its name — never a national identity number.
 */
export interface RegisterImportPersonEntry {
  line: number;
  name: string;
  fields?: string[];
}

export interface RegisterImportGuardianshipEntry {
  line: number | null;
  child: string;
  guardian: string;
  parentalResponsibility: boolean;
  fields?: string[];
}

export interface PopulationImportResponse {
  dryRun: boolean;
  counts: {
    children: { created: number; changed: number };
    guardians: { created: number; changed: number };
    guardianships: { created: number; changed: number; ended: number; unconfirmed: number };
    /** Pending consents that stopped waiting for a guardian who lost parental responsibility. */
    consentsNoLongerWaiting: number;
  };
  children: { created: RegisterImportPersonEntry[]; changed: RegisterImportPersonEntry[] };
  guardians: { created: RegisterImportPersonEntry[]; changed: RegisterImportPersonEntry[] };
  guardianships: {
    created: RegisterImportGuardianshipEntry[];
    changed: RegisterImportGuardianshipEntry[];
    ended: RegisterImportGuardianshipEntry[];
    /** Typed in by hand, not in the register: left as they are, still unverified. */
    unconfirmed: RegisterImportGuardianshipEntry[];
  };
}

export interface RegisterImportEnrolmentEntry {
  line: number | null;
  child: string;
  unit: string;
  group: string | null;
  from: string;
  to: string | null;
  fields?: string[];
  /** An ended enrolment that had not begun is removed rather than ended. */
  removed?: boolean;
}

export interface EnrolmentImportResponse {
  dryRun: boolean;
  counts: { created: number; changed: number; ended: number };
  created: RegisterImportEnrolmentEntry[];
  changed: RegisterImportEnrolmentEntry[];
  ended: RegisterImportEnrolmentEntry[];
}

/** How a guardian registered by hand is related to the child (the register may give others). */
export const GUARDIAN_RELATIONS = ['mor', 'far', 'medmor', 'annen_foresatt'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

/** `POST /api/children/:id/guardians`: a guardian the registers lack, unverified until a register import confirms them. */
export interface AddGuardianRequest {
  nationalId: string;
  givenName: string;
  familyName: string;
  relation: GuardianRelation;
  parentalResponsibility: boolean;
}
