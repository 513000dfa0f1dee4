import { DatabaseError } from 'pg';
import pinoHttp from 'pino-http';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { DatabaseLogger } from '../database/database-logger';
import { serializeError } from './safe-error';

const NATIONAL_ID = '01818012345';
const NAME = 'Emma Nordmann';

/** A unique violation as pg and TypeORM raise it, carrying values everywhere they can. */
function duplicateNationalId(): QueryFailedError {
  const driverError = Object.assign(
    new DatabaseError('duplicate key value violates unique constraint "UQ_child_national_id"', 120, 'error'),
    {
      severity: 'ERROR',
      code: '23505',
      detail: `Key (national_id)=(${NATIONAL_ID}) already exists.`,
      schema: 'public',
      table: 'child',
      constraint: 'UQ_child_national_id',
      routine: '_bt_check_unique',
    },
  );
  return new QueryFailedError('INSERT INTO child (national_id, given_name) VALUES ($1, $2)', [NATIONAL_ID, NAME], driverError);
}

/** The values themselves may stand in an error message too. */
function badUuid(): QueryFailedError {
  const driverError = Object.assign(new DatabaseError(`invalid input syntax for type uuid: "${NATIONAL_ID}"`, 90, 'error'), {
    severity: 'ERROR',
    code: '22P02',
    routine: 'string_to_uuid',
  });
  return new QueryFailedError('SELECT * FROM child WHERE id = $1', [NATIONAL_ID], driverError);
}

/** Logs through a pino-http logger configured as LoggingModule configures it, and returns the line. */
function logLine(fields: Record<string, unknown>): string {
  let written = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  const { logger } = pinoHttp({ serializers: { err: serializeError } }, sink);
  logger.error(fields, 'request failed');
  return written;
}

describe('serializeError', () => {
  it('keeps the class, SQLSTATE, names and stack of a failed query, never its parameters, detail or message', () => {
    const safe = serializeError(duplicateNationalId());
    expect(safe).toEqual({
      type: 'QueryFailedError',
      code: '23505',
      schema: 'public',
      table: 'child',
      constraint: 'UQ_child_national_id',
      routine: '_bt_check_unique',
      stack: expect.stringMatching(/^QueryFailedError\n\s+at /),
    });
  });

  it('writes a log line with no parameter value, neither for a unique violation nor for a value quoted in the message', () => {
    for (const error of [duplicateNationalId(), badUuid()]) {
      const line = logLine({ err: error, requestId: 'r-1' });
      const parsed = JSON.parse(line) as { err: { type: string; code: string }; requestId: string };
      expect(parsed.err).toMatchObject({ type: 'QueryFailedError', code: (error.driverError as DatabaseError).code });
      expect(parsed.requestId).toBe('r-1');
      expect(line).not.toContain(NATIONAL_ID);
      expect(line).not.toContain(NAME);
      expect(line).not.toMatch(/parameters|detail|INSERT INTO|SELECT \*/);
    }
  });

  it('withholds the message of TypeORM’s own errors, which quote the criteria', () => {
    const safe = serializeError(new EntityNotFoundError('Child', { nationalId: NATIONAL_ID }));
    expect(JSON.stringify(safe)).not.toContain(NATIONAL_ID);
    expect(safe).toMatchObject({ type: 'EntityNotFoundError' });
  });

  it('keeps the message of other errors, masking an identity number, and follows causes', () => {
    const error = new Error(`lookup of ${NATIONAL_ID} failed`, { cause: badUuid() });
    const safe = serializeError(error);
    expect(safe).toMatchObject({
      type: 'Error',
      message: 'lookup of [identity number] failed',
      cause: { type: 'QueryFailedError', code: '22P02' },
    });
    expect(JSON.stringify(safe)).not.toContain(NATIONAL_ID);
  });

  it('keeps only the kind of something thrown that is not an Error', () => {
    expect(serializeError({ nationalId: NATIONAL_ID })).toEqual({ type: 'object' });
    expect(serializeError(undefined)).toBeUndefined();
  });
});

describe('DatabaseLogger', () => {
  it('logs a failed or slow query without its parameters or the database’s message', () => {
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    try {
      const logger = new DatabaseLogger('all');
      const error = duplicateNationalId();
      logger.logQuery(error.query, error.parameters);
      logger.logQueryError(error, error.query, error.parameters);
      logger.logQuerySlow(1500, error.query, error.parameters);
      // TypeORM highlights SQL when colour is forced (CI sets FORCE_COLOR); compare the plain text.
      const output = stripVTControlCharacters(logged.join('\n'));
      expect(output).toContain('23505');
      expect(output).toContain('INSERT INTO child');
      expect(output).not.toContain(NATIONAL_ID);
      expect(output).not.toContain(NAME);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });
});
