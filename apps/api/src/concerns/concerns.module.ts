import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { ConcernsController } from './concerns.controller';
import { ConcernsService } from './concerns.service';
import { TasksController } from './tasks.controller';

@Module({
  imports: [ReportsModule],
  controllers: [ConcernsController, TasksController],
  providers: [ConcernsService],
  exports: [ConcernsService],
})
export class ConcernsModule {}
