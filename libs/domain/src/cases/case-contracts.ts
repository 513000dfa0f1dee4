import type { InformationCategory } from '../consents/consent-rules';
import type { CoordinatorStanding } from '../auth/ability';
import type { CaseLevel, ClosureReason } from './case-rules';
import type { AddressProtection } from '../identity/address-protection';

/**
 * What the API answers and accepts for the coordinated case (levels 1–3). The API's response
 * DTOs implement these shapes and the client reads them; dates are ISO `YYYY-MM-DD`, times ISO
 * 8601 in UTC.
 */

/** Why a person reads a case: holding the baton, the owning unit, another unit of the owning service, a consent, or as family. */
export type CaseBasis = 'coordinator' | 'ownership' | 'participation' | 'consent' | 'guardian' | 'youth';

export const PARTICIPANT_ROLES = ['coordinating', 'measures', 'advisory', 'health_follow_up', 'other'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const LEVEL_DECISION_KINDS = ['opened', 'escalated', 'de_escalated', 'closed', 'reopened'] as const;
export type LevelDecisionKind = (typeof LEVEL_DECISION_KINDS)[number];

export const TRANSFER_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const EVALUATION_EFFECTS = ['achieved', 'partly', 'none'] as const;
export type EvaluationEffect = (typeof EVALUATION_EFFECTS)[number];

export const EVALUATION_DECISIONS = ['continue', 'change', 'stop'] as const;
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number];

