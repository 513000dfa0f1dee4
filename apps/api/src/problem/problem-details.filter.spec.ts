import { ForbiddenException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';
import { TooManyRequestsException } from '../rate-limits/too-many-requests.exception';
import { RequestTooLargeException, RequestValidationException } from './validation';

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();
  const request = { id: 'req-1' };

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

  it('answers a rate limit with 429 and Retry-After in whole seconds', () => {
    const headers: Record<string, string> = {};
    const response = {
      headersSent: false,
      setHeader: (name: string, value: string) => (headers[name] = value),
      status: () => response,
      type: () => response,
      send: jest.fn(),
    };
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) };
    filter.catch(new TooManyRequestsException(12.2), host as never);
    expect(headers['Retry-After']).toBe('13');
    expect(JSON.parse(response.send.mock.calls[0][0])).toMatchObject({ status: 429, title: 'Too Many Requests', requestId: 'req-1' });
  });
});
