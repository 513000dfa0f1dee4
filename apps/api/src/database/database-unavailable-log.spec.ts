import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyDatabaseError, DatabaseUnavailable } from './database-unavailable';
import { DatabaseUnavailableLog } from './database-unavailable-log';

const NATIONAL_ID = '01818012345';

function lockTimeout(): QueryFailedError {
  const driverError = Object.assign(new DatabaseError('canceling statement due to lock timeout', 100, 'error'), {
    severity: 'ERROR',
    code: '55P03',
    where: `while locking tuple (0,1) in relation "concern"`,
  });
  return new QueryFailedError('SELECT * FROM child WHERE national_id = $1', [NATIONAL_ID], driverError);
}

describe('DatabaseUnavailableLog', () => {
  let lines: Array<{ fields: Record<string, unknown>; message: string }>;
  let log: DatabaseUnavailableLog;
  const poolTimeout = new Error('timeout exceeded when trying to connect');
  const pool = classifyDatabaseError(poolTimeout) as DatabaseUnavailable;

  beforeEach(() => {
    jest.useFakeTimers();
    lines = [];
    log = new DatabaseUnavailableLog({ warn: (fields, message) => lines.push({ fields, message }) }, 10_000);
  });
  afterEach(() => {
    log.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('writes one line for the first occurrence and one summary for the rest of the burst', () => {
    for (let i = 0; i < 1000; i++) log.report(pool, poolTimeout, `req-${i}`);
    expect(lines).toHaveLength(1);
    expect(lines[0].message).toBe('database unavailable (pool_exhausted, pool timeout): answering 503; more within 10 s are counted');
    expect(lines[0].fields).toEqual({
      database: { reason: 'pool_exhausted', code: 'pool timeout' },
      error: { type: 'Error', message: 'timeout exceeded when trying to connect' },
      requestId: 'req-0',
    });
    jest.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({
      fields: { database: { unavailable: 999, reasons: { 'pool_exhausted pool timeout': 999 } } },
      message: 'database unavailable: 999 more answered 503 in the last 10 s',
    });
  });

  it('goes on with one line per window while the outage lasts, and starts afresh after a quiet window', () => {
    log.report(pool, poolTimeout);
    for (let window = 0; window < 5; window++) {
      for (let i = 0; i < 50; i++) log.report(pool, poolTimeout);
      jest.advanceTimersByTime(10_000);
    }
    expect(lines).toHaveLength(6);
    jest.advanceTimersByTime(10_000); // a window with nothing: the burst is over, and says nothing
    expect(lines).toHaveLength(6);
    log.report(pool, poolTimeout);
    expect(lines).toHaveLength(7);
    expect(lines[6].message).toMatch(/^database unavailable \(pool_exhausted/);
  });

  it('counts each reason of a mixed burst', () => {
    const lock = lockTimeout();
    log.report(pool, poolTimeout);
    log.report(classifyDatabaseError(lock) as DatabaseUnavailable, lock);
    log.report(pool, poolTimeout);
    jest.advanceTimersByTime(10_000);
    expect(lines[1].fields).toEqual({
      database: { unavailable: 2, reasons: { 'lock_timeout 55P03': 1, 'pool_exhausted pool timeout': 1 } },
    });
  });

  it('never logs a stack, the query, its parameters or the database’s message', () => {
    const lock = lockTimeout();
    log.report(classifyDatabaseError(lock) as DatabaseUnavailable, lock);
    const written = JSON.stringify(lines);
    expect(lines[0].fields['error']).toEqual({ type: 'QueryFailedError', code: '55P03' });
    expect(written).not.toContain(NATIONAL_ID);
    expect(written).not.toMatch(/stack|SELECT|canceling|national_id|tuple/);
  });

  it('sums up what it counted when the application shuts down', () => {
    log.report(pool, poolTimeout);
    log.report(pool, poolTimeout);
    log.onApplicationShutdown();
    expect(lines.map((l) => l.message)).toEqual([
      expect.stringMatching(/^database unavailable \(pool_exhausted/),
      'database unavailable: 1 more answered 503 in the last 1 s',
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
