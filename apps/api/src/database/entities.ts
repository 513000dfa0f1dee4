import { AuditEvent } from '../audit/audit-event.entity';
import { LoginAttempt } from '../auth/login-attempt.entity';
import { UserSession } from '../auth/user-session.entity';
import { Concern } from '../concerns/concern.entity';
import { AnonymousDiscussion, DiscussionAdvice, DiscussionInvitation } from '../discussions/anonymous-discussion.entity';
import { ChildWelfareReport } from '../reports/child-welfare-report.entity';
import { Child } from '../children/child.entity';
import { Enrolment } from '../children/enrolment.entity';
import { Guardianship } from '../children/guardianship.entity';
import { Municipality } from '../organisation/municipality.entity';
import { Service } from '../organisation/service.entity';
import { Unit } from '../organisation/unit.entity';
import { AppUser } from '../users/app-user.entity';
import { RoleAssignment } from '../users/role-assignment.entity';
import { CaseAccessGrant, CaseLevelDecision, CaseLogEntry, CaseParticipant, CoordinatedCase } from '../cases/coordinated-case.entity';
import { BatonTransfer, CoordinatorWish } from '../coordination/coordination.entities';
import { CaseMeeting } from '../meetings/case-meeting.entity';
import { Consent, ConsentAnswer } from '../consents/consent.entities';
import { CaseGoal, CaseMeasure, CasePrivateNote, MeasureEvaluation } from '../plans/plan.entities';
import { RateLimitCounter } from '../rate-limits/rate-limit-counter.entity';
import { IdempotencyKey } from '../http/idempotency-key.entity';

/** Every entity, listed explicitly: the API is bundled and cannot glob files at run time. */
export const ENTITIES = [
  Municipality,
  Service,
  Unit,
  AppUser,
  RoleAssignment,
  Child,
  Enrolment,
  Guardianship,
  AuditEvent,
  UserSession,
  LoginAttempt,
  Concern,
  ChildWelfareReport,
  AnonymousDiscussion,
  DiscussionInvitation,
  DiscussionAdvice,
  CoordinatedCase,
  CaseLevelDecision,
  CaseParticipant,
  CaseAccessGrant,
  CaseLogEntry,
  BatonTransfer,
  CoordinatorWish,
  CaseGoal,
  CaseMeasure,
  MeasureEvaluation,
  CasePrivateNote,
  CaseMeeting,
  Consent,
  ConsentAnswer,
  RateLimitCounter,
  IdempotencyKey,
];
