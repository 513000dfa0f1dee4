import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConcernsModule } from '../concerns/concerns.module';
import { ReportsModule } from '../reports/reports.module';
import { CaseTasksService } from './case-tasks.service';
import { TasksController } from './tasks.controller';

/** "My tasks": what waits for the signed-in user across concerns, reports and cases. */
@Module({ imports: [ConcernsModule, ReportsModule, CasesModule], controllers: [TasksController], providers: [CaseTasksService] })
export class TasksModule {}
