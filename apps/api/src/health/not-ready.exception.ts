import { ServiceUnavailableException } from '@nestjs/common';

/** Readiness failed; carries which checks are down so an operator sees why. */
export class NotReadyException extends ServiceUnavailableException {
  readonly checks: Record<string, { status: string }>;

  constructor(details: Record<string, { status: string }>) {
    super('Not ready');
    // Only up/down per check: messages from drivers may carry host names.
    this.checks = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, { status: v.status }]));
  }
}
