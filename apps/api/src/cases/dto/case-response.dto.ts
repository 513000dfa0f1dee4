import { ApiProperty } from '@nestjs/swagger';
import {
  ADDRESS_PROTECTIONS,
  CLOSURE_REASONS,
  INFORMATION_CATEGORIES,
  EVALUATION_DECISIONS,
  EVALUATION_EFFECTS,
  LEVEL_DECISION_KINDS,
  LOG_ENTRY_KINDS,
  MEASURE_STATUSES,
  MINUTES_STATUSES,
  PARTICIPANT_ROLES,
  TRANSFER_STATUSES,
  WISH_SOURCES,
} from '@stafett/domain';
import type {
  AddressProtection,
  CaseLevel,
  CaseParticipantResponse,
  CasePermissions,
  CaseResponse,
  CaseSummaryResponse,
  CaseTasks,
  ClosureReason,
  CoordinatorCandidateResponse,
  CoordinatorResponse,
  CoordinatorWishResponse,
  EvaluationDecision,
  EvaluationEffect,
  EvaluationResponse,
  GoalResponse,
  InformationCategory,
  LevelDecisionKind,
  LevelDecisionResponse,
  LogEntryKind,
  LogEntryResponse,
  MeasureResponse,
  MeasureStatus,
  MeetingResponse,
  MinutesStatus,
  ParticipantRole,
  PersonRef,
  PrivateNoteResponse,
  TransferResponse,
  TransferStatus,
  WishSource,
} from '@stafett/domain';

// The OpenAPI shapes of libs/domain's case contracts; the service builds plain objects of those types.

const HIDDEN_WHEREABOUTS = 'Null for a guardian who does not share the child’s address protection (`whereaboutsHidden`)';

export class PersonRefDto implements PersonRef {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ nullable: true, type: String, description: HIDDEN_WHEREABOUTS }) displayName!: string | null;
}

class ChildRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({
    enum: ADDRESS_PROTECTIONS,
    nullable: true,
    description: 'The register’s address protection, a marking for staff (the family gets null)',
  })
  addressProtection!: AddressProtection | null;
}

export class ParticipantResponseDto implements CaseParticipantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ nullable: true, type: String, description: HIDDEN_WHEREABOUTS }) unitName!: string | null;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty() serviceName!: string;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) role!: ParticipantRole;
  @ApiProperty({ type: [PersonRefDto] }) staff!: PersonRef[];
  @ApiProperty({ format: 'date' }) fromOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) toOn!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) leftAt!: string | null;
}

export class CoordinatorResponseDto extends PersonRefDto implements CoordinatorResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ nullable: true, type: String, description: HIDDEN_WHEREABOUTS }) unitName!: string | null;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({
    enum: ['left', 'no_access'],
    nullable: true,
    description: 'left: disabled or no longer in the unit; no_access: their service’s consent ended',
  })
  inactiveReason!: CoordinatorResponse['inactiveReason'];
  @ApiProperty({ format: 'date-time' }) since!: string;
}

class TransferTargetDto extends PersonRefDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
}

export class TransferResponseDto implements TransferResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TRANSFER_STATUSES }) status!: TransferStatus;
  @ApiProperty({ type: PersonRefDto }) from!: PersonRef;
  @ApiProperty({ type: TransferTargetDto }) to!: TransferTargetDto;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt!: string | null;
}

export class LevelDecisionResponseDto implements LevelDecisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: LEVEL_DECISION_KINDS }) kind!: LevelDecisionKind;
  @ApiProperty({ nullable: true, enum: [1, 2, 3] }) fromLevel!: CaseLevel | null;
  @ApiProperty({ enum: [1, 2, 3] }) toLevel!: CaseLevel;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) childView!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) meetingId!: string | null;
  @ApiProperty({ type: PersonRefDto }) decidedBy!: PersonRef;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

