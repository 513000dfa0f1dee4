import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** Flips readiness to 503 the moment shutdown starts, so a load balancer stops sending traffic. */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  shuttingDown = false;

  /** Called on SIGTERM/SIGINT (http/graceful-shutdown.ts), long before Nest's own hooks run. */
  begin(): void {
    this.shuttingDown = true;
  }

  beforeApplicationShutdown(): void {
    this.begin();
  }
}
