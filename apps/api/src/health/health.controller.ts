import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../authorization/authorization.decorators';
import { DatabaseHealthIndicator } from './database.health';
import { NotReadyException } from './not-ready.exception';
import { ShutdownState } from './shutdown-state';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  /**
   * What the last probe answered: a change is logged once, a probe every few seconds is not. Ready
   * to begin with: the application does not start without its database.
   */
  private wasReady = true;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @Public('liveness probe: says only that the process answers')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public('readiness probe: says only whether the database is reachable and migrated')
  @ApiOperation({ summary: 'The database answers and every migration is applied' })
  @HealthCheck()
  async ready() {
    if (this.shutdown.shuttingDown) throw new NotReadyException({ shutdown: { status: 'down' } });
    try {
      const result = await this.health.check([() => this.database.isReachable('database'), () => this.database.isMigrated('migrations')]);
      this.changed(true, {});
      return result;
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as { details?: Record<string, { status: string }> };
        const notReady = new NotReadyException(body.details ?? {});
        this.changed(false, notReady.checks);
        throw notReady;
      }
      throw error;
    }
  }

  private changed(ready: boolean, checks: Record<string, { status: string }>): void {
    if (this.wasReady !== ready) {
      if (ready) this.logger.log('ready again');
      else
        this.logger.warn(
          { checks },
          `not ready: ${Object.keys(checks)
            .filter((k) => checks[k].status === 'down')
            .join(', ')} down`,
        );
    }
    this.wasReady = ready;
  }
}
