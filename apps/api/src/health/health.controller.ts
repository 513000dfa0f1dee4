import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../authorization/authorization.decorators';
import { DatabaseHealthIndicator } from './database.health';
import { NotReadyException } from './not-ready.exception';
import { ShutdownState } from './shutdown-state';

@ApiTags('health')
@Controller('health')
export class HealthController {
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
      return await this.health.check([() => this.database.isReachable('database'), () => this.database.isMigrated('migrations')]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as { details?: Record<string, { status: string }> };
        throw new NotReadyException(body.details ?? {});
      }
      throw error;
    }
  }
}
