import { Reflector } from '@nestjs/core';
import type { ModuleRef } from '@nestjs/core';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of, throwError } from 'rxjs';
import { RequestValidationException } from '../problem/validation';
import {
  canonicalJson,
  IdempotencyClaim,
  IdempotencyInterceptor,
  idempotencyKeyFrom,
  idempotencyRequest,
  IdempotentCreate,
  IdempotentReplay,
  replayThrough,
  sha256Hex,
} from './idempotency';

describe('idempotencyKeyFrom', () => {
  it('is null without the header: a create without a key behaves as before', () => {
    expect(idempotencyKeyFrom(undefined)).toBeNull();
  });

  it.each(['a', '3f2b8c1e-6d4a-4c0b-9e7f-0a1b2c3d4e5f', '~!#$%&*+-.^_`|', 'x'.repeat(255)])('takes %j', (key) => {
    expect(idempotencyKeyFrom(key)).toBe(key);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(256)],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['a control character', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['non-ASCII', 'nøkkel'],
    ['sent twice', ['a', 'b']],
  ])('refuses a key with %s as 400 naming the header', (_what, key) => {
    let thrown: unknown;
    try {
      idempotencyKeyFrom(key);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestValidationException);
    expect((thrown as RequestValidationException).fieldErrors).toEqual([
      { field: 'Idempotency-Key', messages: [expect.stringContaining('1–255 visible ASCII characters')] },
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, so field order does not make another request', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('tells apart what JSON tells apart, and keeps array order', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it('writes no body as null, and leaves out undefined fields as JSON.stringify does', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
    expect(canonicalJson('æøå "quoted"')).toBe(JSON.stringify('æøå "quoted"'));
  });
});

describe('idempotencyRequest', () => {
  const request = (body: unknown, originalUrl = '/api/concerns') => ({ method: 'POST', originalUrl, body });
  const route = { responseStatus: 201, resourceType: 'concern' };

  it('keeps only hashes of the key and the body, with the method and path', () => {
    const made = idempotencyRequest('key-1', request({ text: 'Emma er lei seg' }), route);
    expect(made).toEqual({
      keyHash: sha256Hex('key-1'),
      method: 'POST',
      route: '/api/concerns',
      requestHash: sha256Hex('{"text":"Emma er lei seg"}'),
      responseStatus: 201,
      resourceType: 'concern',
    });
    expect(JSON.stringify(made)).not.toContain('Emma');
    expect(made.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the same body in another field order alike, another body or path differently', () => {
    const a = idempotencyRequest('k', request({ a: 1, b: 2 }), route);
    expect(idempotencyRequest('k', request({ b: 2, a: 1 }), route).requestHash).toBe(a.requestHash);
    expect(idempotencyRequest('k', request({ a: 1, b: 3 }), route).requestHash).not.toBe(a.requestHash);
    expect(idempotencyRequest('k', request({ a: 1, b: 2 }, '/api/cases'), route).route).not.toBe(a.route);
  });
});

describe('IdempotencyClaim', () => {
  it('is taken by the first transaction only', () => {
    const claim = new IdempotencyClaim(
      idempotencyRequest('k', { method: 'POST', originalUrl: '/api/x' }, { responseStatus: 201, resourceType: 'x' }),
    );
    expect(claim.wasTaken).toBe(false);
    expect(claim.take()).toEqual(claim.request);
    expect(claim.take()).toBeNull();
    expect(claim.wasTaken).toBe(true);
  });
});

describe('IdempotencyInterceptor', () => {
  class RecordsService {
    read = jest.fn(async (_ctx: unknown, id: string) => ({ id, version: 4 }));
  }
  const records = new RecordsService();
  const moduleRef = { get: jest.fn(() => records) } as unknown as ModuleRef;
  const interceptor = new IdempotencyInterceptor(moduleRef, new Reflector());

  class Controller {
    @IdempotentCreate(replayThrough('record', RecordsService, (s, ctx, id) => s.read(ctx, id)))
    create() {
      return undefined;
    }
  }

  function contextFor(headers: Record<string, string>) {
    const req = { method: 'POST', originalUrl: '/api/records', body: { a: 1 }, headers, principal: { userId: 'u' }, ability: {} };
    const res = { status: jest.fn(), setHeader: jest.fn() };
    const context = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
      getHandler: () => Controller.prototype.create,
    } as unknown as ExecutionContext;
    return { req, res, context };
  }

  it('leaves a request without the header alone', async () => {
    const { req, context } = contextFor({});
    const handled: CallHandler = { handle: () => of({ id: 'new' }) };
    await expect(lastValueFrom(interceptor.intercept(context, handled))).resolves.toEqual({ id: 'new' });
    expect(req).not.toHaveProperty('idempotency');
  });

  it('gives the request a claim for its transaction, the status the route answers with', async () => {
    const { req, context } = contextFor({ 'idempotency-key': 'k-1' });
    const claimOf = () => (req as { idempotency?: IdempotencyClaim }).idempotency;
    // The create's transaction takes it (ActingTransactions).
    await lastValueFrom(interceptor.intercept(context, { handle: () => of(claimOf()?.take() && { id: 'new' }) }));
    expect(claimOf()?.request).toMatchObject({
      keyHash: sha256Hex('k-1'),
      route: '/api/records',
      responseStatus: 201,
      resourceType: 'record',
    });
  });

  it('answers a replay by the record’s own read, with the first status, the header and the record’s ETag', async () => {
    const { res, context } = contextFor({ 'idempotency-key': 'k-1' });
    const replayed = { handle: () => throwError(() => new IdempotentReplay('r-1', 201)) };
    await expect(lastValueFrom(interceptor.intercept(context, replayed))).resolves.toEqual({ id: 'r-1', version: 4 });
    expect(records.read).toHaveBeenCalledWith(expect.objectContaining({ idempotency: null }), 'r-1');
    expect(res.status).toHaveBeenCalledWith(201);
    expect(res.setHeader).toHaveBeenCalledWith('Idempotency-Replayed', 'true');
    expect(res.setHeader).toHaveBeenCalledWith('ETag', '"4"');
  });

  it('passes the read’s refusal on (a caller who lost access gets its 404), and any other error as it is', async () => {
    const { context } = contextFor({ 'idempotency-key': 'k-1' });
    records.read.mockRejectedValueOnce(new Error('not found'));
    const replayed = { handle: () => throwError(() => new IdempotentReplay('r-1', 201)) };
    await expect(lastValueFrom(interceptor.intercept(context, replayed))).rejects.toThrow('not found');
    const failing = { handle: () => throwError(() => new Error('boom')) };
    await expect(lastValueFrom(interceptor.intercept(context, failing))).rejects.toThrow('boom');
  });

  it('refuses a bad key before the create runs', () => {
    const { context } = contextFor({ 'idempotency-key': 'has space' });
    const handle = jest.fn();
    expect(() => interceptor.intercept(context, { handle })).toThrow(RequestValidationException);
    expect(handle).not.toHaveBeenCalled();
  });
});
