import { syntheticNationalId } from '@stafett/domain';
import { elevenDigitRuns } from './support/identity-numbers';
import { daysFromToday, queryOnce } from '@stafett/testing';
import { signIn, SignedIn } from './support/sign-in';
import { seedSecondMunicipality } from './support/second-municipality';
import { startTestApp, TestApp } from './support/test-app';

describe('anonymous discussion over HTTP', () => {
  let t: TestApp;
  let kari: SignedIn;
  let siri: SignedIn;
  let ola: SignedIn;
  let hanne: SignedIn;
  let nina: SignedIn;
  let unitId: string;
  let nordliId: string;
  let schoolId: string;
  let healthId: string;
  let otherTenantUnitId: string;
  let emmaId: string;

  const api = async (who: SignedIn, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-xsrf-token': who.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}), ...extra },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : null };
  };
  const base = () => ({
    authorUnitId: unitId,
    topic: 'Trekker seg unna i lek',
    description: 'Et barn i avdelingen har over tid trukket seg unna lek og virker ofte sliten om morgenen.',
    ageBand: '3-5',
    categories: ['wellbeing'],
    namesGroup: false,
    namesDiagnosis: false,
    invitedUnitIds: [healthId],
  });
  type Problem = { errors?: Array<{ field: string; messages: string[] }> };
  const fields = (body: Problem) => (body.errors ?? []).map((e) => e.field).sort();
  const messagesOf = (body: Problem, field: string) => (body.errors ?? []).find((e) => e.field === field)?.messages.join(' ') ?? '';
  const unitNamed = async (name: string) =>
    (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM unit WHERE name = $1`, [name]))[0].id;
  const counts = async () =>
    (
      await queryOnce<{ discussions: string; invitations: string; advice: string }>(
        t.db.ownerUrl,
        `SELECT (SELECT count(*) FROM anonymous_discussion) AS discussions, (SELECT count(*) FROM discussion_invitation) AS invitations,
              (SELECT count(*) FROM discussion_advice) AS advice`,
      )
    )[0];
  const concernAboutEmma = async () =>
    (
      await api(kari, 'POST', '/api/concerns', {
        unitId,
        childId: emmaId,
        aroseOn: daysFromToday(-30),
        observedBy: 'pedagogisk leder',
        description: 'Trekker seg unna i lek.',
        categories: ['wellbeing'],
      })
    ).body.id as string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    await seedSecondMunicipality(t.db.ownerUrl);
    [kari, siri, ola, hanne, nina] = [
      await signIn(t.baseUrl, 'staff', 'Kari Larsen'),
      await signIn(t.baseUrl, 'staff', 'Siri Nilsen'),
      await signIn(t.baseUrl, 'staff', 'Ola Berg'),
      await signIn(t.baseUrl, 'staff', 'Hanne Moe'),
      await signIn(t.baseUrl, 'staff', 'Nina Dahl'),
    ];
    unitId = await unitNamed('Sentrum barnehage');
    nordliId = await unitNamed('Nordli barnehage');
    schoolId = await unitNamed('Fjordvik skole');
    healthId = await unitNamed('Fjordvik helsestasjon');
    otherTenantUnitId = await unitNamed('Nabodal skole');
    emmaId = (await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`))[0].id;
  }, 120000);
  afterAll(() => t?.close());

  it('starts a discussion inviting another service, and audits it without naming a child', async () => {
    const res = await api(kari, 'POST', '/api/anonymous-discussions', base());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      topic: 'Trekker seg unna i lek',
      authorUnitName: 'Sentrum barnehage',
      isAuthor: true,
      ageBand: '3-5',
      status: 'open',
      invitedUnits: [{ id: healthId, name: 'Fjordvik helsestasjon' }],
      advice: [],
      linkedConcernId: null,
    });
    const audit = await queryOnce(
      t.db.ownerUrl,
      `SELECT action, basis, record_type, category, subject_child_id FROM audit_event WHERE record_id = $1`,
      [res.body.id],
    );
    expect(audit).toEqual([
      {
        action: 'create',
        basis: 'ownership',
        record_type: 'anonymous_discussion',
        category: 'anonymous_discussion',
        subject_child_id: null,
      },
    ]);
  });

  it('refuses fields that would identify the child with a 400 naming each of them', async () => {
    const before = await counts();
    const res = await api(kari, 'POST', '/api/anonymous-discussions', {
      ...base(),
      givenName: 'Emma',
      birthDate: '2021-04-12',
      nationalId: syntheticNationalId('2021-04-12', 810),
      address: 'Fjordveien 1',
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['address', 'birthDate', 'givenName', 'nationalId']);
    expect(messagesOf(res.body, 'nationalId')).toContain('should not exist');
    expect(await counts()).toEqual(before);
  });

  it('refuses an identity number or a date typed into free text, with a clear message', async () => {
    const before = await counts();
    const number = await api(kari, 'POST', '/api/anonymous-discussions', {
      ...base(),
      description: `Gjelder barnet med nummer ${syntheticNationalId('2021-04-12', 810)}.`,
    });
    expect(number.status).toBe(400);
    expect(fields(number.body)).toEqual(['description']);
    expect(messagesOf(number.body, 'description')).toContain('looks like an identity number');

    const dates = await api(kari, 'POST', '/api/anonymous-discussions', {
      ...base(),
      topic: 'Født 12.04.2021',
      description: 'Fylte år 12. april 2021 og har endret seg siden.',
    });
    expect(dates.status).toBe(400);
    expect(fields(dates.body)).toEqual(['description', 'topic']);
    expect(messagesOf(dates.body, 'topic')).toContain('looks like a date; describe age as an age band instead');

    const { body: discussion } = await api(kari, 'POST', '/api/anonymous-discussions', base());
    const advice = await api(hanne, 'POST', `/api/anonymous-discussions/${discussion.id}/advice`, {
      text: 'Sjekk journal fra 2021-04-12.',
    });
    expect(advice.status).toBe(400);
    expect(fields(advice.body)).toEqual(['text']);
    expect(messagesOf(advice.body, 'text')).toContain('age band');
    expect(await counts()).toEqual({
      ...before,
      discussions: String(Number(before.discussions) + 1),
      invitations: String(Number(before.invitations) + 1),
    });
  });

  it('warns when the details fit fewer than five children: small unit, class and diagnosis', async () => {
    // Sentrum barnehage has one child enrolled: naming the group and a diagnosis points at one child.
    const small = await api(kari, 'POST', '/api/anonymous-discussions', { ...base(), namesGroup: true, namesDiagnosis: true });
    expect(small.status).toBe(201);
    expect(small.body).toMatchObject({ identifiabilityWarning: true, estimatedMatchingChildren: 1 });
    const [stored] = await queryOnce<{ identifiability_warning: boolean }>(
      t.db.ownerUrl,
      'SELECT identifiability_warning FROM anonymous_discussion WHERE id = $1',
      [small.body.id],
    );
    expect(stored.identifiability_warning).toBe(true);
    // Only the stored flag is read back later; the estimate belongs to the moment of writing.
    expect((await api(kari, 'GET', `/api/anonymous-discussions/${small.body.id}`)).body).toMatchObject({
      identifiabilityWarning: true,
      estimatedMatchingChildren: null,
    });

    const [m] = await queryOnce<{ id: string }>(t.db.ownerUrl, `SELECT municipality_id AS id FROM unit WHERE id = $1`, [unitId]);
    await queryOnce(
      t.db.ownerUrl,
      `WITH kids AS (INSERT INTO child (municipality_id, given_name, family_name, birth_date)
                     SELECT $1, 'Mengdebarn', 'Nr ' || g, '2021-01-01' FROM generate_series(1, 150) g RETURNING id)
       INSERT INTO enrolment (municipality_id, child_id, unit_id, valid_from) SELECT $1, id, $2, current_date - 100 FROM kids`,
      [m.id, unitId],
    );
    try {
      const large = await api(kari, 'POST', '/api/anonymous-discussions', { ...base(), ageBand: null });
      expect(large.body).toMatchObject({ identifiabilityWarning: false, estimatedMatchingChildren: 151 });
      const narrowed = await api(kari, 'POST', '/api/anonymous-discussions', { ...base(), namesGroup: true, namesDiagnosis: true });
      expect(narrowed.body).toMatchObject({ identifiabilityWarning: true, estimatedMatchingChildren: 1 });
    } finally {
      await queryOnce(t.db.ownerUrl, `DELETE FROM enrolment WHERE child_id IN (SELECT id FROM child WHERE given_name = 'Mengdebarn')`);
      await queryOnce(t.db.ownerUrl, `DELETE FROM child WHERE given_name = 'Mengdebarn'`);
    }
  });

  it('lets the invited health nurse read and advise, and nothing she receives links to a child', async () => {
    const concernId = await concernAboutEmma();
    const { body: created } = await api(kari, 'POST', '/api/anonymous-discussions', { ...base(), linkedConcernId: concernId });
    expect(created.linkedConcernId).toBe(concernId);

    const list = await api(hanne, 'GET', '/api/anonymous-discussions');
    expect(list.status).toBe(200);
    expect((list.body as Array<{ id: string }>).map((d) => d.id)).toContain(created.id);
    const read = await api(hanne, 'GET', `/api/anonymous-discussions/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ isAuthor: false, linkedConcernId: null, authorUnitName: 'Sentrum barnehage' });
    const advice = await api(hanne, 'POST', `/api/anonymous-discussions/${created.id}/advice`, {
      text: 'Snakk gjerne med foresatte om søvn og rutiner; helsestasjonen kan ta en samtale.',
    });
    expect(advice.status).toBe(201);
    expect(advice.body.advice).toEqual([
      expect.objectContaining({ authorDisplayName: 'Hanne Moe (helsesykepleier)', unitName: 'Fjordvik helsestasjon' }),
    ]);
    for (const received of [list, read, advice]) {
      expect(received.text).not.toContain(emmaId);
      expect(received.text).not.toContain(concernId);
      expect(received.text).not.toContain('Emma');
      expect(received.text).not.toContain('Nordmann');
      expect(elevenDigitRuns(received.text)).toEqual([]);
      expect(received.text).not.toMatch(/childId|"child"/);
    }

    const byAuthor = await api(kari, 'GET', `/api/anonymous-discussions/${created.id}`);
    expect(byAuthor.body).toMatchObject({ linkedConcernId: concernId, adviceCount: 1 });
    expect(byAuthor.body.advice[0].text).toContain('søvn og rutiner');

    // Not invited, not the author, not of the author's unit: the school does not see it.
    expect((await api(nina, 'GET', `/api/anonymous-discussions/${created.id}`)).status).toBe(404);
    expect(((await api(nina, 'GET', '/api/anonymous-discussions')).body as Array<{ id: string }>).map((d) => d.id)).not.toContain(
      created.id,
    );
    expect((await api(nina, 'POST', `/api/anonymous-discussions/${created.id}/advice`, { text: 'Hei' })).status).toBe(404);
    // The author's colleague and leader read it (with the link) but do not take part.
    for (const colleague of [siri, ola]) {
      const read = await api(colleague, 'GET', `/api/anonymous-discussions/${created.id}`);
      expect(read.status).toBe(200);
      expect(read.body.linkedConcernId).toBe(concernId);
      expect((await api(colleague, 'POST', `/api/anonymous-discussions/${created.id}/advice`, { text: 'Hei' })).status).toBe(403);
    }

    const audit = await queryOnce<{ action: string; basis: string; subject_child_id: string | null }>(
      t.db.ownerUrl,
      `SELECT e.action, e.basis, e.subject_child_id FROM audit_event e JOIN app_user u ON u.id = e.actor_user_id
        WHERE e.record_id = $1 AND u.subject = 'hanne.moe' ORDER BY e.seq`,
      [created.id],
    );
    expect(audit).toEqual([
      { action: 'read', basis: 'invited', subject_child_id: null },
      { action: 'read', basis: 'invited', subject_child_id: null },
      { action: 'advise', basis: 'invited', subject_child_id: null },
    ]);
  });

  it('gives the link to the author’s concern to staff of the author’s unit only', async () => {
    const concernId = await concernAboutEmma();
    const { body: created } = await api(kari, 'POST', '/api/anonymous-discussions', { ...base(), linkedConcernId: concernId });
    // Siri works in Sentrum barnehage, the author's unit: she sees the link; the invited nurse does not.
    const colleague = await api(siri, 'GET', `/api/anonymous-discussions/${created.id}`);
    expect(colleague.status).toBe(200);
    expect(colleague.body.linkedConcernId).toBe(concernId);
    expect((await api(hanne, 'GET', `/api/anonymous-discussions/${created.id}`)).body.linkedConcernId).toBeNull();
  });

  it('is closed by the author only; a closed discussion takes no more advice', async () => {
    const { body: created } = await api(kari, 'POST', '/api/anonymous-discussions', base());
    const asCreated = { 'if-match': `"${created.version}"` };
    expect((await api(hanne, 'POST', `/api/anonymous-discussions/${created.id}/close`, undefined, asCreated)).status).toBe(403);
    expect((await api(kari, 'POST', `/api/anonymous-discussions/${created.id}/close`)).status).toBe(428);
    const closed = await api(kari, 'POST', `/api/anonymous-discussions/${created.id}/close`, undefined, asCreated);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', version: created.version + 1 });
    expect((await api(hanne, 'POST', `/api/anonymous-discussions/${created.id}/advice`, { text: 'For sent?' })).status).toBe(409);
    expect((await api(kari, 'POST', `/api/anonymous-discussions/${created.id}/advice`, { text: 'Takk!' })).status).toBe(409);
    expect(
      (await api(kari, 'POST', `/api/anonymous-discussions/${created.id}/close`, undefined, { 'if-match': `"${closed.body.version}"` }))
        .status,
    ).toBe(409);
    const audit = await queryOnce<{ action: string; outcome: string }>(
      t.db.ownerUrl,
      `SELECT action, outcome FROM audit_event WHERE record_id = $1 ORDER BY seq`,
      [created.id],
    );
    // Hanne's refused close is on the record too, as a refusal.
    expect(audit).toEqual([
      { action: 'create', outcome: 'success' },
      { action: 'write', outcome: 'denied' },
      { action: 'close', outcome: 'success' },
    ]);
  });

  it('refuses bad input on every route with 400 naming the fields, and writes nothing half-way', async () => {
    const before = await counts();
    const post = (body: unknown) => api(kari, 'POST', '/api/anonymous-discussions', body);

    const empty = await post({});
    expect(empty.status).toBe(400);
    expect(fields(empty.body)).toEqual(
      expect.arrayContaining(['authorUnitId', 'categories', 'description', 'invitedUnitIds', 'namesDiagnosis', 'namesGroup', 'topic']),
    );
    const shapes = await post({
      ...base(),
      topic: 'ab',
      ageBand: '7',
      categories: ['gossip'],
      namesGroup: 'yes',
      invitedUnitIds: [],
      linkedConcernId: 'x',
    });
    expect(fields(shapes.body)).toEqual(['ageBand', 'categories', 'invitedUnitIds', 'linkedConcernId', 'namesGroup', 'topic']);
    const privileged = await post({ ...base(), authorUserId: 'x', status: 'closed', identifiabilityWarning: false, municipalityId: 'y' });
    expect(fields(privileged.body)).toEqual(['authorUserId', 'identifiabilityWarning', 'municipalityId', 'status']);
    const tooMany = await post({ ...base(), invitedUnitIds: Array.from({ length: 11 }, () => crypto.randomUUID()) });
    expect(fields(tooMany.body)).toEqual(['invitedUnitIds']);

    // Checked against the database: all found at once, before anything is written.
    const notMine = await post({ ...base(), authorUnitId: schoolId, invitedUnitIds: [healthId] });
    expect(fields(notMine.body)).toEqual(['authorUnitId']);
    const sameService = await post({ ...base(), invitedUnitIds: [healthId, nordliId] });
    expect(fields(sameService.body)).toEqual(['invitedUnitIds']);
    expect(messagesOf(sameService.body, 'invitedUnitIds')).toContain('other services');
    const otherTenant = await post({ ...base(), invitedUnitIds: [healthId, otherTenantUnitId], linkedConcernId: crypto.randomUUID() });
    expect(fields(otherTenant.body)).toEqual(['invitedUnitIds', 'linkedConcernId']);

    const { body: discussion } = await api(kari, 'POST', '/api/anonymous-discussions', base());
    const after = await counts();
    expect(after).toEqual({
      ...before,
      discussions: String(Number(before.discussions) + 1),
      invitations: String(Number(before.invitations) + 1),
    });

    expect(fields((await api(kari, 'GET', '/api/anonymous-discussions/not-a-uuid')).body)).toEqual(['id']);
    expect(fields((await api(kari, 'POST', '/api/anonymous-discussions/not-a-uuid/advice', { text: 'Hei' })).body)).toEqual(['id']);
    expect(fields((await api(kari, 'POST', '/api/anonymous-discussions/not-a-uuid/close', undefined, { 'if-match': '"1"' })).body)).toEqual(
      ['id'],
    );
    const adviceUrl = `/api/anonymous-discussions/${discussion.id}/advice`;
    expect(fields((await api(hanne, 'POST', adviceUrl, {})).body)).toEqual(['text']);
    expect(fields((await api(hanne, 'POST', adviceUrl, { text: ' ' })).body)).toEqual(['text']);
    expect(fields((await api(hanne, 'POST', adviceUrl, { text: 'x'.repeat(5001), childId: emmaId })).body)).toEqual(['childId', 'text']);
    expect(await counts()).toEqual(after);
  });
});
