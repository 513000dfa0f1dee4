import { AdvancedConsoleLogger } from 'typeorm';
import type { QueryRunner } from 'typeorm';
import { serializeError } from '../logging/safe-error';

/**
 * TypeORM's console logger without the values: a logged query, a failed one or a slow one shows
 * its SQL (placeholders only) but never its parameters, and a failure shows the error's class,
 * SQLSTATE and the names involved, never the database's message or detail, which quote values.
 * Off unless `logging` asks for it, like TypeORM's own.
 */
export class DatabaseLogger extends AdvancedConsoleLogger {
  override logQuery(query: string, _parameters?: unknown, queryRunner?: QueryRunner): void {
    super.logQuery(query, undefined, queryRunner);
  }

  override logQueryError(error: string | Error, query: string, _parameters?: unknown, queryRunner?: QueryRunner): void {
    const safe = typeof error === 'string' ? 'query failed' : JSON.stringify({ ...serializeError(error), stack: undefined });
    super.logQueryError(safe, query, undefined, queryRunner);
  }

  override logQuerySlow(time: number, query: string, _parameters?: unknown, queryRunner?: QueryRunner): void {
    super.logQuerySlow(time, query, undefined, queryRunner);
  }
}
