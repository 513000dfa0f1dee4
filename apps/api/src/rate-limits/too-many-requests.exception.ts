import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 with how long to wait; the problem filter sends it as `Retry-After` (seconds). */
export class TooManyRequestsException extends HttpException {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(`Too many requests; try again in ${seconds} seconds`, HttpStatus.TOO_MANY_REQUESTS);
    this.retryAfterSeconds = seconds;
  }
}
