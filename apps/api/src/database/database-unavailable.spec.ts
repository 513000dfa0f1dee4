import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { AuditUnavailableException } from '../audit/audit.service';
import { classifyDatabaseError } from './database-unavailable';

/** A server error as pg raises it and TypeORM wraps it for a failed query. */
function failedQuery(code: string, message: string): QueryFailedError {
  const driverError = Object.assign(new DatabaseError(message, 100, 'error'), { severity: 'ERROR', code });
  return new QueryFailedError('SELECT 1 FROM concern WHERE id = $1', ['5f0c…'], driverError);
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('classifyDatabaseError', () => {
  it.each([
    ['pg-pool found no connection free in time', new Error('timeout exceeded when trying to connect'), 'pool_exhausted', 'pool timeout', 2],
    ['statement_timeout', failedQuery('57014', 'canceling statement due to statement timeout'), 'statement_timeout', '57014', 2],
    ['lock_timeout', failedQuery('55P03', 'canceling statement due to lock timeout'), 'lock_timeout', '55P03', 2],
    ['a deadlock', failedQuery('40P01', 'deadlock detected'), 'conflict', '40P01', 1],
    ['a serialization failure', failedQuery('40001', 'could not serialize access'), 'conflict', '40001', 1],
    ['too many connections', withCode('sorry, too many clients already', '53300'), 'too_many_connections', '53300', 5],
    ['out of memory', failedQuery('53200', 'out of memory'), 'insufficient_resources', '53200', 5],
    [
      'the server shutting down (admin)',
      failedQuery('57P01', 'terminating connection due to administrator command'),
      'connection',
      '57P01',
      5,
    ],
    ['the server in crash recovery', withCode('the database system is in recovery mode', '57P03'), 'connection', '57P03', 5],
    [
      'an idle transaction ended by the server',
      failedQuery('25P03', 'terminating connection due to idle-in-transaction timeout'),
      'connection',
      '25P03',
      5,
    ],
    ['a connection exception', withCode('connection failure', '08006'), 'connection', '08006', 5],
    ['the server refusing connections', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'connection', 'ECONNREFUSED', 5],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET'), 'connection', 'ECONNRESET', 5],
    ['a broken pipe', withCode('write EPIPE', 'EPIPE'), 'connection', 'EPIPE', 5],
    ['pg losing the server mid-query', new Error('Connection terminated unexpectedly'), 'connection', 'connection terminated', 5],
    [
      'pg’s connect timeout in the pool',
      new Error('Connection terminated due to connection timeout'),
      'connection',
      'connection terminated',
      5,
    ],
    [
      'a dead client reused',
      new Error('Client has encountered a connection error and is not queryable'),
      'connection',
      'connection terminated',
      5,
    ],
    ['a pool ended at shutdown', new Error('Cannot use a pool after calling end on the pool'), 'connection', 'pool ended', 5],
    [
      'the next query after the connection failed between two',
      new QueryRunnerAlreadyReleasedError(),
      'connection',
      'query runner released',
      5,
    ],
  ])('answers %s as unavailable', (_what, error, reason, code, retryAfterSeconds) => {
    expect(classifyDatabaseError(error)).toMatchObject({ reason, code, retryAfterSeconds });
  });

  it('looks through TypeORM’s wrapper of a driver error without a code', () => {
    const wrapped = new QueryFailedError('COMMIT', [], new Error('Connection terminated unexpectedly'));
    expect(classifyDatabaseError(wrapped)).toMatchObject({ reason: 'connection', code: 'connection terminated' });
  });

  it('looks through causes: the audit trail unavailable because the database is', () => {
    const audit = new AuditUnavailableException(failedQuery('55P03', 'canceling statement due to lock timeout'));
    expect(classifyDatabaseError(audit)).toMatchObject({ reason: 'lock_timeout', code: '55P03' });
  });

  it('looks through the attempts of a failed connect (IPv6 and IPv4 of localhost)', () => {
    const attempts = new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '');
    expect(classifyDatabaseError(attempts)).toMatchObject({ reason: 'connection', code: 'ECONNREFUSED' });
  });

  it('tells a busy database from one that is down, in words that name nothing internal', () => {
    expect(classifyDatabaseError(new Error('timeout exceeded when trying to connect'))?.detail).toBe(
      'The database is busy; try again in a few seconds',
    );
    expect(classifyDatabaseError(withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'))?.detail).toBe(
      'The database is unavailable; try again in a few seconds',
    );
  });

  it.each([
    ['a unique violation', failedQuery('23505', 'duplicate key value violates unique constraint')],
    ['a permission refused', failedQuery('42501', 'permission denied for table audit_event')],
    ['a bad UUID', failedQuery('22P02', 'invalid input syntax for type uuid')],
    ['a row-level security refusal', failedQuery('42501', 'new row violates row-level security policy')],
    ['a programming error', new TypeError('Cannot read properties of undefined')],
    ['an audit failure for another reason', new AuditUnavailableException(failedQuery('42501', 'permission denied'))],
    ['an audit failure without a cause', new AuditUnavailableException()],
    ['something thrown that is not an error', 'timeout exceeded when trying to connect'],
    ['nothing', undefined],
  ])('leaves %s alone (a bug is a 500, a refusal its own status)', (_what, error) => {
    expect(classifyDatabaseError(error)).toBeUndefined();
  });

  it('never takes a server message for the driver’s own', () => {
    const fromServer = Object.assign(new DatabaseError('Connection terminated by trigger', 90, 'error'), {
      severity: 'ERROR',
      code: 'P0001',
    });
    expect(classifyDatabaseError(fromServer)).toBeUndefined();
  });

  it('stops on a cause that refers to itself', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = { cause: error };
    expect(classifyDatabaseError(error)).toBeUndefined();
  });
});
