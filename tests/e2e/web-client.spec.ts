import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, TestApp } from './support/test-app';

// The built client as `npm start` serves it: dist/apps/web from `nx build web`, which writes the
// .br/.gz files (tools/precompress.mjs). npm test builds it before this tier.
const webDist = join(__dirname, '../../dist/apps/web');
const browserDir = join(webDist, 'browser');
const INITIAL_JS_BUDGET_BYTES = 150_000; // issue 11: initial client JS ≤ 150 kB transferred compressed

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describe('the built client, precompressed and cached', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    if (!existsSync(join(browserDir, 'index.html'))) throw new Error('dist/apps/web is missing: npm test builds it before the e2e tier');
    t = await startTestApp({ webDistDir: webDist });
    port = Number(new URL(t.baseUrl).port);
  });
  afterAll(() => t?.close());

  // node:http, not supertest or fetch: both decode Content-Encoding, and the bytes on the wire are the point.
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<RawResponse>((resolve, reject) => {
      // No keep-alive agent: no pooled socket outlives the test app.
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const plain = (file: string) => readFileSync(join(browserDir, file));
  const indexHtml = () => plain('index.html').toString('utf8');
  const entryScript = () => /<script src="([^"]+)"/.exec(indexHtml())?.[1] ?? 'no script in index.html';
  const stylesheet = () => /<link rel="stylesheet" href="([^"]+)"/.exec(indexHtml())?.[1] ?? 'no stylesheet in index.html';
  const decode = { br: brotliDecompressSync, gzip: gunzipSync } as const;

  it('the build wrote a brotli and a gzip file beside every script, stylesheet and page, each decoding to the file', () => {
    const compressible = readdirSync(browserDir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.(js|css|html)$/.test(f) && plain(f).length >= 256,
    );
    expect(compressible).toEqual(expect.arrayContaining(['index.html', entryScript(), stylesheet()]));
    for (const file of compressible) {
      expect({ file, br: brotliDecompressSync(plain(`${file}.br`)).equals(plain(file)) }).toEqual({ file, br: true });
      expect({ file, gzip: gunzipSync(plain(`${file}.gz`)).equals(plain(file)) }).toEqual({ file, gzip: true });
    }
  });

  describe.each(['br', 'gzip'] as const)('with Accept-Encoding: %s', (coding) => {
    it.each([
      ['the entry script', () => `/${entryScript()}`, () => plain(entryScript())],
      ['the stylesheet', () => `/${stylesheet()}`, () => plain(stylesheet())],
      ['index.html', () => '/index.html', () => plain('index.html')],
      ['a deep link (index.html)', () => '/cases/00000000-0000-4000-8000-000000000000', () => plain('index.html')],
    ])('sends %s encoded, decoding to exactly the plain bytes, with the plain file’s type', async (_what, path, bytes) => {
      const identity = await get(path(), { 'Accept-Encoding': 'identity' });
      const res = await get(path(), { 'Accept-Encoding': coding });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers['vary']).toMatch(/\baccept-encoding\b/i);
      expect(res.headers['content-type']).toBe(identity.headers['content-type']);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(bytes().length);
      expect(decode[coding](res.body).equals(bytes())).toBe(true);
    });
  });

  it('prefers brotli for what browsers send, and never a coding the client weighs q=0', async () => {
    const script = `/${entryScript()}`;
    expect((await get(script, { 'Accept-Encoding': 'gzip, deflate, br, zstd' })).headers['content-encoding']).toBe('br');
    expect((await get(script, { 'Accept-Encoding': 'br;q=0, *' })).headers['content-encoding']).toBe('gzip');
    expect((await get(script, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
  });

  it.each([
    ['Accept-Encoding: identity', { 'Accept-Encoding': 'identity' }],
    ['no Accept-Encoding', {}],
  ])('sends the plain file for %s', async (_what, headers: Record<string, string>) => {
    const res = await get(`/${entryScript()}`, headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['vary']).toMatch(/\baccept-encoding\b/i);
    expect(Number(res.headers['content-length'])).toBe(plain(entryScript()).length);
    expect(res.body.equals(plain(entryScript()))).toBe(true);
  });

  it('answers HEAD and a revalidation of an encoded file like GET, without the body', async () => {
    const script = `/${entryScript()}`;
    const full = await get(script, { 'Accept-Encoding': 'br' });
    const head = await get(script, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
    expect(full.headers['etag']).toBeDefined();
    const again = await get(script, { 'Accept-Encoding': 'br', 'If-None-Match': String(full.headers['etag']) });
    expect(again.status).toBe(304);
    // Another coding is another representation: the brotli ETag must not validate the gzip bytes.
    const gzip = await get(script, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(full.headers['etag']) });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('lets browsers keep hashed files for a year, and revalidate index.html (also as a deep link) and unhashed files', async () => {
    const immutable = 'public, max-age=31536000, immutable';
    for (const coding of ['br', 'gzip', 'identity']) {
      expect((await get(`/${entryScript()}`, { 'Accept-Encoding': coding })).headers['cache-control']).toBe(immutable);
      expect((await get(`/${stylesheet()}`, { 'Accept-Encoding': coding })).headers['cache-control']).toBe(immutable);
      for (const page of ['/', '/index.html', '/some/deep/link', '/cases/00000000-0000-4000-8000-000000000000']) {
        const res = await get(page, { 'Accept-Encoding': coding });
        expect({ page, coding, status: res.status, cacheControl: res.headers['cache-control'] }).toEqual({
          page,
          coding,
          status: 200,
          cacheControl: 'no-cache',
        });
      }
    }
    const favicon = await get('/favicon.ico');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the security headers on the client’s files', async () => {
    for (const path of [`/${entryScript()}`, '/some/deep/link']) {
      const res = await get(path, { 'Accept-Encoding': 'br' });
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('still answers an unknown API path with 404 problem+json, not the client', async () => {
    for (const path of ['/api/unknown', '/api/main.js', '/api']) {
      const res = await get(path, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ status: 404 });
    }
  });

  it('sends the initial JavaScript within the budget of issue 11, brotli-compressed', async () => {
    // The scripts index.html loads and what they import statically; lazy routes are `import("…")`.
    const initial = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (initial.has(file)) return;
      initial.add(file);
      const res = await get(`/${file}`, { 'Accept-Encoding': 'br' });
      expect({ file, status: res.status, encoding: res.headers['content-encoding'] ?? 'identity' }).toEqual({
        file,
        status: 200,
        // The smallest chunks are not worth compressing and have no .br (tools/precompress.mjs).
        encoding: existsSync(join(browserDir, `${file}.br`)) ? 'br' : 'identity',
      });
      transferred.set(file, Number(res.headers['content-length']));
      const source = (res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.body).toString('utf8');
      for (const [, imported] of source.matchAll(/(?:\bfrom\s*|\bimport\s*)"\.\/([^"]+\.js)"/g)) await visit(imported);
    };
    const transferred = new Map<string, number>();
    await visit(entryScript());
    const total = [...transferred.values()].reduce((a, b) => a + b, 0);
    const raw = [...transferred.keys()].reduce((n, f) => n + plain(f).length, 0);
    console.log(
      `initial client JS: ${transferred.size} files, ${(raw / 1000).toFixed(1)} kB raw, ${(total / 1000).toFixed(1)} kB brotli (budget ${INITIAL_JS_BUDGET_BYTES / 1000} kB)`,
    );
    expect(transferred.size).toBeGreaterThan(1);
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});
