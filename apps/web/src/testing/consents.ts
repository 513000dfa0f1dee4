import type { AccessLogEntryResponse, ConsentResponse, ConsentSignerResponse } from '@stafett/domain';
import { daysFromToday, instantDaysFromNow } from './dates';

/** Anne Nordmann, Emma's mother, as a signer who has not answered yet. */
export function signer(overrides: Partial<ConsentSignerResponse> = {}): ConsentSignerResponse {
  return { role: 'guardian', userId: 'user-anne', displayName: 'Anne Nordmann', answer: null, ...overrides };
}

export const erik = (overrides: Partial<ConsentSignerResponse> = {}) =>
  signer({ userId: 'user-erik', displayName: 'Erik Nordmann', ...overrides });

/** A digital signature given on a day (yesterday unless told). */
export const signedDigitally = (answeredAt = instantDaysFromNow(-1, 11)): ConsentSignerResponse['answer'] => ({
  decision: 'signed',
  method: 'digital',
  answeredAt,
  recordedBy: null,
  note: null,
});

/**
 * A draft consent on Emma's case for the health station, asked for by Kari yesterday, for the default
 * twelve months from then; override what the test is about.
 */
export function consentResponse(overrides: Partial<ConsentResponse> = {}): ConsentResponse {
  return {
    id: 'consent-1',
    caseId: 'case-1',
    child: { givenName: 'Emma', familyName: 'Nordmann' },
    versionNo: 1,
    previousVersionId: null,
    status: 'draft',
    purpose: 'Samarbeid om Emmas søvn og trivsel',
    categories: ['wellbeing', 'health'],
    services: [{ id: 'service-health', name: 'Helsestasjon' }],
    excludedUsers: [],
    excludedCategories: [],
    validFrom: daysFromToday(-1),
    validTo: daysFromToday(363),
    daysLeft: null,
    signers: [signer(), erik()],
    singleSignatureReason: null,
    createdBy: { userId: 'user-kari', displayName: 'Kari Larsen' },
    createdAt: instantDaysFromNow(-1, 9),
    activatedAt: null,
    withdrawnAt: null,
    withdrawalReason: null,
    permissions: { canManage: true, canAnswer: false, canWithdraw: false },
    version: 1,
    ...overrides,
  };
}

/** The same consent, signed by both guardians and in force. */
export const activeConsent = (overrides: Partial<ConsentResponse> = {}) =>
  consentResponse({
    status: 'active',
    daysLeft: 363,
    activatedAt: instantDaysFromNow(-1, 11),
    signers: [signer({ answer: signedDigitally() }), erik({ answer: signedDigitally() })],
    ...overrides,
  });

/** Eva Strand (PPT) reading the case through the consent. */
export function accessEntry(overrides: Partial<AccessLogEntryResponse> = {}): AccessLogEntryResponse {
  return {
    occurredAt: instantDaysFromNow(-1, 9, 30),
    actor: 'Eva Strand',
    role: 'staff',
    unitName: 'PPT Fjordvik',
    serviceName: 'PPT',
    action: 'read',
    recordType: 'case',
    basis: 'consent',
    ...overrides,
  };
}
