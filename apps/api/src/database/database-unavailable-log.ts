import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { SafeError, serializeError } from '../logging/safe-error';
import type { DatabaseUnavailable } from './database-unavailable';

/** How long after a burst's first line further occurrences are only counted. */
export const BURST_WINDOW_MS = 10_000;

interface WarnSink {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The error's kind and code, its causes too, without stack frames: the same outage has the same stack a thousand times. */
function withoutStacks(error: SafeError | null | undefined): SafeError | undefined {
  if (!error) return undefined;
  const rest: SafeError = { ...error };
  delete rest.stack;
  delete rest.cause;
  return error.cause ? { ...rest, cause: withoutStacks(error.cause) } : rest;
}

/**
 * Logs a database outage once per burst, not once per request: the first occurrence is one warn
 * line (reason, SQLSTATE or driver code, the error's class — never parameters or a stack); the
 * ones after it are counted and summed up in one line per window while they go on. Before, a
 * restart of PostgreSQL wrote about 1,000 stack traces in 8 seconds.
 */
export class DatabaseUnavailableLog implements OnApplicationShutdown {
  private burst: { counts: Map<string, number>; timer: NodeJS.Timeout; startedAt: number } | undefined;
  /**
   * The context the log was made in, outside any request: the summary is about many requests, and
   * would otherwise carry the request id of the one that opened the burst (the logger reads it from
   * the async context the timer was set in).
   */
  private readonly outsideRequests = new AsyncResource('DatabaseUnavailableLog');

  constructor(
    private readonly logger: WarnSink = new Logger('Database') as unknown as WarnSink,
    private readonly windowMs = BURST_WINDOW_MS,
  ) {}

  report(unavailable: DatabaseUnavailable, error: unknown, requestId?: string): void {
    if (this.burst) {
      const key = `${unavailable.reason} ${unavailable.code}`;
      this.burst.counts.set(key, (this.burst.counts.get(key) ?? 0) + 1);
      return;
    }
    this.logger.warn(
      {
        database: { reason: unavailable.reason, code: unavailable.code },
        error: withoutStacks(serializeError(error)),
        ...(requestId ? { requestId } : {}),
      },
      `database unavailable (${unavailable.reason}, ${unavailable.code}): answering 503; more within ${this.windowMs / 1000} s are counted`,
    );
    this.open();
  }

  onApplicationShutdown(): void {
    if (!this.burst) return;
    clearTimeout(this.burst.timer);
    this.summarise();
    this.burst = undefined;
  }

  private open(): void {
    const timer = setTimeout(
      this.outsideRequests.bind(() => {
        const counted = this.summarise();
        this.burst = undefined;
        // Still going on: keep counting, one line per window.
        if (counted > 0) this.open();
      }),
      this.windowMs,
    );
    timer.unref();
    this.burst = { counts: new Map(), timer, startedAt: Date.now() };
  }

  private summarise(): number {
    if (!this.burst) return 0;
    const { counts, startedAt } = this.burst;
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    if (total > 0) {
      const seconds = Math.max(1, Math.round((Date.now() - startedAt) / 1000));
      this.logger.warn(
        { database: { unavailable: total, reasons: Object.fromEntries(counts) } },
        `database unavailable: ${total} more answered 503 in the last ${seconds} s`,
      );
    }
    return total;
  }
}

/** Global: the problem filter, the audit service and the pool report to the one log. */
@Global()
@Module({
  providers: [{ provide: DatabaseUnavailableLog, useFactory: () => new DatabaseUnavailableLog() }],
  exports: [DatabaseUnavailableLog],
})
export class DatabaseUnavailableModule {}
