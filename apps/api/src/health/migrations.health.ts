import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Ready only when every migration the code knows has been applied to the database. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async isCurrent(key: string) {
    const indicator = this.health.check(key);
    try {
      const rows: Array<{ name: string }> = await this.dataSource.query('SELECT name FROM typeorm_migrations');
      const applied = new Set(rows.map((r) => r.name));
      const pending = this.dataSource.migrations.filter((m) => !applied.has(m.name ?? m.constructor.name)).length;
      return pending === 0 ? indicator.up() : indicator.down({ pending });
    } catch {
      return indicator.down({ message: 'migrations table unreadable' });
    }
  }
}
