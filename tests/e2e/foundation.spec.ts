import request from 'supertest';
import { queryOnce } from '@stafett/testing';
import { elevenDigitRuns } from './support/identity-numbers';
import { ShutdownState } from '../../apps/api/src/health/shutdown-state';
import { startTestApp, TestApp } from './support/test-app';

describe('API foundation over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());

  it('is live and ready when the database answers and is migrated', async () => {
    await http().get('/api/health/live').expect(200, { status: 'ok' });
    const ready = await http().get('/api/health/ready').expect(200);
    expect(ready.body.details).toEqual({ database: { status: 'up' }, migrations: { status: 'up' } });
  });

  it('serves the demo municipality and its services', async () => {
    const list = await http().get('/api/municipalities').expect(200);
    expect(list.body).toEqual([expect.objectContaining({ code: '9999', name: 'Fjordvik kommune' })]);
    const overview = await http().get('/api/municipalities/9999/organisation').expect(200);
    expect(overview.body.services.map((s: { kind: string }) => s.kind).sort()).toEqual([
      'child_welfare',
      'health_station',
      'kindergarten',
      'ppt',
      'school',
    ]);
    expect(elevenDigitRuns(JSON.stringify(overview.body))).toEqual([]); // no identity numbers in public data
  });

  it('publishes the municipality’s consent policy with its organisation, as the municipality has set it', async () => {
    const policy = async () => (await http().get('/api/municipalities/9999/organisation').expect(200)).body.consentPolicy;
    expect(await policy()).toEqual({ consentDefaultMonths: 12, youthConsentAge: 16, guardiansSignForYouth: false });
    await queryOnce(t.db.ownerUrl, `UPDATE municipality SET settings = settings || '{"consentDefaultMonths": 6}' WHERE code = '9999'`);
    try {
      expect(await policy()).toMatchObject({ consentDefaultMonths: 6 });
    } finally {
      await queryOnce(t.db.ownerUrl, `UPDATE municipality SET settings = settings || '{"consentDefaultMonths": 12}' WHERE code = '9999'`);
    }
  });

  it('answers invalid input with 400 problem+json naming the field', async () => {
    const res = await http().get('/api/municipalities/12x/organisation').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, errors: [{ field: 'code', messages: [expect.stringContaining('four-digit')] }] });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers an unknown municipality and an unknown route with 404 problem+json', async () => {
    const missing = await http().get('/api/municipalities/0000/organisation').expect(404);
    expect(missing.body).toMatchObject({ type: 'https://stafett.no/problems/404', status: 404 });
    const route = await http().get('/api/no-such-route').expect(404);
    expect(route.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers malformed and oversized JSON with 4xx problem+json, never 500', async () => {
    const malformed = await http().post('/api/municipalities').set('Content-Type', 'application/json').send('{"a":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ detail: 'The request body is not valid JSON' });
    const huge = await http()
      .post('/api/municipalities')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ a: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sends security headers and forbids caching of API responses', async () => {
    const res = await http().get('/api/municipalities').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('publishes the OpenAPI document with every route', async () => {
    const doc = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/health/live', '/api/health/ready', '/api/municipalities', '/api/municipalities/{code}/organisation']),
    );
    await http().get('/api/docs').expect(200);
  });

  it('goes not-ready (503) as soon as shutdown begins', async () => {
    const other = await startTestApp();
    const server = other.app.getHttpServer();
    await request(server).get('/api/health/ready').expect(200);
    other.app.get(ShutdownState).beforeApplicationShutdown();
    const res = await request(server).get('/api/health/ready').expect(503);
    expect(res.body).toMatchObject({ status: 503, checks: { shutdown: { status: 'down' } } });
    await other.close();
  });
});
