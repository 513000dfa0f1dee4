import { ForbiddenException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AuditUnavailableException } from '../audit/audit.service';
import { DatabaseUnavailableLog } from '../database/database-unavailable-log';
import { ProblemDetailsFilter } from './problem-details.filter';
import { TooManyRequestsException } from '../rate-limits/too-many-requests.exception';
import { RequestTooLargeException, RequestValidationException, UnprocessableFieldException } from './validation';

describe('ProblemDetailsFilter', () => {
  const outages = new DatabaseUnavailableLog({ warn: () => undefined });
  const filter = new ProblemDetailsFilter(outages);
  const request = { id: 'req-1' };
  // Expected 500s and refusals are logged; not into the test output.
  beforeEach(() =>
    jest.spyOn((filter as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined),
  );
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => outages.onApplicationShutdown());

  it('lists each invalid field for a validation error', () => {
    const problem = filter.toProblem(new RequestValidationException([{ field: 'name', messages: ['name must be a string'] }]), request);
    expect(problem).toEqual({
      type: 'https://stafett.no/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has invalid fields',
      requestId: 'req-1',
      errors: [{ field: 'name', messages: ['name must be a string'] }],
    });
  });

  it('keeps the message of a 4xx HttpException', () => {
    expect(filter.toProblem(new ForbiddenException('not yours'), request)).toMatchObject({ status: 403, detail: 'not yours' });
    expect(filter.toProblem(new NotFoundException(), request)).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('never leaks the text of an unexpected error', () => {
    const problem = filter.toProblem(new Error('relation "secret_table" does not exist at /srv/app/x.ts:1'), request);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toMatch(/secret_table|\/srv\/app/);
  });

  it('does not pass on the detail of a 5xx HttpException', () => {
    const problem = filter.toProblem(new ServiceUnavailableException('pool exhausted on host db-3'), request);
    expect(problem).toMatchObject({ status: 503, detail: 'The service is temporarily unavailable' });
  });

  it('answers malformed JSON bodies with 400', () => {
    const bodyParserError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 7'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(filter.toProblem(bodyParserError, request)).toMatchObject({ status: 400, detail: 'The request body is not valid JSON' });
  });

  it('answers too many items with 413 naming the field', () => {
    const problem = filter.toProblem(
      new RequestTooLargeException([{ field: 'ids', messages: ['ids must not have more than 1000 items'] }]),
      request,
    );
    expect(problem).toMatchObject({ status: 413, title: 'Content Too Large', errors: [{ field: 'ids' }] });
  });

  it('answers a well-formed request that cannot be done as sent with 422 naming the field', () => {
    const problem = filter.toProblem(
      new UnprocessableFieldException([{ field: 'Idempotency-Key', messages: ['used for another request'] }], 'The key was used'),
      request,
    );
    expect(problem).toMatchObject({
      status: 422,
      title: 'Unprocessable Content',
      detail: 'The key was used',
      errors: [{ field: 'Idempotency-Key', messages: ['used for another request'] }],
    });
  });

  /** Runs the filter as Nest does and returns what the client got. */
  function answer(exception: unknown, using = filter) {
    const headers: Record<string, string> = {};
    let status = 0;
    const response = {
      headersSent: false,
      setHeader: (name: string, value: string) => (headers[name] = value),
      status: (code: number) => ((status = code), response),
      type: (type: string) => ((headers['Content-Type'] = type), response),
      send: jest.fn(),
    };
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) };
    using.catch(exception, host as never);
    return { status, headers, body: JSON.parse(response.send.mock.calls[0][0]) };
  }

  it('answers a rate limit with 429 and Retry-After in whole seconds', () => {
    const { headers, body } = answer(new TooManyRequestsException(12.2));
    expect(headers['Retry-After']).toBe('13');
    expect(body).toMatchObject({ status: 429, title: 'Too Many Requests', requestId: 'req-1' });
  });

  describe('a database that cannot serve now', () => {
    const lockTimeout = () =>
      new QueryFailedError(
        'SELECT * FROM concern WHERE id = $1',
        ['01818012345'],
        Object.assign(new DatabaseError('canceling statement due to lock timeout', 100, 'error'), { severity: 'ERROR', code: '55P03' }),
      );

    it.each([
      ['an exhausted pool', new Error('timeout exceeded when trying to connect'), '2', 'The database is busy; try again in a few seconds'],
      ['a lock timeout', lockTimeout(), '2', 'The database is busy; try again in a few seconds'],
      [
        'a refused connection',
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
        '5',
        'The database is unavailable; try again in a few seconds',
      ],
      [
        'a lost connection',
        new Error('Connection terminated unexpectedly'),
        '5',
        'The database is unavailable; try again in a few seconds',
      ],
    ])('answers %s with 503 problem+json and Retry-After, never 500', (_what, error, retryAfter, detail) => {
      const { status, headers, body } = answer(error);
      expect(status).toBe(503);
      expect(headers).toEqual({ 'Retry-After': retryAfter, 'Content-Type': 'application/problem+json' });
      expect(body).toEqual({
        type: 'https://stafett.no/problems/503',
        title: 'Service Unavailable',
        status: 503,
        detail,
        requestId: 'req-1',
      });
      expect(JSON.stringify(body)).not.toMatch(/concern|01818012345|ECONNREFUSED|5432|timeout exceeded/);
    });

    it('reports it to the outage log instead of an error line with a stack per request', () => {
      const own = new DatabaseUnavailableLog({ warn: jest.fn() });
      const report = jest.spyOn(own, 'report');
      const using = new ProblemDetailsFilter(own);
      const error = jest.spyOn((using as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined);
      answer(lockTimeout(), using);
      answer(new Error('timeout exceeded when trying to connect'), using);
      expect(report.mock.calls.map(([what, , requestId]) => [what.reason, requestId])).toEqual([
        ['lock_timeout', 'req-1'],
        ['pool_exhausted', 'req-1'],
      ]);
      expect(error).not.toHaveBeenCalled();
      own.onApplicationShutdown();
    });

    it('keeps the audit trail’s 503 and gives it the Retry-After of the database’s state', () => {
      const { status, headers, body } = answer(new AuditUnavailableException(lockTimeout()));
      expect(status).toBe(503);
      expect(headers['Retry-After']).toBe('2');
      expect(body).toMatchObject({ status: 503, detail: 'The database is busy; try again in a few seconds' });
      const refused = answer(new AuditUnavailableException(new Error('permission denied')));
      expect(refused).toMatchObject({
        status: 503,
        headers: { 'Retry-After': '5' },
        body: { detail: 'The service is temporarily unavailable' },
      });
    });

    it('leaves a 4xx alone, even one whose cause looks like an outage (a client that hung up)', () => {
      const aborted = Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted', code: 'ECONNRESET' });
      expect(answer(aborted)).toMatchObject({ status: 400, headers: { 'Content-Type': 'application/problem+json' } });
      expect(answer(aborted).headers['Retry-After']).toBeUndefined();
    });

    it('still answers a bug with 500 and no Retry-After, and logs it', () => {
      const { status, headers } = answer(new TypeError('x is undefined'));
      expect(status).toBe(500);
      expect(headers['Retry-After']).toBeUndefined();
      expect((filter as unknown as { logger: { error: jest.Mock } }).logger.error).toHaveBeenCalledTimes(1);
    });
  });
});
