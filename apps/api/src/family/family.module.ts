import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';
import { FamilyOverviewController } from './family-overview.controller';
import { FamilyOverviewService } from './family-overview.service';

/** The family's side of a case that is not consent itself: the access log, and the overview across municipalities. */
@Module({
  imports: [CasesModule],
  controllers: [AccessLogController, FamilyOverviewController],
  providers: [AccessLogService, FamilyOverviewService],
})
export class FamilyModule {}
