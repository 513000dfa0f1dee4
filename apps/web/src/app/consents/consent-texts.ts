import type {
  AccessLogEntryResponse,
  CaseResponse,
  ConsentResponse,
  ConsentSignerResponse,
  ConsentStatus,
  SignatureMethod,
} from '@stafett/domain';
import { signerKeyOf } from '@stafett/domain';
import { isMessageKey } from '../core/i18n/messages';
import type { MessageKey } from '../core/i18n/messages';

/** Message keys for the consent codes; the template literal types make a missing translation a compile error. */
export const consentStatusLabel = (status: ConsentStatus): MessageKey => `consent.status.${status}`;
export const methodLabel = (method: SignatureMethod): MessageKey => `consent.method.${method}`;

/** The consent that gives access now (at most one is active at a time). */
export const activeConsent = (consents: readonly ConsentResponse[]): ConsentResponse | null =>
  consents.find((c) => c.status === 'active') ?? null;

/** The key a signer answers under: the guardian's user id, or `youth`. */
export const signerKey = (signer: ConsentSignerResponse): string => signerKeyOf({ role: signer.role, userId: signer.userId });

export interface ServiceRef {
  id: string;
  name: string;
}

/** The service that owns the case (its unit started it) and takes part without consent. */
export function owningServiceId(record: CaseResponse): string | null {
  return record.ownerUnit?.serviceId ?? null;
}

/** What the active consent covers of the team: taking-part services it does not name, and named services not in the team yet. */
export function consentCoverage(record: CaseResponse, consents: readonly ConsentResponse[]) {
  const active = activeConsent(consents);
  const covered = new Set(active?.services.map((s) => s.id) ?? []);
  const owner = owningServiceId(record);
  const taking = new Map<string, ServiceRef>();
  for (const p of record.participants)
    if (p.active && p.serviceId !== owner) taking.set(p.serviceId, { id: p.serviceId, name: p.serviceName });
  return {
    active,
    /** Taking-part services of other services than the owner's, not named by the active consent. */
    missing: [...taking.values()].filter((s) => !covered.has(s.id)),
    /** Whether any service besides the owner's takes part. */
    others: taking.size > 0,
    /** Named by the active consent, not taking part yet: they may join. */
    mayJoin: (active?.services ?? []).filter((s) => s.id !== owner && !taking.has(s.id)),
  };
}

/** Services of `serviceIds` that would need a consent: not the owner's, not named by the active one. */
export function servicesNeedingConsent(
  record: CaseResponse,
  consents: readonly ConsentResponse[],
  serviceIds: readonly string[],
): string[] {
  const covered = new Set(activeConsent(consents)?.services.map((s) => s.id) ?? []);
  const owner = owningServiceId(record);
  return [...new Set(serviceIds)].filter((id) => id !== owner && !covered.has(id));
}

/** How the family's access log names the basis of an access, in plain words; a basis this client does not know yet as "other". */
export function basisLabel(basis: string | null): MessageKey {
  const key = `familyLog.basis.${basis ?? 'other'}`;
  return isMessageKey(key) ? key : 'familyLog.basis.other';
}

/** What was done, in plain words: a known action as a phrase, otherwise verb and record ("Leste saken"). */
export function accessWhat(entry: Pick<AccessLogEntryResponse, 'action' | 'recordType'>, t: (key: MessageKey) => string): string {
  const record = `familyLog.record.${entry.recordType}`;
  const recordText = t(isMessageKey(record) ? record : 'familyLog.record.other');
  const verb = `familyLog.verb.${entry.action}`;
  if (isMessageKey(verb)) return `${t(verb)} ${recordText}`;
  const action = `familyLog.action.${entry.action}`;
  return isMessageKey(action) ? t(action) : `${t('familyLog.action.other')} ${recordText}`;
}
