import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AccessLogEntryResponse, CaseTasks, ConsentResponse, SessionInfo } from '@stafett/domain';
import { firstValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import { daysFromToday, instantDaysFromNow } from '../../testing/dates';
import { SessionStore } from '../session/session.store';
import { TasksApi } from '../tasks/tasks.api';
import { CaseAccessLogApi, ConsentsApi } from './consents.api';

const CONSENT: ConsentResponse = {
  id: 'consent-1',
  caseId: 'case-1',
  child: { givenName: 'Emma', familyName: 'Nordmann' },
  versionNo: 1,
  previousVersionId: null,
  status: 'draft',
  purpose: 'Samarbeid om Emmas søvn',
  categories: ['wellbeing', 'health'],
  services: [{ id: 'service-health', name: 'Helsestasjon' }],
  excludedUsers: [],
  excludedCategories: [],
  validFrom: daysFromToday(-1),
  validTo: daysFromToday(363),
  daysLeft: null,
  signers: [],
  singleSignatureReason: null,
  createdBy: { userId: 'user-kari', displayName: 'Kari Larsen' },
  createdAt: instantDaysFromNow(-1, 9),
  activatedAt: null,
  withdrawnAt: null,
  withdrawalReason: null,
  permissions: { canManage: true, canAnswer: false, canWithdraw: false },
  version: 1,
};

const SESSION: SessionInfo = {
  user: { id: 'user-kari', displayName: 'Kari Larsen', kind: 'staff', municipalityId: 'm1', familyRole: null },
  roles: [],
  rules: [],
  csrfToken: 'csrf-123',
};

describe('ConsentsApi', () => {
  let http: HttpTestingController;
  let api: ConsentsApi;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(SessionStore).load();
    http.expectOne('/api/me').flush(SESSION);
    await loaded;
    api = TestBed.inject(ConsentsApi);
  });

  afterEach(() => http.verify());

  /** The consent as the page read it: its id and version (3), sent back as If-Match. */
  const read = { id: 'consent-1', version: 3 };

  /**
   * Sends a command, checks method, URL, body, the CSRF header and the version it is based on (a
   * create has none, but an Idempotency-Key), and answers it with the consent.
   */
  async function expectCommand(
    call: Observable<ConsentResponse>,
    url: string,
    body: unknown,
    ifMatch: string | null = '"3"',
  ): Promise<void> {
    const result = firstValueFrom(call);
    const request = http.expectOne({ method: 'POST', url });
    expect(request.request.body).toEqual(body);
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    expect(request.request.headers.get('If-Match')).toBe(ifMatch);
    expect(request.request.headers.has('Idempotency-Key')).toBe(ifMatch === null);
    request.flush(CONSENT);
    await expect(result).resolves.toEqual(CONSENT);
  }

  it("lists every version of a case's consents and reads one", async () => {
    const list = firstValueFrom(api.list('case-1'));
    http.expectOne({ method: 'GET', url: '/api/cases/case-1/consents' }).flush([CONSENT]);
    await expect(list).resolves.toEqual([CONSENT]);
    const one = firstValueFrom(api.get('consent-1'));
    http.expectOne({ method: 'GET', url: '/api/consents/consent-1' }).flush(CONSENT);
    await expect(one).resolves.toEqual(CONSENT);
  });

  it('asks for a consent on the case with what, who and the period', async () => {
    const request = {
      purpose: 'Samarbeid',
      categories: ['wellbeing' as const],
      serviceIds: ['service-health'],
      validTo: daysFromToday(200),
    };
    await expectCommand(api.create('case-1', request), '/api/cases/case-1/consents', request, null);
  });

  it('sends a draft to the signers, with or without a single-signature reason', async () => {
    await expectCommand(api.submit(read), '/api/consents/consent-1/submit', {});
    await expectCommand(api.submit(read, { singleSignatureReason: 'Far kan ikke nås' }), '/api/consents/consent-1/submit', {
      singleSignatureReason: 'Far kan ikke nås',
    });
  });

  it('signs, declines and withdraws as the signed-in guardian', async () => {
    await expectCommand(api.sign(read), '/api/consents/consent-1/sign', null);
    await expectCommand(api.decline(read), '/api/consents/consent-1/decline', null);
    await expectCommand(api.withdraw(read), '/api/consents/consent-1/withdraw', {});
  });

  it("records an oral answer and a withdrawal on someone's behalf", async () => {
    const answer = { signerKey: 'user-anne', decision: 'signed' as const, method: 'oral' as const, note: 'På telefon 20.11.' };
    await expectCommand(api.recordAnswer(read, answer), '/api/consents/consent-1/answers', answer);
    const withdrawal = { onBehalfOf: 'user-erik', note: 'Brev mottatt 21.11.' };
    await expectCommand(api.withdraw(read, withdrawal), '/api/consents/consent-1/withdraw', withdrawal);
  });

  it('passes a refusal on to the caller', async () => {
    const result = firstValueFrom(api.sign(read));
    http.expectOne('/api/consents/consent-1/sign').flush({ status: 403 }, { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
  });

  it('encodes ids in the path', async () => {
    const result = firstValueFrom(api.list('a/b'));
    http.expectOne('/api/cases/a%2Fb/consents').flush([]);
    await result;
    const sign = firstValueFrom(api.sign({ id: 'c d', version: 1 }));
    http.expectOne('/api/consents/c%20d/sign').flush(CONSENT);
    await sign;
  });
});

describe('CaseAccessLogApi', () => {
  it("reads who accessed the child's case", async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const entry: AccessLogEntryResponse = {
      occurredAt: instantDaysFromNow(-1, 10),
      actor: 'Eva Strand',
      role: 'staff',
      unitName: 'PPT Fjordvik',
      serviceName: 'PPT',
      action: 'read',
      recordType: 'case',
      basis: 'consent',
    };
    const result = firstValueFrom(TestBed.inject(CaseAccessLogApi).list('case-1'));
    http.expectOne({ method: 'GET', url: '/api/cases/case-1/access-log' }).flush([entry]);
    await expect(result).resolves.toEqual([entry]);
    http.verify();
  });
});

describe('TasksApi with consent lists', () => {
  it('passes the consent reminders and ended consents through, typed', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const lists: Pick<CaseTasks, 'consentReminders' | 'consentsEnded'> = {
      consentReminders: [
        {
          caseId: 'case-1',
          consentId: 'consent-1',
          child: { givenName: 'Emma', familyName: 'Nordmann' },
          validTo: daysFromToday(7),
          daysLeft: 7,
          reminderDay: 7,
        },
      ],
      consentsEnded: [
        {
          caseId: 'case-2',
          consentId: 'consent-2',
          child: { givenName: 'Lucas', familyName: 'Hansen' },
          status: 'withdrawn',
          endedOn: daysFromToday(-2),
        },
      ],
    };
    const result = firstValueFrom(TestBed.inject(TasksApi).mine());
    http.expectOne('/api/tasks').flush({ concernsAwaitingDecision: [], ...lists });
    const answer = await result;
    expect(answer.consentReminders[0].reminderDay).toBe(7);
    expect(answer.consentsEnded[0].status).toBe('withdrawn');
    http.verify();
  });
});
