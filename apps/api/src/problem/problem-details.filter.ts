import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, titleFor, typeFor } from './problem-details';
import { DomainRuleError } from '@stafett/domain';
import { NotReadyException } from '../health/not-ready.exception';
import { RequestTooLargeException, RequestValidationException, UnprocessableFieldException } from './validation';
import { TooManyRequestsException } from '../rate-limits/too-many-requests.exception';
import { classifyDatabaseError, DatabaseUnavailable } from '../database/database-unavailable';
import { DatabaseUnavailableLog } from '../database/database-unavailable-log';

/** Retry-After of a 503 that names no better time (the audit trail down for another reason, not ready). */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * The one place errors become responses: RFC 9457 problem+json with a request id. Nothing internal
 * (stack, SQL, file paths) ever leaves the server; unexpected errors are logged and answered 500.
 * A database that cannot serve now (pool exhausted, a timeout, down or restarting) is a 503 with
 * Retry-After, logged once per burst (DatabaseUnavailableLog), not once per request.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(@Optional() private readonly outages: DatabaseUnavailableLog = new DatabaseUnavailableLog()) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const unavailable = this.databaseUnavailable(exception);
    const problem = this.toProblem(exception, request);
    if (unavailable) {
      this.outages.report(unavailable, exception, problem.requestId);
    } else if (problem.status >= 500 && !(exception instanceof NotReadyException)) {
      // Not ready is an answer, not a failure: the health controller logs when readiness changes.
      this.logger.error({ err: exception, requestId: problem.requestId }, 'request failed');
    }
    if (response.headersSent) return;
    const retryAfter =
      exception instanceof TooManyRequestsException
        ? exception.retryAfterSeconds
        : problem.status === 503
          ? (unavailable?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)
          : undefined;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  /**
   * Only errors that would otherwise be 5xx: a 4xx says what is wrong with the request (and a
   * body-parser error for a client that hung up carries ECONNRESET of its own socket).
   */
  private databaseUnavailable(exception: unknown): DatabaseUnavailable | undefined {
    if (exception instanceof HttpException && exception.getStatus() < 500) return undefined;
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status < 500) return undefined;
    return classifyDatabaseError(exception);
  }

  toProblem(exception: unknown, request: { id?: string; originalUrl?: string; url?: string }): ProblemDetails {
    const requestId = request.id ? String(request.id) : undefined;
    const base = (status: number, detail?: string): ProblemDetails => ({
      type: typeFor(status),
      title: titleFor(status),
      status,
      ...(detail ? { detail } : {}),
      requestId,
    });
    if (exception instanceof RequestValidationException) {
      return { ...base(400, 'The request has invalid fields'), errors: exception.fieldErrors };
    }
    if (exception instanceof RequestTooLargeException) {
      return { ...base(413, 'The request has more items than allowed'), errors: exception.fieldErrors };
    }
    if (exception instanceof UnprocessableFieldException) {
      return { ...base(422, exception.message), errors: exception.fieldErrors };
    }
    if (exception instanceof DomainRuleError) {
      return { ...base(400, 'The request breaks a rule'), errors: [{ field: exception.field, messages: [exception.message] }] };
    }
    const unavailable = this.databaseUnavailable(exception);
    if (unavailable) return base(503, unavailable.detail);
    if (exception instanceof NotReadyException) {
      return { ...base(503, 'Not ready'), checks: exception.checks };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) return base(status, status === 503 ? 'The service is temporarily unavailable' : undefined);
      return base(status, this.safeDetail(exception));
    }
    // body-parser errors (malformed JSON, body too large) carry a status but are not HttpExceptions.
    const status = (exception as { status?: unknown; type?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const detail =
        type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : type === 'entity.too.large'
            ? 'The request body is too large'
            : undefined;
      return base(status, detail);
    }
    return base(500, 'An unexpected error occurred; quote the request id when reporting it');
  }

  private safeDetail(exception: HttpException): string | undefined {
    const body = exception.getResponse();
    if (typeof body === 'string') return body;
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
    return undefined;
  }
}
