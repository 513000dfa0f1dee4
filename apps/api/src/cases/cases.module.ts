import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service';
import { CaseCommands } from './case-commands';
import { CaseDetails } from './case-details';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** The coordinated case; exports the door every case module goes through (CaseAccess, CaseCommands). */
@Module({
  controllers: [CasesController],
  providers: [CaseAccess, CaseDetails, CaseCommands, CasesService],
  exports: [CaseAccess, CaseCommands, CaseDetails, CasesService],
})
export class CasesModule {}
