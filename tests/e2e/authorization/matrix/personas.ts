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
  privacyOfficer: { audience: 'staff', who: 'Tor Holm' },
  guardian: { audience: 'citizen', who: 'Anne Nordmann' },
  guardianWithoutResponsibility: { audience: 'citizen', who: 'Geir Hansen' },
  youth: { audience: 'citizen', who: 'Sofie Johansen' },
} as const;

export type SignedInPersona = keyof typeof PERSONAS;
export type Persona = SignedInPersona | 'anonymous';

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
}

/** Runs requests as a persona while preparing a row's records. */
export type ActAs = (persona: SignedInPersona, method: string, path: string, body?: unknown) => Promise<Response>;

export interface MatrixRow {
  request: (t: MatrixTargets, prepared: Record<string, string>) => { path: string; body?: unknown; headers?: Record<string, string> };
  /** Makes a fresh record for every case (for one-shot changes such as a decision); its ids reach `request`. */
  prepareEach?: (t: MatrixTargets, as: ActAs) => Promise<Record<string, string>>;
  /** Needs a session of its own (e.g. it ends the session). */
  freshSession?: boolean;
  expect: Record<Persona, number>;
}

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
  privacyOfficer: status,
  guardian: status,
  guardianWithoutResponsibility: status,
  youth: status,
});

export const signedIn = (status: number, overrides: Partial<Record<Persona, number>> = {}): Record<Persona, number> => ({
  ...everyone(status),
  anonymous: 401,
  ...overrides,
});
