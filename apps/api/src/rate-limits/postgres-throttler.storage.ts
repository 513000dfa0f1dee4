import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { createHmac, hkdfSync } from 'node:crypto';
import type { DataSource } from 'typeorm';

// One statement per hit, atomic under concurrency: the row lock of ON CONFLICT serialises hits on
// one key across every replica, and the database's clock decides windows, not each server's.
// A blocked key keeps its count until the block ends; an ended window starts again at 1.
const HIT = `
  INSERT INTO rate_limit_counter AS c (key, hits, window_ends_at, blocked_until)
  VALUES ($1, 1, now() + make_interval(secs => $2::int / 1000.0),
          CASE WHEN 1 > $3::int THEN now() + make_interval(secs => $4::int / 1000.0) END)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN c.blocked_until > now() THEN c.hits WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END,
    window_ends_at = CASE WHEN c.blocked_until > now() OR c.window_ends_at > now() THEN c.window_ends_at
                          ELSE EXCLUDED.window_ends_at END,
    blocked_until = CASE
      WHEN c.blocked_until > now() THEN c.blocked_until
      WHEN (CASE WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END) > $3::int
        THEN now() + make_interval(secs => $4::int / 1000.0)
    END
  RETURNING hits,
            coalesce(blocked_until > now(), false) AS blocked,
            ceil(extract(epoch FROM window_ends_at - now()))::int AS window_seconds,
            coalesce(ceil(extract(epoch FROM blocked_until - now())), 0)::int AS block_seconds`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_BATCH = 10_000;
const SWEEP = `
  DELETE FROM rate_limit_counter WHERE key IN (
    SELECT key FROM rate_limit_counter
     WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())
     LIMIT ${SWEEP_BATCH})`;
const SWEEP_EVERY_MS = 60_000;

/**
 * @nestjs/throttler's storage in PostgreSQL, so that every replica counts the same requests. Keys
 * are HMAC'd with a key derived from the audit secret before they reach the table, so it never
 * holds an IP address or a user id (a plain hash of an IPv4 address is reversed in minutes).
 * Ended windows are deleted by the next hit after a minute has passed, in batches.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimits');
  private readonly keyHmacKey: Buffer;
  private nextSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    secret: string,
  ) {
    this.keyHmacKey = Buffer.from(hkdfSync('sha256', secret, 'stafett', 'rate-limit keys', 32));
  }

  /** The stored form of a key: an HMAC, never the client itself. */
  storedKey(key: string): string {
    return createHmac('sha256', this.keyHmacKey).update(key).digest('hex');
  }

  // The throttler's name (a fifth argument) is already part of the key the guard builds.
  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const rows: Array<{ hits: number; blocked: boolean; window_seconds: number; block_seconds: number }> = await this.dataSource.query(
      HIT,
      [this.storedKey(key), Math.round(ttl), Math.round(limit), Math.round(blockDuration)],
    );
    await this.sweepNowAndThen();
    const [row] = rows;
    // A hit that waited for another's row lock began (now()) before that one set the block: clamp.
    const within = (seconds: number, ms: number) => Math.min(seconds, Math.ceil(ms / 1000));
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, within(row.window_seconds, ttl)),
      isBlocked: row.blocked,
      timeToBlockExpire: row.blocked ? Math.max(1, within(row.block_seconds, blockDuration)) : 0,
    };
  }

  private async sweepNowAndThen(): Promise<void> {
    if (Date.now() < this.nextSweep) return;
    this.nextSweep = Date.now() + SWEEP_EVERY_MS;
    try {
      const [, deleted] = (await this.dataSource.query(SWEEP)) as [unknown, number];
      // A full batch means more are waiting: sweep again on the next hit.
      if (deleted >= SWEEP_BATCH) this.nextSweep = 0;
    } catch (error) {
      this.logger.warn({ err: error }, 'ended rate-limit windows could not be deleted; trying again in a minute');
    }
  }
}
