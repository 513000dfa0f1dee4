import type { AccessLogEntryResponse, ConsentResponse, ConsentSignerResponse } from '@stafett/domain';

/** Anne Nordmann, Emma's mother, as a signer who has not answered yet. */
export function signer(overrides: Partial<ConsentSignerResponse> = {}): ConsentSignerResponse {
  return { role: 'guardian', userId: 'user-anne', displayName: 'Anne Nordmann', answer: null, ...overrides };
}

export const erik = (overrides: Partial<ConsentSignerResponse> = {}) =>
  signer({ userId: 'user-erik', displayName: 'Erik Nordmann', ...overrides });

/** A digital signature given on a day. */
export const signedDigitally = (answeredAt = '2026-11-21T10:00:00.000Z'): ConsentSignerResponse['answer'] => ({
  decision: 'signed',
  method: 'digital',
  answeredAt,
  recordedBy: null,
  note: null,
});

/** A draft consent on Emma's case for the health station, asked for by Kari; override what the test is about. */
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
    validFrom: '2026-11-20',
    validTo: '2027-11-19',
    daysLeft: null,
    signers: [signer(), erik()],
    singleSignatureReason: null,
    createdBy: { userId: 'user-kari', displayName: 'Kari Larsen' },
    createdAt: '2026-11-20T09:00:00.000Z',
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
    activatedAt: '2026-11-21T10:00:00.000Z',
    signers: [signer({ answer: signedDigitally() }), erik({ answer: signedDigitally() })],
    ...overrides,
  });

/** Eva Strand (PPT) reading the case through the consent. */
export function accessEntry(overrides: Partial<AccessLogEntryResponse> = {}): AccessLogEntryResponse {
  return {
    occurredAt: '2026-11-22T08:30:00.000Z',
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
