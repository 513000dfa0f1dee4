import { addDays, CONCERN_CATEGORIES, DomainRuleError } from '../concerns/concern';
import type { MunicipalitySettings } from '../organisation/organisation';

/**
 * Consent (samtykke) as pure rules: what (purpose and categories of information), who (services,
 * with optional exclusions of persons or categories), the period, and who must sign. States
 * `draft → pending_signatures → active → expired | withdrawn | superseded`, and `declined`.
 * Expiry is not a stored transition: a consent is expired when the database's current date is
 * past its to-date, so no job has to run for access to end.
 */

/** Categories of information a consent covers; the same words as the categories of worry. */
export const INFORMATION_CATEGORIES = CONCERN_CATEGORIES;
export type InformationCategory = (typeof INFORMATION_CATEGORIES)[number];

export const CONSENT_STATUSES = ['draft', 'pending_signatures', 'active', 'expired', 'withdrawn', 'superseded', 'declined'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
/** What is stored; `expired` is only ever derived from the to-date. */
export type StoredConsentStatus = Exclude<ConsentStatus, 'expired'>;

export const SIGNER_ROLES = ['guardian', 'youth'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** How an answer was given: digitally by the person signed in with ID-porten, or recorded by staff from an oral or paper consent. */
export const SIGNATURE_METHODS = ['digital', 'oral', 'paper'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export interface ConsentScope {
  purpose: string;
  categories: InformationCategory[];
  serviceIds: string[];
  excludedUserIds: string[];
  excludedCategories: InformationCategory[];
  validFrom: string;
  validTo: string;
}

export interface RequiredSigner {
  /** The guardian's or youth's user; a youth who has never signed in has none yet (matched by the child). */
  userId: string | null;
  role: SignerRole;
}

export interface ConsentState {
  status: StoredConsentStatus;
  validTo: string;
  requiredSigners: RequiredSigner[];
  /** Set when one signature is enough: sole responsibility, or the other guardian cannot be reached. */
  singleSignatureReason: string | null;
  answers: Array<{ signerKey: string; decision: 'signed' | 'declined' }>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The signer's key: their user id, or `youth` for a youth signing for themself. */
export const signerKeyOf = (signer: RequiredSigner): string => (signer.role === 'youth' ? 'youth' : (signer.userId as string));

/** Age in whole years on a day, from ISO dates. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Who must sign: every guardian with parental responsibility; from the youth consent age the
 * youth for themself, and then the guardians too only where the municipality says so.
 */
export function requiredSigners(
  child: { birthDate: string; youthUserId: string | null },
  guardians: Array<{ userId: string; parentalResponsibility: boolean }>,
  settings: Pick<MunicipalitySettings, 'youthConsentAge' | 'guardiansSignForYouth'>,
  today: string,
): RequiredSigner[] {
  const responsible = guardians.filter((g) => g.parentalResponsibility).map((g) => ({ userId: g.userId, role: 'guardian' as const }));
  if (ageOn(child.birthDate, today) < settings.youthConsentAge) return responsible;
  const youth: RequiredSigner = { userId: child.youthUserId, role: 'youth' };
  return settings.guardiansSignForYouth ? [youth, ...responsible] : [youth];
}

/** The default to-date: the municipality's consent length in months (12 by default) after the from-date. */
export function defaultValidTo(validFrom: string, settings: Pick<MunicipalitySettings, 'consentDefaultMonths'>): string {
  const d = new Date(`${validFrom}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + settings.consentDefaultMonths);
  return addDays(d.toISOString().slice(0, 10), -1);
}

/** A consent must say what, who and for how long; a to-date is required and lies after the from-date. */
export function checkScope(scope: ConsentScope, today: string): void {
  if (!scope.purpose.trim()) throw new DomainRuleError('purpose', 'Say what the collaboration is about');
  if (scope.categories.length === 0) throw new DomainRuleError('categories', 'Name at least one category of information');
  if (scope.serviceIds.length === 0) throw new DomainRuleError('serviceIds', 'Name at least one service');
  if (!ISO_DATE.test(scope.validFrom)) throw new DomainRuleError('validFrom', 'Give the first day of the consent');
  if (!ISO_DATE.test(scope.validTo)) throw new DomainRuleError('validTo', 'A consent needs a last day');
  if (scope.validTo < scope.validFrom) throw new DomainRuleError('validTo', 'The last day cannot be before the first');
  if (scope.validTo < today) throw new DomainRuleError('validTo', 'The last day has already passed');
  if (scope.excludedCategories.some((c) => scope.categories.includes(c)))
    throw new DomainRuleError('excludedCategories', 'A category cannot be both covered and excluded');
}

/** The consent as it stands today: an active consent past its last day is expired. */
export function effectiveStatus(status: StoredConsentStatus, validTo: string, today: string): ConsentStatus {
  return status === 'active' && validTo < today ? 'expired' : status;
}

/** Sending the draft to the signers; a single signature needs a documented reason. */
export function submitForSignatures(state: ConsentState, singleSignatureReason: string | null): ConsentState {
  if (state.status !== 'draft') throw new DomainRuleError('status', 'Only a draft is sent for signatures');
  if (state.requiredSigners.length === 0)
    throw new DomainRuleError('signers', 'Nobody can give this consent: no guardian with parental responsibility');
  if (singleSignatureReason !== null && !singleSignatureReason.trim())
    throw new DomainRuleError('singleSignatureReason', 'Say why one signature is enough');
  return { ...state, status: 'pending_signatures', singleSignatureReason };
}

function assertSigner(state: ConsentState, signerKey: string): void {
  if (!state.requiredSigners.some((s) => signerKeyOf(s) === signerKey))
    throw new DomainRuleError('signer', 'Only the guardians with parental responsibility, or the youth, answer this consent');
}

/**
 * A signature: the consent becomes active when everyone required has signed — or, with a
 * documented exception, when one has. A signer answers once.
 */
export function sign(state: ConsentState, signerKey: string, today: string): ConsentState {
  if (state.status !== 'pending_signatures') throw new DomainRuleError('status', 'The consent is not waiting for signatures');
  assertSigner(state, signerKey);
  if (state.answers.some((a) => a.signerKey === signerKey)) throw new DomainRuleError('signer', 'You have already answered');
  if (state.validTo < today) throw new DomainRuleError('validTo', 'The consent’s last day has passed; ask for a new one');
  const answers = [...state.answers, { signerKey, decision: 'signed' as const }];
  const signed = new Set(answers.filter((a) => a.decision === 'signed').map((a) => a.signerKey));
  const complete = state.singleSignatureReason !== null ? signed.size >= 1 : state.requiredSigners.every((s) => signed.has(signerKeyOf(s)));
  return { ...state, answers, status: complete ? 'active' : 'pending_signatures' };
}

/** A refusal is recorded as such, and ends the request. */
export function decline(state: ConsentState, signerKey: string): ConsentState {
  if (state.status !== 'pending_signatures') throw new DomainRuleError('status', 'The consent is not waiting for an answer');
  assertSigner(state, signerKey);
  if (state.answers.some((a) => a.signerKey === signerKey)) throw new DomainRuleError('signer', 'You have already answered');
  return { ...state, answers: [...state.answers, { signerKey, decision: 'declined' }], status: 'declined' };
}

/** Any signer (or the youth) withdraws at any time, as easily as it was given; it takes effect at once. */
export function withdraw(state: ConsentState, signerKey: string, today: string): ConsentState {
  if (effectiveStatus(state.status, state.validTo, today) !== 'active')
    throw new DomainRuleError('status', 'Only an active consent is withdrawn');
  assertSigner(state, signerKey);
  return { ...state, status: 'withdrawn' };
}

/** A new version that becomes active supersedes the one before it; history is kept. */
export function supersede(previous: ConsentState): ConsentState {
  if (previous.status !== 'active' && previous.status !== 'pending_signatures' && previous.status !== 'draft') return previous;
  return { ...previous, status: 'superseded' };
}

/** Whether a consent gives access today: active, not withdrawn, and inside its period. */
export function isValidOn(consent: { status: StoredConsentStatus; validFrom: string; validTo: string }, day: string): boolean {
  return consent.status === 'active' && consent.validFrom <= day && day <= consent.validTo;
}

/** The categories a consent lets a named service read. */
export function coveredCategories(scope: Pick<ConsentScope, 'categories' | 'excludedCategories'>): InformationCategory[] {
  return scope.categories.filter((c) => !scope.excludedCategories.includes(c));
}

// What the API answers and accepts for consents.

export interface ConsentSignerResponse {
  role: SignerRole;
  userId: string | null;
  displayName: string;
  answer: {
    decision: 'signed' | 'declined';
    method: SignatureMethod;
    answeredAt: string;
    recordedBy: string | null;
    note: string | null;
  } | null;
}

export interface ConsentResponse {
  id: string;
  caseId: string;
  child: { givenName: string; familyName: string };
  versionNo: number;
  previousVersionId: string | null;
  /** As it stands today: `expired` once the last day has passed. */
  status: ConsentStatus;
  purpose: string;
  categories: InformationCategory[];
  services: Array<{ id: string; name: string }>;
  /** Names are null for a guardian who does not share the child's address protection (S32). */
  excludedUsers: Array<{ userId: string; displayName: string | null }>;
  excludedCategories: InformationCategory[];
  validFrom: string;
  validTo: string;
  /** Days until the last day (0 on the last day); null unless active. */
  daysLeft: number | null;
  signers: ConsentSignerResponse[];
  singleSignatureReason: string | null;
  /** The name is null for a guardian who does not share the child's address protection (S32). */
  createdBy: { userId: string; displayName: string | null };
  createdAt: string;
  activatedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  permissions: { canManage: boolean; canAnswer: boolean; canWithdraw: boolean };
  version: number;
}

export interface CreateConsentRequest {
  purpose: string;
  categories: InformationCategory[];
  serviceIds: string[];
  excludedUserIds?: string[];
  excludedCategories?: InformationCategory[];
  /** Today when left out. */
  validFrom?: string;
  /** The municipality's default length when left out. */
  validTo?: string;
}

export interface SubmitConsentRequest {
  /** One signature is enough only with this reason (sole responsibility, the other cannot be reached). */
  singleSignatureReason?: string | null;
}

export interface WithdrawConsentRequest {
  reason?: string | null;
  /** Staff recording an oral or paper withdrawal: whose (a signer key) and a note. */
  onBehalfOf?: string | null;
  note?: string | null;
}

export interface RecordAnswerRequest {
  /** The guardian's user id, or `youth`. */
  signerKey: string;
  decision: 'signed' | 'declined';
  method: Exclude<SignatureMethod, 'digital'>;
  note: string;
}

/** One line of the family's access log: who read or changed the case, when, as what, on which basis. */
export interface AccessLogEntryResponse {
  occurredAt: string;
  /** Null, like the unit, for a guardian who does not share the child's address protection (S32). */
  actor: string | null;
  role: string | null;
  unitName: string | null;
  serviceName: string | null;
  action: string;
  recordType: string;
  basis: string | null;
}
