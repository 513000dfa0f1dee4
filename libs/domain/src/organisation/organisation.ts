/** Services a municipality runs; each has a confidentiality regime that decides what it may share. */
export const SERVICE_KINDS = [
  'kindergarten',
  'school',
  'health_station',
  'ppt',
  'child_welfare',
  'nav',
  'bup',
  'family_team',
  'psychologist',
  'culture_leisure',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/**
 * administrative: forvaltningsloven; health: helsepersonelloven (profession-bound);
 * child_welfare: barnevernsloven § 13-1; nav: NAV-loven.
 */
export const CONFIDENTIALITY_REGIMES = ['administrative', 'health', 'child_welfare', 'nav'] as const;
export type ConfidentialityRegime = (typeof CONFIDENTIALITY_REGIMES)[number];

/** The regime a service kind falls under unless the municipality says otherwise. */
export const DEFAULT_REGIME: Record<ServiceKind, ConfidentialityRegime> = {
  kindergarten: 'administrative',
  school: 'administrative',
  health_station: 'health',
  ppt: 'administrative',
  child_welfare: 'child_welfare',
  nav: 'nav',
  bup: 'health',
  family_team: 'administrative',
  psychologist: 'health',
  culture_leisure: 'administrative',
};

/** Per-municipality settings; the defaults are the national guidance in DOMAIN.md. */
export interface MunicipalitySettings {
  /** Days from a concern arising until a decision is due. */
  concernDecisionDays: number;
  /** Age from which a youth consents for themself (16 by default; some use 15). */
  youthConsentAge: number;
  /** Whether guardians must also sign while the youth consents for themself. */
  guardiansSignForYouth: boolean;
  /** Default length of a consent, in months. */
  consentDefaultMonths: number;
  /** Days before a consent's to-date on which coordinator and guardians are reminded. */
  consentReminderDays: number[];
}

export const DEFAULT_MUNICIPALITY_SETTINGS: MunicipalitySettings = {
  concernDecisionDays: 14,
  youthConsentAge: 16,
  guardiansSignForYouth: false,
  consentDefaultMonths: 12,
  consentReminderDays: [30, 7, 1],
};

/** Public facts about a municipality's organisation: no personal data. */
export interface OrganisationOverview {
  municipality: { id: string; name: string; code: string };
  /** The municipality's consent policy, public like the rest: the default length and who signs from which age. */
  consentPolicy: Pick<MunicipalitySettings, 'consentDefaultMonths' | 'youthConsentAge' | 'guardiansSignForYouth'>;
  services: Array<{
    id: string;
    kind: ServiceKind;
    name: string;
    regime: ConfidentialityRegime;
    units: Array<{ id: string; name: string }>;
  }>;
}
