/** The personas of the authorization matrix, the records it points at, and the row shape. */
export const PERSONAS = {
  ownUnitStaff: { audience: 'staff', who: 'Kari Larsen' },
  unitColleague: { audience: 'staff', who: 'Siri Nilsen' },
  unitLeader: { audience: 'staff', who: 'Ola Berg' },
  otherUnitStaff: { audience: 'staff', who: 'Nina Dahl' },
  healthNurse: { audience: 'staff', who: 'Hanne Moe' },
  childWelfare: { audience: 'staff', who: 'Jon Vik' },
  otherTenantStaff: { audience: 'staff', who: 'Nils Nabo' },
  admin: { audience: 'staff', who: 'Lise Aas' },
  /** Nabodal's administrator (tests/e2e/support/second-municipality.ts): a row may leave her answer to deriveExpect. */
  otherTenantAdmin: { audience: 'staff', who: 'Nora Nabo' },
  privacyOfficer: { audience: 'staff', who: 'Tor Holm' },
  guardian: { audience: 'citizen', who: 'Anne Nordmann' },
  guardianWithoutResponsibility: { audience: 'citizen', who: 'Geir Hansen' },
  youth: { audience: 'citizen', who: 'Sofie Johansen' },
} as const;

export type SignedInPersona = keyof typeof PERSONAS;
export type Persona = SignedInPersona | 'anonymous';

/** What a row says: every persona's status, but the other municipality's administrator's may be left to deriveExpect. */
export type RowExpect = Record<Exclude<Persona, 'otherTenantAdmin'>, number> & { otherTenantAdmin?: number };

/**
 * The other municipality's administrator on a row that does not name her. Where our administrator is refused
 * (401, 403, 404, …) she is refused the same way: a function an administrator may not use is 403 for any
 * administrator, whichever municipality. Where ours is answered 2xx, the row points at a record of Fjordvik
 * (a user, a service, a unit, a child, a case), and another municipality's record is "not found": 404.
 * Rows where she is answered about her own municipality (the lists, the settings, the creates, the
 * imports, her own session) name her explicitly, with a body check that shows Nabodal's data and none of
 * Fjordvik's. A row that should name her and does not fails loudly (404 expected, 2xx got) rather than
 * passing unnoticed.
 */
export function deriveExpect(expect: RowExpect): Record<Persona, number> {
  if (expect.otherTenantAdmin !== undefined) return expect as Record<Persona, number>;
  const ours = expect.admin;
  return { ...expect, otherTenantAdmin: ours >= 200 && ours < 300 ? 404 : ours };
}

/** Records the requests point at, found in the seeded data. */
export interface MatrixTargets {
  /** Emma: enrolled in Sentrum barnehage (Kari's and Ola's unit); Anne has parental responsibility. */
  childInOwnUnit: string;
  /** A user of the demo municipality the administrator may manage. */
  userInTenant: string;
  /** A service and a unit of the demo municipality. */
  serviceInTenant: string;
  unitInTenant: string;
  /** Emma's child record and Sentrum barnehage, for registering concerns. */
  ownUnit: string;
  /** A concern about Emma by Kari (the author), not shared with the unit. */
  concernByOwnUnitStaff: string;
  /** A concern about Emma by Kari, shared with the unit. */
  sharedConcern: string;
  /** A report to child welfare about Emma, filed by Kari. */
  reportByOwnUnitStaff: string;
  /** Fjordvik helsestasjon (Hanne's unit) and PPT Fjordvik, for the team around the child. */
  healthUnit: string;
  pptUnit: string;
  healthNurseUser: string;
  healthService: string;
  pptService: string;
  /** A level-2 case about Emma coordinated by Kari, with the health station taking part (its participant id). */
  levelTwoCase: string;
  healthParticipant: string;
  /** Its active consent, and a note in its log (category wellbeing, which the consent covers). */
  levelTwoConsent: string;
  levelTwoLogEntry: string;
  /** Erik, Emma's father (parental responsibility, not a persona of the matrix). */
  otherGuardianUser: string;
  /** The signed-in personas' user ids (from their own `GET /api/me`). */
  users: Record<SignedInPersona, string>;
  /**
   * What the level-2 case holds for the body checks: a private note of each unit (the texts are
   * what must never reach another unit), a measure due within a week that the health station is
   * responsible for and a meeting in three days with decisions in draft minutes (both tasks).
   */
  kindergartenNoteText: string;
  healthNoteText: string;
  soonMeasure: string;
  soonMeeting: string;
  draftDecisions: string;
  /** A concern about Emma by Kari, shared with the unit and decided (own service): its outcome is not the colleague's to know. */
  sharedDecidedConcern: string;
}

/** Runs requests as a persona while preparing a row's records. */
export type ActAs = (
  persona: SignedInPersona,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;

/**
 * An answer's parsed JSON. The checks read it field by field against the persona's relation; a typed
 * shape here would only restate the response contracts, and would hide a field that should not be there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = any;

/** What a body check gets besides the body. */
export interface Seen {
  persona: Persona;
  t: MatrixTargets;
  prepared: Record<string, string>;
  /** A GET as the same persona, parsed: to open each row a list names and compare. */
  read: (path: string) => Promise<{ status: number; body: Answer }>;
}

/** Asserts what one persona finds in a 2xx body; it throws (a failed expect) on anything else. */
export type BodyCheck = (body: Answer, seen: Seen) => void | Promise<void>;

export interface MatrixRow {
  /** `persona` only where the persona's own municipality needs its own file (the imports); the unsafe-input sweep leaves it out. */
  request: (
    t: MatrixTargets,
    prepared: Record<string, string>,
    persona?: Persona,
  ) => { path: string; body?: unknown; headers?: Record<string, string> };
  /** Makes a fresh record for every case (for one-shot changes such as a decision); its ids reach `request`. */
  prepareEach?: (t: MatrixTargets, as: ActAs, persona?: Persona) => Promise<Record<string, string>>;
  /** Needs a session of its own (e.g. it ends the session). */
  freshSession?: boolean;
  expect: RowExpect;
  /**
   * What each persona answered 2xx may see in the body: the fields their relation allows, lists
   * and counts equal to what they may open (SECURITY.md S4, S7). Run after the status check; every
   * GET row, and every row answering a case, has one for each persona it answers 2xx.
   */
  see?: Partial<Record<Persona, BodyCheck>>;
}

/** The same check for several personas. */
export const seenBy = (personas: Persona[], check: BodyCheck): Partial<Record<Persona, BodyCheck>> =>
  Object.fromEntries(personas.map((p) => [p, check]));

/** A row as the matrix runs it: every persona's status, the derived one filled in. */
export interface CompleteRow extends MatrixRow {
  expect: Record<Persona, number>;
}

/** Truly everyone, Nabodal's administrator too: a route that answers all alike says so for her as well. */
export const everyone = (status: number): Record<Persona, number> => ({
  anonymous: status,
  ownUnitStaff: status,
  unitColleague: status,
  unitLeader: status,
  otherUnitStaff: status,
  healthNurse: status,
  childWelfare: status,
  otherTenantStaff: status,
  admin: status,
  otherTenantAdmin: status,
  privacyOfficer: status,
  guardian: status,
  guardianWithoutResponsibility: status,
  youth: status,
});

/** Every signed-in persona `status` unless overridden; Nabodal's administrator only when named in `overrides` (else deriveExpect). */
export const signedIn = (status: number, overrides: Partial<Record<Persona, number>> = {}): RowExpect => {
  const { otherTenantAdmin: _derived, ...rest } = everyone(status);
  return { ...rest, anonymous: 401, ...overrides };
};
