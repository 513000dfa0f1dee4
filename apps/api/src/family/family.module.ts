import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';

/** The family's side of a case that is not consent itself: the access log. */
@Module({ imports: [CasesModule], controllers: [AccessLogController], providers: [AccessLogService] })
export class FamilyModule {}
