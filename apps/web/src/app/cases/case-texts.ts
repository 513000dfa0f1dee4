import type {
  AddressProtection,
  CaseLevel,
  CaseParticipantResponse,
  CaseResponse,
  CaseState,
  ClosureReason,
  EvaluationDecision,
  EvaluationEffect,
  LevelDecisionKind,
  LogEntryKind,
  MinutesStatus,
  ParticipantRole,
  WishSource,
} from '@stafett/domain';
import { isMessageKey } from '../core/i18n/messages';
import type { MessageKey } from '../core/i18n/messages';

/** Message keys for the domain's codes; the template literal types make a missing translation a compile error. */
export const levelLabel = (level: CaseLevel): MessageKey => `case.level.${level}`;
export const levelHint = (level: CaseLevel): MessageKey => `case.levelHint.${level}`;
export const decisionKindLabel = (kind: LevelDecisionKind): MessageKey => `caseLevel.kind.${kind}`;
export const roleLabel = (role: ParticipantRole): MessageKey => `caseTeam.role.${role}`;
export const closureLabel = (reason: ClosureReason): MessageKey => `caseClose.reason.${reason}`;
export const effectLabel = (effect: EvaluationEffect): MessageKey => `caseEval.effect.${effect}`;
export const evaluationDecisionLabel = (decision: EvaluationDecision): MessageKey => `caseEval.decision.${decision}`;
export const minutesLabel = (status: MinutesStatus): MessageKey => `caseMeeting.status.${status}`;
export const wishSourceLabel = (source: WishSource): MessageKey => `caseBaton.wishSource.${source}`;

/** The log gains kinds as the system learns to record more (consents): one this client does not know yet is shown as an event. */
export function logKindLabel(kind: LogEntryKind): MessageKey {
  const key = `caseLog.kind.${kind}`;
  return isMessageKey(key) ? key : 'caseLog.kind.other';
}

/** The marking staff see on a child with a protected address. */
export const addressProtectionLabel = (protection: AddressProtection): MessageKey => `case.addressProtection.${protection}`;

/** The name a person is shown with. */
export const childName = (child: { givenName: string; familyName: string }) => `${child.givenName} ${child.familyName}`;

/** Today's calendar date plus `days`, where the user is, `YYYY-MM-DD`. */
export function isoDatePlus(days: number, now = new Date()): string {
  const date = new Date(now);
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A `datetime-local` value (local time, no zone) as the ISO instant the API stores; null when it is not a time. */
export function localDateTimeToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO instant as a `datetime-local` value in the user's time zone, for editing. */
export function isoToLocalDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The participants taking part now (joined, not left, inside their period). */
export const activeParticipants = (record: CaseResponse): CaseParticipantResponse[] => record.participants.filter((p) => p.active);

/**
 * The case as the domain's pure transitions see it, so a form can run the same rule as the server
 * (e.g. an escalation to level 2 needs a second service) before sending. The server decides again.
 */
export function caseStateOf(record: CaseResponse): CaseState {
  const active = activeParticipants(record);
  const unitOf = new Map(record.participants.map((p) => [p.id, p]));
  const pending = record.pendingTransfer;
  const pendingUnit = pending ? record.participants.find((p) => p.unitId === pending.to.unitId) : undefined;
  return {
    status: record.status,
    level: record.level,
    coordinatorUserId: record.coordinator.userId,
    coordinatorUnitId: record.coordinator.unitId,
    coordinatorServiceId: record.coordinator.serviceId,
    participants: active.map((p) => ({ unitId: p.unitId, serviceId: p.serviceId })),
    pendingTransfer:
      pending && pendingUnit ? { toUserId: pending.to.userId, toUnitId: pending.to.unitId, toServiceId: pendingUnit.serviceId } : null,
    measures: record.measures
      .filter((m) => m.status === 'active')
      .map((m) => ({
        id: m.id,
        responsibleUnitId: unitOf.get(m.responsibleParticipantId)?.unitId ?? '',
        evaluationDueOn: m.evaluationDueOn,
      })),
  };
}
