import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';

/** The probe's own bound: connect, query and all, whatever the pool or the server does. */
export const READINESS_TIMEOUT_MS = 2000;

interface Probe {
  reachable: boolean;
  /** The names in typeorm_migrations; undefined when the table could not be read. */
  applied?: Set<string>;
}

/**
 * Readiness of the database on a connection of its own, not one from the application's pool: a
 * pool busy with slow requests (which answer 503 themselves) neither hangs the probe nor takes the
 * replica out of the load balancer, while a database that cannot be reached or is not migrated
 * says so within READINESS_TIMEOUT_MS. One query answers both checks; probes that arrive while one
 * runs share it.
 */
@Injectable()
export class DatabaseHealthIndicator {
  private running: Promise<Probe> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async isReachable(key: string) {
    const indicator = this.health.check(key);
    return (await this.probe()).reachable ? indicator.up() : indicator.down();
  }

  /** Ready only when every migration the code knows has been applied to the database. */
  async isMigrated(key: string) {
    const indicator = this.health.check(key);
    const { applied } = await this.probe();
    if (!applied) return indicator.down({ message: 'migrations table unreadable' });
    const pending = this.dataSource.migrations.filter((m) => !applied.has(m.name ?? m.constructor.name)).length;
    return pending === 0 ? indicator.up() : indicator.down({ pending });
  }

  private probe(): Promise<Probe> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<Probe> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'stafett-readiness',
      connectionTimeoutMillis: READINESS_TIMEOUT_MS,
      statement_timeout: READINESS_TIMEOUT_MS,
      query_timeout: READINESS_TIMEOUT_MS,
    });
    // A server going away in the middle of a probe is an answer ("down"), never an uncaught error.
    client.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('readiness probe timed out')), READINESS_TIMEOUT_MS + 500);
    });
    let reachable = false;
    try {
      await Promise.race([client.connect(), deadline]);
      reachable = true;
      const { rows } = await Promise.race([client.query<{ name: string }>('SELECT name FROM typeorm_migrations'), deadline]);
      return { reachable, applied: new Set(rows.map((r) => r.name)) };
    } catch {
      return { reachable };
    } finally {
      clearTimeout(timer);
      void client.end().catch(() => undefined);
    }
  }
}
