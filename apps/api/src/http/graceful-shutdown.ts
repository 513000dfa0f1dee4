import { INestApplication, Logger } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ShutdownConfig } from '../config/app-config';
import { ShutdownState } from '../health/shutdown-state';

/** Nest's shutdown hooks (the last audit seal, itself bounded to 10 s, then the pool) get this long. */
const HOOKS_MS = 15_000;

/**
 * The HTTP server's connections during shutdown. Node's `server.close()` alone closes the port at
 * once (a load balancer sees "connection refused", never a 503) and keeps serving kept-alive
 * connections, writes included, for as long as their clients keep sending.
 */
export class ConnectionDrain {
  private draining = false;
  private closing = false;
  private readonly running = new Set<ServerResponse>();

  constructor(private readonly server: Server) {
    // Ahead of Express, so that a response sent synchronously carries the header too.
    server.prependListener('request', (_req, res: ServerResponse) => this.track(res));
  }

  /** From now on every response ends its connection (`Connection: close`); idle kept-alive connections are closed now. */
  drain(): void {
    this.draining = true;
    for (const res of this.running) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.server.closeIdleConnections();
  }

  /**
   * Stops accepting connections and waits for the running requests; at `deadline` (epoch ms) the
   * connections still open are destroyed. Resolves with the number of requests that were cut.
   */
  close(deadline: number): Promise<number> {
    this.drain();
    this.closing = true;
    return new Promise((resolve) => {
      let cut = 0;
      const timer = setTimeout(
        () => {
          cut = this.running.size;
          this.server.closeAllConnections();
        },
        Math.max(0, deadline - Date.now()),
      );
      this.server.close(() => {
        clearTimeout(timer);
        resolve(cut);
      });
    });
  }

  private track(res: ServerResponse): void {
    this.running.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.running.delete(res);
      // A response whose headers left before the drain kept its connection alive: close it once idle.
      if (this.closing) setImmediate(() => this.server.closeIdleConnections());
    });
  }
}

/**
 * SIGTERM or SIGINT: readiness answers 503 at once while the port stays open for
 * SHUTDOWN_DRAIN_SECONDS, so the load balancer notices; every response from then on closes its
 * connection. Then the port closes, requests still running SHUTDOWN_TIMEOUT_SECONDS after the
 * signal are cut, and Nest's shutdown hooks run (the last audit seal, then the database pool).
 * Exit code 0, or 1 when the hooks failed or did not finish.
 */
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly connections: ConnectionDrain;
  private stopping: Promise<number> | null = null;

  constructor(
    private readonly app: INestApplication,
    private readonly config: ShutdownConfig,
  ) {
    this.connections = new ConnectionDrain(app.getHttpServer() as Server);
  }

  /** Stops on the first of these signals and exits; a repeated signal changes nothing (the deadline bounds the wait). */
  exitOnSignals(signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    for (const signal of signals) {
      process.on(signal, () => {
        if (this.stopping) {
          this.logger.log(`${signal} received again: shutdown is under way`);
          return;
        }
        this.stopping = this.stop(signal);
        void this.stopping.then((code) => process.exit(code));
      });
    }
  }

  async stop(reason: string): Promise<number> {
    const { drainSeconds, timeoutSeconds } = this.config;
    const deadline = Date.now() + timeoutSeconds * 1000;
    this.app.get(ShutdownState).begin();
    this.connections.drain();
    this.logger.log(
      `${reason}: not ready; closing the port in ${drainSeconds} s, cutting requests still running after ${timeoutSeconds} s`,
    );
    await sleep(drainSeconds * 1000);
    const cut = await this.connections.close(deadline);
    if (cut > 0) this.logger.warn(`${cut} request(s) still running ${timeoutSeconds} s after ${reason} were cut`);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.app.close(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the shutdown hooks did not finish within ${HOOKS_MS / 1000} s`)), HOOKS_MS);
        }),
      ]);
      this.logger.log('stopped');
      return 0;
    } catch (error) {
      this.logger.error(`shutdown failed: ${(error as Error)?.message ?? String(error)}`);
      return 1;
    } finally {
      clearTimeout(timer);
    }
  }
}
