import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** Flips readiness to 503 the moment shutdown starts, so a load balancer stops sending traffic. */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  shuttingDown = false;

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