export const MEASURE_STATUSES = ['active', 'stopped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MINUTES_STATUSES = ['draft', 'final'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

export const WISH_SOURCES = ['guardians', 'child'] as const;
export type WishSource = (typeof WISH_SOURCES)[number];

/** Entries of the shared log (stafettlogg): short notes, and what the system writes on each change of the team, level or baton. */
export const LOG_ENTRY_KINDS = [
  'note',
  'opened',
  'level_changed',
  'participant_joined',
  'participant_left',
  'transfer_requested',
  'transfer_declined',
  'transfer_cancelled',
  'baton_passed',
  'closed',
  'reopened',
  'consent_given',
  'consent_withdrawn',
  'consent_declined',
] as const;
export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

/** Entries the system writes with a unit's or a person's name as their text: left out where whereabouts are hidden (S32). */
export const LOG_ENTRY_KINDS_NAMING_WHEREABOUTS: readonly LogEntryKind[] = [
  'participant_joined',
  'participant_left',
  'transfer_requested',
  'baton_passed',
];

/** Shown as null to a guardian who must not learn a protected child's whereabouts (SECURITY.md S32). */
export type Whereabouts = string | null;

export interface PersonRef {
  userId: string;
  /** Null where the case's `whereaboutsHidden` leaves staff names out. */
  displayName: Whereabouts;
}

export interface CaseParticipantResponse {
  id: string;
  unitId: string;
  unitName: Whereabouts;
  serviceId: string;
  serviceName: string;
  role: ParticipantRole;
  /** Named staff within the unit (contact persons); the unit takes part as a whole. */
  staff: PersonRef[];
  fromOn: string;
  toOn: string | null;
  /** Taking part now: joined, not left, and today inside the period. */
  active: boolean;
  leftAt: string | null;
}

export interface CoordinatorResponse extends PersonRef {
  unitId: string;
  unitName: Whereabouts;
  serviceId: string;
  /** False when the person can no longer hold the baton: a leader must take it (see `inactiveReason`). */
  active: boolean;
  /** `left`: disabled or no longer in the unit; `no_access`: their service's consent ended, so their unit no longer reads the case. */
  inactiveReason: Exclude<CoordinatorStanding, 'active'> | null;
  since: string;
}

export interface TransferResponse {
  id: string;
  status: TransferStatus;
  from: PersonRef;
  to: PersonRef & { unitId: string; unitName: string };
  note: string | null;
  declineReason: string | null;
  requestedAt: string;
  answeredAt: string | null;
}

export interface LevelDecisionResponse {
  id: string;
  kind: LevelDecisionKind;
  fromLevel: CaseLevel | null;
  toLevel: CaseLevel;
  reason: string;
  childView: string | null;
  meetingId: string | null;
  decidedBy: PersonRef;
  decidedAt: string;
}

export interface EvaluationResponse {
  id: string;
  evaluatedOn: string;
  effect: EvaluationEffect;
  childView: string;
  decision: EvaluationDecision;
  note: string | null;
  nextEvaluationDueOn: string | null;
  evaluatedBy: PersonRef;
}

export interface MeasureResponse {
  id: string;
  category: InformationCategory;
  goalId: string | null;
  description: string;
  responsibleParticipantId: string;
  responsibleUnitName: Whereabouts;
  evaluationDueOn: string;
  /** Active and past the evaluation due date, by the database's clock. */
  evaluationOverdue: boolean;
  status: MeasureStatus;
  evaluations: EvaluationResponse[];
  version: number;
}

export interface GoalResponse {
  id: string;
  category: InformationCategory;
  text: string;
  achieved: boolean;
  version: number;
}

export interface MeetingResponse {
  id: string;
  category: InformationCategory;
  meetingAt: string;
  /** Participants (units) of the case who attended. */
  attendeeParticipantIds: string[];
  /** Others present, e.g. "mor, far, Emma" — no identity numbers. */
  otherAttendees: string | null;
  agenda: string;
  decisions: string | null;
  nextMeetingOn: string | null;
  minutesStatus: MinutesStatus;
  version: number;
}

export interface LogEntryResponse {
  id: string;
  kind: LogEntryKind;
  /** Null for an entry of `LOG_ENTRY_KINDS_NAMING_WHEREABOUTS` where the case's `whereaboutsHidden`. */
  text: string | null;
  /** The category of information of a note; null for the system's entries about the case itself. */
  category: InformationCategory | null;
  author: PersonRef;
  createdAt: string;
}

/** A note visible only inside the unit that wrote it; never part of the shared log. */
export interface PrivateNoteResponse {
  id: string;
  unitId: string;
  unitName: string;
  text: string;
  author: PersonRef;
  createdAt: string;
}

export interface CoordinatorWishResponse {
  id: string;
  source: WishSource;
  wish: string;
  proposed: PersonRef | null;
  recordedBy: PersonRef;
  recordedAt: string;
}

/** What the signed-in user may do on this case; the server decides again on every command. */
export interface CasePermissions {
  isCoordinator: boolean;
  /** Change level, team, plan and meetings; ask for a transfer; close and reopen. */
  canCoordinate: boolean;
  /** Add log entries and private notes, evaluate measures their unit is responsible for. */
  canContribute: boolean;
  /** The pending transfer is to this user. */
  canAnswerTransfer: boolean;
  /** The coordinator is inactive, and this is a leader of their unit (or of the owning unit, when their service lost access). */
  canReassign: boolean;
  /** Units of the user that take part (where private notes are written). */
  ownParticipantUnitIds: string[];
  /** The user writes from a health-regime unit: a note enters the shared log only when they choose to share it. */
  writesUnderHealthRegime: boolean;
}

export interface CaseResponse {
  id: string;
  /** `addressProtection` is the marking staff see; the family gets null. */
  child: { id: string; givenName: string; familyName: string; birthDate: string; addressProtection: AddressProtection | null };
  concernId: string | null;
  status: 'open' | 'closed';
  level: CaseLevel;
  openedAt: string;
  /** The unit the case came from; its service takes part without consent. */
  ownerUnit: { unitId: string; unitName: Whereabouts; serviceId: string };
  coordinator: CoordinatorResponse;
  pendingTransfer: TransferResponse | null;
  levelHistory: LevelDecisionResponse[];
  participants: CaseParticipantResponse[];
  goals: GoalResponse[];
  measures: MeasureResponse[];
  meetings: MeetingResponse[];
  log: LogEntryResponse[];
  /** Only the notes of the user's own units. */
  privateNotes: PrivateNoteResponse[];
  coordinatorWishes: CoordinatorWishResponse[];
  closure: { reason: ClosureReason; otherText: string | null; closedAt: string } | null;
  /**
   * The reader is a guardian who does not share the child's address protection: unit names, staff
   * names, meeting attendees and a pending baton transfer are left out (null or empty).
   */
  whereaboutsHidden: boolean;
  permissions: CasePermissions;
  version: number;
}

/** A case as a row of "my cases". */
export interface CaseSummaryResponse {
  id: string;
  child: { id: string; givenName: string; familyName: string };
  status: 'open' | 'closed';
  level: CaseLevel;
  coordinator: PersonRef & { unitName: Whereabouts; active: boolean };
  /** Empty where `whereaboutsHidden`. */
  participantUnitNames: string[];
  whereaboutsHidden: boolean;
  activeMeasures: number;
  overdueEvaluations: number;
  /** Private notes of the user's own units only. */
  privateNotes: number;
  nextMeetingAt: string | null;
  isCoordinator: boolean;
  version: number;
}

// Requests. A field left out of a PATCH is kept.

export interface JoiningParticipantRequest {
  unitId: string;
  role: ParticipantRole;
  staffUserIds?: string[];
  fromOn?: string;
  toOn?: string | null;
}

export interface OpenCaseRequest {
  concernId: string;
  /** For a concern decided as collaboration (level 2/3): the other services' units. */
  participants?: JoiningParticipantRequest[];
  reason?: string;
  childView?: string;
}

export interface ChangeLevelRequest {
  toLevel: CaseLevel;
  reason: string;
  childView?: string | null;
  meetingId?: string | null;
  joining?: JoiningParticipantRequest[];
  /** Participant ids that leave with a de-escalation. */
  leaving?: string[];
}

export interface CloseCaseRequest {
  reason: ClosureReason;
  otherText?: string | null;
  childView?: string | null;
}

export interface ReopenCaseRequest {
  reason: string;
}

export interface LeaveParticipantRequest {
  reason: string;
}

export interface RequestTransferRequest {
  toUserId: string;
  note?: string | null;
}

export interface DeclineTransferRequest {
  reason: string;
}

export interface ReassignRequest {
  /** Who should hold the baton; the leader holds it until that person accepts. Left out: the leader keeps it. */
  toUserId?: string | null;
  reason: string;
}

export interface CoordinatorWishRequest {
  source: WishSource;
  wish: string;
  proposedUserId?: string | null;
}

export interface GoalRequest {
  /** The case's first category when left out. */
  category?: InformationCategory;
  text: string;
  achieved?: boolean;
}

export interface MeasureRequest {
  /** The case's first category when left out. */
  category?: InformationCategory;
  goalId?: string | null;
  description: string;
  responsibleParticipantId: string;
  evaluationDueOn: string;
}

export interface EvaluationRequest {
  evaluatedOn: string;
  effect: EvaluationEffect;
  childView: string;
  decision: EvaluationDecision;
  note?: string | null;
  /** Required unless the decision is stop. */
  nextEvaluationDueOn?: string | null;
}

export interface MeetingRequest {
  /** The case's first category when left out. */
  category?: InformationCategory;
  meetingAt: string;
  attendeeParticipantIds?: string[];
  otherAttendees?: string | null;
  agenda: string;
  decisions?: string | null;
  nextMeetingOn?: string | null;
}

export interface LogEntryRequest {
  text: string;
  /** What the note is about; the case's first category when left out. A consent must cover it for other services to read it. */
  category?: InformationCategory;
  /** Required (true) from an author in a health-regime unit: their note is shared with the team only by their own choice. */
  shareHealthInformation?: boolean;
}

export interface PrivateNoteRequest {
  unitId: string;
  text: string;
}

/** Candidates for the baton: active staff of the participating units. */
export interface CoordinatorCandidateResponse extends PersonRef {
  unitId: string;
  unitName: string;
}

export interface CaseTasks {
  evaluationsDue: Array<{
    caseId: string;
    child: { givenName: string; familyName: string };
    measureId: string;
    description: string;
    evaluationDueOn: string;
    overdue: boolean;
  }>;
  transfersAwaitingMe: Array<{
    caseId: string;
    transferId: string;
    child: { givenName: string; familyName: string };
    from: PersonRef;
    requestedAt: string;
  }>;
  meetingsComingUp: Array<{
    caseId: string;
    meetingId: string;
    child: { givenName: string; familyName: string };
    meetingAt: string;
    agenda: string;
  }>;
  /** For leaders: the coordinator left or was disabled (their unit), or their service lost its consent (the owning unit). */
  casesWithoutActiveCoordinator: Array<{
    caseId: string;
    child: { givenName: string; familyName: string };
    coordinator: PersonRef;
    unitName: string;
    reason: Exclude<CoordinatorStanding, 'active'>;
  }>;
  /** The coordinator's reminders before a consent's last day (at the municipality's days, default 30, 7 and 1). */
  consentReminders: Array<{
    caseId: string;
    consentId: string;
    child: { givenName: string; familyName: string };
    validTo: string;
    daysLeft: number;
    /** The reminder day reached: the smallest of the reminder days not below daysLeft. */
    reminderDay: number;
  }>;
  /** Cases the coordinator runs whose latest consent was withdrawn or has expired: close the case, or ask for a new consent. */
  consentsEnded: Array<{
    caseId: string;
    consentId: string;
    child: { givenName: string; familyName: string };
    status: 'withdrawn' | 'expired';
    endedOn: string;
  }>;
}
