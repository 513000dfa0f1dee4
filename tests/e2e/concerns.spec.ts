import { syntheticNationalId } from '@stafett/domain';
import { daysFromToday, queryOnce } from '@stafett/testing';
import { signIn, SignedIn } from './support/sign-in';
import { startTestApp, TestApp } from './support/test-app';

describe('concerns (level 0) over HTTP', () => {
  let t: TestApp;
  let kari: SignedIn;
  let siri: SignedIn;
  let ola: SignedIn;
  let unitId: string;
  let emmaId: string;
  let lucasId: string;

  const api = async (who: SignedIn, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-xsrf-token': who.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      etag: res.headers.get('etag'),
      type: res.headers.get('content-type'),
      body: text ? JSON.parse(text) : null,
    };
  };
  // The concern arose a month ago; the steps followed in the days after.
  const arose = -30;
  const base = () => ({
    unitId,
    childId: emmaId,
    aroseOn: daysFromToday(arose),
    observedBy: 'pedagogisk leder',
    description: 'Trekker seg unna i lek.',
    childWords: '«Jeg er så trøtt»',
    categories: ['wellbeing', 'family_situation'],
  });
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    [kari, siri, ola] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'staff', 'Siri Nilsen'),
      await signIn(t.baseUrl, 'staff', 'Ola Berg'),
    ];
    unitId = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM unit WHERE name = 'Sentrum barnehage'`))[0].id;
    emmaId = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`))[0].id;
    lucasId = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Lucas'`))[0].id;
  });
  afterAll(() => t?.close());

  it('registers a concern with a decision due 14 days after it arose, and audits it', async () => {
    const res = await api(kari, 'POST', '/api/concerns', base());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'open',
      decisionDueOn: daysFromToday(arose + 14),
      isAuthor: true,
      child: { givenName: 'Emma' },
      version: 1,
    });
    expect(res.etag).toBe('"1"');
    const audit = await queryOnce(t.db.ownerUrl, `SELECT action, basis, subject_child_id FROM audit_event WHERE record_id = $1`, [
      res.body.id,
    ]);
    expect(audit).toEqual([{ action: 'create', basis: 'ownership', subject_child_id: emmaId }]);
  });

  it('registers a new child by name and birth date, with a checked identity number', async () => {
    const nationalId = syntheticNationalId('2020-06-01', 810);
    const res = await api(kari, 'POST', '/api/concerns', {
      ...base(),
      childId: undefined,
      newChild: { givenName: 'Nora', familyName: 'Testesen', birthDate: '2020-06-01', nationalId },
    });
    expect(res.status).toBe(201);
    expect(res.body.child).toMatchObject({ givenName: 'Nora', birthDate: '2020-06-01' });
    expect(JSON.stringify(res.body)).not.toContain(nationalId);
    const wrong = nationalId.slice(0, 10) + ((Number(nationalId[10]) + 1) % 10);
    const bad = await api(kari, 'POST', '/api/concerns', {
      ...base(),
      childId: undefined,
      newChild: { givenName: 'X', familyName: 'Y', birthDate: '2020-06-01', nationalId: wrong },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['newChild.nationalId']);
    expect(await queryOnce(t.db.ownerUrl, `SELECT 1 FROM child WHERE given_name = 'X'`)).toEqual([]);
  });

  it('refuses bad input with 400 naming each field, and stores nothing', async () => {
    const before = await queryOnce<{ n: string }>(t.db.ownerUrl, 'SELECT count(*) AS n FROM concern');
    const missing = await api(kari, 'POST', '/api/concerns', { unitId, childId: emmaId });
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(expect.arrayContaining(['aroseOn', 'categories', 'description', 'observedBy']));
    const privileged = await api(kari, 'POST', '/api/concerns', { ...base(), authorUserId: 'x', status: 'decided', municipalityId: 'y' });
    expect(privileged.status).toBe(400);
    expect(fields(privileged.body)).toEqual(['authorUserId', 'municipalityId', 'status']);
    const notOfUnit = await api(kari, 'POST', '/api/concerns', { ...base(), childId: lucasId });
    expect(notOfUnit.status).toBe(400);
    expect(fields(notOfUnit.body)).toEqual(['childId']);
    const future = await api(kari, 'POST', '/api/concerns', { ...base(), aroseOn: daysFromToday(1) });
    expect(fields(future.body)).toEqual(['aroseOn']);
    const category = await api(kari, 'POST', '/api/concerns', { ...base(), categories: ['gossip'] });
    expect(fields(category.body)).toEqual(['categories']);
    const after = await queryOnce<{ n: string }>(t.db.ownerUrl, 'SELECT count(*) AS n FROM concern');
    expect(after).toEqual(before);
  });

  it('records steps: guardians talked with or why not, never both; dates not in the future', async () => {
    const { body: concern } = await api(kari, 'POST', '/api/concerns', base());
    const both = await api(
      kari,
      'PATCH',
      `/api/concerns/${concern.id}/steps`,
      { talkedWithGuardiansOn: daysFromToday(arose + 2), guardiansNotTalkedReason: 'nei' },
      { 'if-match': '"1"' },
    );
    expect(both.status).toBe(400);
    expect(fields(both.body)).toEqual(['guardiansNotTalkedReason']);
    const future = await api(
      kari,
      'PATCH',
      `/api/concerns/${concern.id}/steps`,
      { talkedWithChildOn: daysFromToday(1) },
      { 'if-match': '"1"' },
    );
    expect(fields(future.body)).toEqual(['talkedWithChildOn']);
    const ok = await api(
      kari,
      'PATCH',
      `/api/concerns/${concern.id}/steps`,
      { talkedWithChildOn: daysFromToday(arose + 1), talkedWithGuardiansOn: daysFromToday(arose + 2) },
      { 'if-match': '"1"' },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      talkedWithChildOn: daysFromToday(arose + 1),
      talkedWithGuardiansOn: daysFromToday(arose + 2),
      version: 2,
    });
    const stale = await api(
      kari,
      'PATCH',
      `/api/concerns/${concern.id}/steps`,
      { sharedWithColleagueOn: daysFromToday(arose + 3) },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect((await api(kari, 'GET', `/api/concerns/${concern.id}`)).body.sharedWithColleagueOn).toBeNull();
  });

  it('shows a concern to colleagues of the unit only once the author shares it', async () => {
    const { body: concern } = await api(kari, 'POST', '/api/concerns', base());
    const colleagueList = async () => ((await api(siri, 'GET', '/api/concerns')).body as Array<{ id: string }>).map((c) => c.id);
    expect(await colleagueList()).not.toContain(concern.id);
    expect((await api(siri, 'GET', `/api/concerns/${concern.id}`)).status).toBe(404);
    expect((await api(ola, 'GET', `/api/concerns/${concern.id}`)).status).toBe(200);
    await api(kari, 'PATCH', `/api/concerns/${concern.id}/steps`, { sharedWithUnit: true }, { 'if-match': '"1"' });
    expect(await colleagueList()).toContain(concern.id);
    // She reads it (and so its version) but does not work on it.
    const read = await api(siri, 'GET', `/api/concerns/${concern.id}`);
    expect(read.body.version).toBe(2);
    const refused = await api(siri, 'POST', `/api/concerns/${concern.id}/decision`, { decision: 'own_service' }, { 'if-match': '"2"' });
    expect(refused.status).toBe(403);
  });

  it('decides once: closing needs a reason; own service asks for a level-1 case; decided is read-only', async () => {
    const { body: concern } = await api(kari, 'POST', '/api/concerns', base());
    const noReason = await api(kari, 'POST', `/api/concerns/${concern.id}/decision`, { decision: 'close' }, { 'if-match': '"1"' });
    expect(noReason.status).toBe(400);
    expect(fields(noReason.body)).toEqual(['reason']);
    const decided = await api(ola, 'POST', `/api/concerns/${concern.id}/decision`, { decision: 'own_service' }, { 'if-match': '"1"' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: 'own_service', requestedCaseLevel: 1 });
    // On the version the decision made: decided, so refused as such (409); on the one before it, stale (412).
    const current = { 'if-match': `"${decided.body.version}"` };
    const late = { talkedWithChildOn: daysFromToday(arose + 4) };
    expect((await api(kari, 'PATCH', `/api/concerns/${concern.id}/steps`, late, current)).status).toBe(409);
    expect((await api(kari, 'POST', `/api/concerns/${concern.id}/decision`, { decision: 'close', reason: 'x' }, current)).status).toBe(409);
    expect((await api(kari, 'PATCH', `/api/concerns/${concern.id}/steps`, late, { 'if-match': '"1"' })).status).toBe(412);
  });

  it('lists open concerns in my tasks, soonest due first, with overdue marked', async () => {
    const old = await api(kari, 'POST', '/api/concerns', { ...base(), aroseOn: daysFromToday(-400) });
    const tasks = await api(kari, 'GET', '/api/tasks');
    const list = tasks.body.concernsAwaitingDecision as Array<{ id: string; overdue: boolean; decisionDueOn: string; status: string }>;
    expect(list[0]).toMatchObject({ id: old.body.id, overdue: true, decisionDueOn: daysFromToday(-400 + 14) });
    expect(list.every((c) => c.status === 'open')).toBe(true);
    expect((await api(siri, 'GET', '/api/tasks')).body.concernsAwaitingDecision).toEqual([]);
  });

  it('refuses a malformed id on every route that takes one with 400 problem+json naming id', async () => {
    const { body: concern } = await api(kari, 'POST', '/api/concerns', base());
    for (const [method, path, body] of [
      ['GET', '/api/concerns/not-a-uuid', undefined],
      ['PATCH', '/api/concerns/not-a-uuid/steps', { talkedWithChildOn: daysFromToday(arose + 1) }],
      ['POST', '/api/concerns/not-a-uuid/decision', { decision: 'close', reason: 'Ingen grunn til bekymring.' }],
      ['GET', `/api/concerns/${concern.id}x`, undefined],
    ] as const) {
      // With If-Match where a change needs it (428 without, whatever the id).
      const res = await api(kari, method, path, body, method === 'GET' ? {} : { 'if-match': '"1"' });
      expect({ method, path, status: res.status, type: res.type, fields: fields(res.body) }).toEqual({
        method,
        path,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
        fields: ['id'],
      });
    }
  });

  it('refuses an unknown decision or level with 400 naming the field, and leaves the concern open', async () => {
    const { body: concern } = await api(kari, 'POST', '/api/concerns', base());
    const row = () => queryOnce(t.db.ownerUrl, 'SELECT * FROM concern WHERE id = $1', [concern.id]);
    const before = await row();
    for (const [body, field] of [
      [{ decision: 'maybe' }, 'decision'],
      [{ decision: 'collaboration', level: 7 }, 'level'],
      [{ decision: 'collaboration', level: 1 }, 'level'],
    ] as const) {
      const res = await api(kari, 'POST', `/api/concerns/${concern.id}/decision`, body, { 'if-match': '"1"' });
      expect({ body, status: res.status, type: res.type, fields: fields(res.body) }).toEqual({
        body,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
        fields: [field],
      });
    }
    expect(await row()).toEqual(before);
    expect((await api(kari, 'GET', `/api/concerns/${concern.id}`)).body).toMatchObject({ status: 'open', decision: null, version: 1 });
  });

  it('writes nothing when a steps update is refused, not even its valid fields', async () => {
    const { body: concern } = await api(kari, 'POST', '/api/concerns', base());
    await api(kari, 'PATCH', `/api/concerns/${concern.id}/steps`, { talkedWithChildOn: daysFromToday(arose + 1) }, { 'if-match': '"1"' });
    const row = () => queryOnce(t.db.ownerUrl, 'SELECT * FROM concern WHERE id = $1', [concern.id]);
    const updates = () =>
      queryOnce(t.db.ownerUrl, `SELECT count(*) AS n FROM audit_event WHERE record_id = $1 AND action = 'update'`, [concern.id]);
    const before = await row();
    expect(before).toEqual([expect.objectContaining({ version: 2, shared_with_unit: false, shared_with_colleague_on: null })]);
    const auditBefore = await updates();
    for (const [body, field] of [
      [
        { sharedWithColleagueOn: daysFromToday(arose + 3), sharedWithUnit: true, talkedWithGuardiansOn: daysFromToday(1) },
        'talkedWithGuardiansOn',
      ],
      [
        { sharedWithUnit: true, talkedWithGuardiansOn: daysFromToday(arose + 2), guardiansNotTalkedReason: 'Far ville ikke.' },
        'guardiansNotTalkedReason',
      ],
      [{ sharedWithUnit: true, sharedWithColleagueOn: 'snart' }, 'sharedWithColleagueOn'],
    ] as const) {
      const res = await api(kari, 'PATCH', `/api/concerns/${concern.id}/steps`, body, { 'if-match': '"2"' });
      expect({ body, status: res.status, fields: fields(res.body) }).toEqual({ body, status: 400, fields: [field] });
    }
    expect(await row()).toEqual(before);
    expect(await updates()).toEqual(auditBefore);
    expect((await api(siri, 'GET', `/api/concerns/${concern.id}`)).status).toBe(404);
  });
});