export class EvaluationResponseDto implements EvaluationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) evaluatedOn!: string;
  @ApiProperty({ enum: EVALUATION_EFFECTS }) effect!: EvaluationEffect;
  @ApiProperty() childView!: string;
  @ApiProperty({ enum: EVALUATION_DECISIONS }) decision!: EvaluationDecision;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) nextEvaluationDueOn!: string | null;
  @ApiProperty({ type: PersonRefDto }) evaluatedBy!: PersonRef;
}

export class MeasureResponseDto implements MeasureResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INFORMATION_CATEGORIES }) category!: InformationCategory;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) goalId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid' }) responsibleParticipantId!: string;
  @ApiProperty() responsibleUnitName!: string;
  @ApiProperty({ format: 'date' }) evaluationDueOn!: string;
  @ApiProperty() evaluationOverdue!: boolean;
  @ApiProperty({ enum: MEASURE_STATUSES }) status!: MeasureStatus;
  @ApiProperty({ type: [EvaluationResponseDto] }) evaluations!: EvaluationResponse[];
  @ApiProperty() version!: number;
}

export class GoalResponseDto implements GoalResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INFORMATION_CATEGORIES }) category!: InformationCategory;
  @ApiProperty() text!: string;
  @ApiProperty() achieved!: boolean;
  @ApiProperty() version!: number;
}

export class MeetingResponseDto implements MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INFORMATION_CATEGORIES }) category!: InformationCategory;
  @ApiProperty({ format: 'date-time' }) meetingAt!: string;
  @ApiProperty({ type: [String] }) attendeeParticipantIds!: string[];
  @ApiProperty({ nullable: true, type: String }) otherAttendees!: string | null;
  @ApiProperty() agenda!: string;
  @ApiProperty({ nullable: true, type: String }) decisions!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) nextMeetingOn!: string | null;
  @ApiProperty({ enum: MINUTES_STATUSES }) minutesStatus!: MinutesStatus;
  @ApiProperty() version!: number;
}

export class LogEntryResponseDto implements LogEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INFORMATION_CATEGORIES, nullable: true }) category!: InformationCategory | null;
  @ApiProperty({ enum: LOG_ENTRY_KINDS }) kind!: LogEntryKind;
  @ApiProperty({ nullable: true, type: String, description: 'Null for an entry naming a unit or person where whereabouts are hidden' })
  text!: string | null;
  @ApiProperty({ type: PersonRefDto }) author!: PersonRef;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PrivateNoteResponseDto implements PrivateNoteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: PersonRefDto }) author!: PersonRef;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CoordinatorWishResponseDto implements CoordinatorWishResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: WISH_SOURCES }) source!: WishSource;
  @ApiProperty() wish!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true }) proposed!: PersonRef | null;
  @ApiProperty({ type: PersonRefDto }) recordedBy!: PersonRef;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class CasePermissionsDto implements CasePermissions {
  @ApiProperty() isCoordinator!: boolean;
  @ApiProperty() canCoordinate!: boolean;
  @ApiProperty() canContribute!: boolean;
  @ApiProperty() canAnswerTransfer!: boolean;
  @ApiProperty() canReassign!: boolean;
  @ApiProperty({ type: [String] }) ownParticipantUnitIds!: string[];
  @ApiProperty({ description: 'You write from a health-regime unit: a note enters the shared log only when you choose to share it' })
  writesUnderHealthRegime!: boolean;
}

class OwnerUnitDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ nullable: true, type: String, description: HIDDEN_WHEREABOUTS }) unitName!: string | null;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
}

class ClosureDto {
  @ApiProperty({ enum: CLOSURE_REASONS }) reason!: ClosureReason;
  @ApiProperty({ nullable: true, type: String }) otherText!: string | null;
  @ApiProperty({ format: 'date-time' }) closedAt!: string;
}

