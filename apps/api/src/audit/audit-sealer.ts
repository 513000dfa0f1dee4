import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { AuditCheckpoint, checkpointKey, isAuthentic, parseCheckpointLine, sealCheckpoint, SealedHead } from './audit-checkpoint';
import { CheckpointSink, FileCheckpointSink, LogCheckpointSink } from './audit-checkpoint-sink';
import { GENESIS_HASH } from './audit-chain';
import { lostHeads, readChainHeads, RunQuery } from './audit-heads';
import { auditTableWeaknesses } from './audit-protection';

export type SealOutcome = 'sealed' | 'unchanged' | 'standby' | 'off' | 'failed';

/** One sealer at a time per database, whatever the number of replicas: the holder of this lock. */
const SEALER_LOCK = `hashtextextended('stafett:audit-sealer', 0)`;
const SHUTDOWN_SEAL_MS = 10_000;

/**
 * Seals every chain's head (last seq and hash) into a checkpoint outside the database every
 * AUDIT_SEAL_SECONDS, and once more at shutdown, so that a deleted tail or chain shows
 * (SECURITY.md S28). It works on a connection of its own and never touches a request: a failed
 * seal is logged and retried at the next interval. Replicas elect one sealer with a session-level
 * advisory lock; the others stand by and take over when its session ends, so a shared file or log
 * holds one chain of checkpoints at a time.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AuditSealer');
  private readonly key: Buffer;
  private readonly sink: CheckpointSink | null;
  /** Written into each checkpoint: which process sealed it. */
  readonly id = randomBytes(6).toString('hex');
  private client: Client | null = null;
  private leader = false;
  /** The last checkpoint of this segment; undefined until read back from the sink. */
  private last: { n: number; hmac: string } | null | undefined = undefined;
  /** The heads as this sealer last sealed them. */
  private sealed = new Map<string, SealedHead>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private finished: Promise<void> | undefined;
  private failing = false;
  private protectionChecked = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = checkpointKey(config.auditHmacKey);
    const { sink, file } = config.auditCheckpoints;
    this.sink = sink === 'file' ? new FileCheckpointSink(file) : sink === 'log' ? new LogCheckpointSink() : null;
  }

  onApplicationBootstrap(): void {
    if (this.sink) this.schedule(0);
  }

  /**
   * The last seal, in the hook that runs before any module's onApplicationShutdown: TypeORM closes
   * the pool in its own, and Nest would otherwise order the two by module registration.
   */
  beforeApplicationShutdown(): Promise<void> {
    return this.finish();
  }

  /** Also for callers that stop the sealer by hand (tests); once only. */
  onApplicationShutdown(): Promise<void> {
    return this.finish();
  }

  private finish(): Promise<void> {
    this.finished ??= (async () => {
      if (!this.sink) return;
      this.stopped = true;
      clearTimeout(this.timer);
      // The last events of this process, sealed before it goes.
      await Promise.race([this.sealOnce(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_SEAL_MS).unref())]);
      await this.disconnect();
    })();
    return this.finished;
  }

  /** Seals now (one at a time); tests call it directly. */
  sealOnce(): Promise<SealOutcome> {
    const next = this.queue.then(() => this.seal());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.sealOnce().finally(() => {
        if (!this.stopped) this.schedule(this.config.auditCheckpoints.sealSeconds * 1000);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async seal(): Promise<SealOutcome> {
    if (!this.sink) return 'off';
    let query: RunQuery;
    let now: string;
    let heads: SealedHead[];
    try {
      const client = await this.connection();
      query = async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[];
      if (!this.leader) {
        const [{ locked }] = await query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${SEALER_LOCK}) AS locked`);
        if (!locked) return 'standby';
        this.leader = true;
        this.last = undefined;
        this.sealed = new Map();
      }
      if (!this.protectionChecked) {
        this.protectionChecked = true;
        for (const weakness of await auditTableWeaknesses(query)) this.logger.warn(weakness);
      }
      ({ now, heads } = await readChainHeads(query));
      for (const lost of await lostHeads(query, [...this.sealed.values()])) {
        const current = heads.find((h) => h.chain === lost.chain);
        this.logger.error(
          current
            ? `audit chain ${lost.chain} lost its sealed event at seq ${lost.seq}: it now ends at seq ${current.seq}`
            : `audit chain ${lost.chain} is gone: it was sealed up to seq ${lost.seq}`,
        );
      }
    } catch (error) {
      // The connection is suspect: end it, and with it this replica's claim to seal.
      await this.disconnect();
      return this.failed('the database could not be read', error);
    }
    const changed = this.changedHeads(heads);
    if (changed.length === 0) {
      this.recovered();
      return 'unchanged';
    }
    try {
      if (this.last === undefined) this.last = await this.resume();
      else await this.checkTail();
      const checkpoint: AuditCheckpoint = sealCheckpoint(
        { n: (this.last?.n ?? 0) + 1, sealer: this.id, sealedAt: now, chains: changed, prev: this.last?.hmac ?? null },
        this.key,
      );
      await this.sink.append(JSON.stringify(checkpoint));
      this.last = { n: checkpoint.n, hmac: checkpoint.hmac };
      this.sealed = new Map(heads.map((h) => [h.chain, h]));
    } catch (error) {
      // Whether the line reached the file is unknown: read the chain back before the next one.
      this.last = undefined;
      return this.failed(`the checkpoint could not be written to ${this.sink.description}`, error);
    }
    this.recovered();
    return 'sealed';
  }

  /** Heads that differ from the last seal; a chain that vanished is recorded as seq 0. */
  private changedHeads(heads: SealedHead[]): SealedHead[] {
    const changed = heads.filter((h) => {
      const before = this.sealed.get(h.chain);
      return !before || before.seq !== h.seq || before.hash !== h.hash;
    });
    const present = new Set(heads.map((h) => h.chain));
    for (const [chain, before] of this.sealed) {
      if (!present.has(chain) && before.seq !== '0') changed.push({ chain, seq: '0', hash: GENESIS_HASH });
    }
    return changed;
  }

  /** Continues the chain of checkpoints already in the sink, or starts a new segment. */
  private async resume(): Promise<{ n: number; hmac: string } | null> {
    const line = await this.sink?.lastLine();
    if (!line) return null;
    const parsed = parseCheckpointLine(line);
    if (typeof parsed === 'object' && isAuthentic(parsed.checkpoint, this.key)) {
      return { n: parsed.checkpoint.n, hmac: parsed.checkpoint.hmac };
    }
    this.logger.error(`the last line of ${this.sink?.description} is not a checkpoint sealed with this key: starting a new segment`);
    return null;
  }

  /** Only this sealer writes the file: a different last line means someone else changed it. */
  private async checkTail(): Promise<void> {
    if (!(this.sink instanceof FileCheckpointSink) || !this.last) return;
    const line = await this.sink.lastLine();
    if (line === null) {
      // Moved away (rotated) or removed: the new file continues the chain; audit:verify wants both, oldest first.
      this.logger.warn(`${this.sink.description} is new or was rotated: its first checkpoint follows #${this.last.n}`);
      return;
    }
    const parsed = parseCheckpointLine(line);
    if (typeof parsed !== 'object' || parsed.checkpoint.hmac !== this.last.hmac) {
      this.logger.error(`${this.sink.description} changed since checkpoint #${this.last.n} was sealed: audit:verify will show where`);
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'stafett-audit-sealer',
      connectionTimeoutMillis: 5000,
      statement_timeout: 10_000,
    });
    client.on('error', () => {
      if (this.client === client) void this.disconnect();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private failed(what: string, error: unknown): SealOutcome {
    // Once per outage, not every few seconds; the message names no person (chains, seqs, hashes only).
    if (!this.failing) {
      const reason = (error as { code?: string; message?: string })?.code ?? (error as Error)?.message ?? String(error);
      this.logger.error(`audit checkpoint not sealed: ${what} (${reason}); retrying every ${this.config.auditCheckpoints.sealSeconds} s`);
    }
    this.failing = true;
    return 'failed';
  }

  private recovered(): void {
    if (this.failing) this.logger.log('audit checkpoints are sealed again');
    this.failing = false;
  }
}
