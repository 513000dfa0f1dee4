import type { OrganisationOverview } from '@stafett/domain';
import type { DiscussionResponse, ReportResponse } from '@stafett/web-data-access';
import { daysFromToday, instantDaysFromNow } from './dates';
import { MUNICIPALITY_ID, sessionFor } from './sessions';

/** The organisation of the municipality the level-0 specs play in. */
export const ORGANISATION: OrganisationOverview = {
  municipality: { id: MUNICIPALITY_ID, name: 'Fjordvik kommune', code: '9999' },
  consentPolicy: { consentDefaultMonths: 6, youthConsentAge: 16, guardiansSignForYouth: false },
  services: [
    {
      id: 'service-kg',
      kind: 'kindergarten',
      name: 'Barnehagetjenesten',
      regime: 'administrative',
      units: [
        { id: 'unit-kg', name: 'Sentrum barnehage' },
        { id: 'unit-kg-2', name: 'Nordli barnehage' },
      ],
    },
    {
      id: 'service-school',
      kind: 'school',
      name: 'Skoletjenesten',
      regime: 'administrative',
      units: [{ id: 'unit-school', name: 'Fjordvik skole' }],
    },
    {
      id: 'service-health',
      kind: 'health_station',
      name: 'Helsestasjon',
      regime: 'health',
      units: [{ id: 'unit-health', name: 'Fjordvik helsestasjon' }],
    },
    {
      id: 'service-cw',
      kind: 'child_welfare',
      name: 'Barneverntjenesten',
      regime: 'child_welfare',
      units: [{ id: 'unit-cw', name: 'Fjordvik barneverntjeneste' }],
    },
  ],
};

export const MUNICIPALITIES = [{ id: MUNICIPALITY_ID, code: '9999', name: 'Fjordvik kommune' }];

export const LEVEL0_SESSIONS = {
  kari: sessionFor({
    userId: 'user-kari',
    displayName: 'Kari Larsen',
    kind: 'staff',
    roles: [{ role: 'staff', unitId: 'unit-kg', serviceId: 'service-kg', serviceKind: 'kindergarten' }],
  }),
  hanne: sessionFor({
    userId: 'user-hanne',
    displayName: 'Hanne Moe',
    kind: 'staff',
    roles: [{ role: 'staff', unitId: 'unit-health', serviceId: 'service-health', serviceKind: 'health_station' }],
  }),
  jon: sessionFor({
    userId: 'user-jon',
    displayName: 'Jon Vik',
    kind: 'staff',
    roles: [{ role: 'staff', unitId: 'unit-cw', serviceId: 'service-cw', serviceKind: 'child_welfare' }],
  }),
};

/** A discussion as the API answers it; override what the test is about. */
export function discussionResponse(overrides: Partial<DiscussionResponse> = {}): DiscussionResponse {
  return {
    id: 'discussion-1',
    topic: 'Trekker seg unna i lek',
    authorDisplayName: 'Kari Larsen',
    authorUnitName: 'Sentrum barnehage',
    isAuthor: true,
    ageBand: '3-5',
    categories: ['wellbeing'],
    identifiabilityWarning: false,
    status: 'open',
    adviceCount: 0,
    createdAt: instantDaysFromNow(-2, 10),
    description: 'Et barn i avdelingen trekker seg unna lek.',
    invitedUnits: [{ id: 'unit-health', name: 'Fjordvik helsestasjon' }],
    advice: [],
    linkedConcernId: null,
    estimatedMatchingChildren: null,
    version: 1,
    ...overrides,
  };
}

/** A report filed two days ago, as the API answers it; override what the test is about. */
export function reportResponse(overrides: Partial<ReportResponse> = {}): ReportResponse {
  return {
    id: 'report-1',
    child: { id: 'child-emma', givenName: 'Emma', familyName: 'Nordmann', birthDate: '2021-04-12' },
    reporterDisplayName: 'Kari Larsen',
    reporterUnitName: 'Sentrum barnehage',
    concernId: null,
    content: 'Emma har fortalt om vold hjemme.',
    urgent: false,
    submittedOn: daysFromToday(-2),
    reviewDueOn: daysFromToday(-2 + 7),
    receiptDueOn: daysFromToday(-2 + 21),
    reviewedAt: null,
    receiptConfirmedAt: null,
    reviewOverdue: false,
    receiptOverdue: false,
    version: 1,
    ...overrides,
  };
}

/** A validation problem as the server sends it (400, problem+json). */
export function problem(errors: Array<{ field: string; messages: string[] }>) {
  return {
    body: { type: 'https://stafett.no/problems/validation', title: 'Bad Request', status: 400, errors },
    init: { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } },
  };
}