export class CaseResponseDto implements CaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ChildRefDto }) child!: ChildRefDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) concernId!: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ enum: [1, 2, 3] }) level!: CaseLevel;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: OwnerUnitDto }) ownerUnit!: OwnerUnitDto;
  @ApiProperty({ type: CoordinatorResponseDto }) coordinator!: CoordinatorResponse;
  @ApiProperty({ type: TransferResponseDto, nullable: true }) pendingTransfer!: TransferResponse | null;
  @ApiProperty({ type: [LevelDecisionResponseDto] }) levelHistory!: LevelDecisionResponse[];
  @ApiProperty({ type: [ParticipantResponseDto] }) participants!: CaseParticipantResponse[];
  @ApiProperty({ type: [GoalResponseDto] }) goals!: GoalResponse[];
  @ApiProperty({ type: [MeasureResponseDto] }) measures!: MeasureResponse[];
  @ApiProperty({ type: [MeetingResponseDto] }) meetings!: MeetingResponse[];
  @ApiProperty({ type: [LogEntryResponseDto] }) log!: LogEntryResponse[];
  @ApiProperty({ type: [PrivateNoteResponseDto], description: 'Only the notes of your own units' }) privateNotes!: PrivateNoteResponse[];
  @ApiProperty({ type: [CoordinatorWishResponseDto] }) coordinatorWishes!: CoordinatorWishResponse[];
  @ApiProperty({ type: ClosureDto, nullable: true }) closure!: ClosureDto | null;
  @ApiProperty({ description: 'The reader does not share the child’s address protection: units, staff and attendees are left out' })
  whereaboutsHidden!: boolean;
  @ApiProperty({ type: CasePermissionsDto }) permissions!: CasePermissions;
  @ApiProperty() version!: number;
}

class SummaryCoordinatorDto extends PersonRefDto {
  @ApiProperty({ nullable: true, type: String, description: HIDDEN_WHEREABOUTS }) unitName!: string | null;
  @ApiProperty() active!: boolean;
}

export class CaseSummaryResponseDto implements CaseSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() child!: { id: string; givenName: string; familyName: string };
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ enum: [1, 2, 3] }) level!: CaseLevel;
  @ApiProperty({ type: SummaryCoordinatorDto }) coordinator!: SummaryCoordinatorDto;
  @ApiProperty({ type: [String], description: 'Empty when `whereaboutsHidden`' }) participantUnitNames!: string[];
  @ApiProperty({ description: 'The reader does not share the child’s address protection: units and staff are left out' })
  whereaboutsHidden!: boolean;
  @ApiProperty() activeMeasures!: number;
  @ApiProperty() overdueEvaluations!: number;
  @ApiProperty({ description: 'Private notes of your own units only' }) privateNotes!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextMeetingAt!: string | null;
  @ApiProperty() isCoordinator!: boolean;
  @ApiProperty() version!: number;
}

export class CoordinatorCandidateResponseDto extends PersonRefDto implements CoordinatorCandidateResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
}

export class CaseTasksDto implements CaseTasks {
  @ApiProperty({ description: 'Measures whose evaluation is due within 14 days or overdue: yours as coordinator or your unit’s' })
  evaluationsDue!: CaseTasks['evaluationsDue'];
  @ApiProperty({ description: 'Baton transfers waiting for your answer' })
  transfersAwaitingMe!: CaseTasks['transfersAwaitingMe'];
  @ApiProperty({ description: 'Meetings of your cases in the next 14 days' })
  meetingsComingUp!: CaseTasks['meetingsComingUp'];
  @ApiProperty({
    description:
      'For leaders: cases of your unit whose coordinator is disabled or has left, and cases your unit owns whose coordinator’s service lost its consent',
  })
  casesWithoutActiveCoordinator!: CaseTasks['casesWithoutActiveCoordinator'];
  @ApiProperty({ description: 'Consents of your cases nearing their last day (30, 7 and 1 days before, by default)' })
  consentReminders!: CaseTasks['consentReminders'];
  @ApiProperty({ description: 'Your cases whose latest consent was withdrawn or has expired: close, or ask for a new consent' })
  consentsEnded!: CaseTasks['consentsEnded'];
}
