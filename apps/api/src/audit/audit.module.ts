import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditEventsController } from './audit-events.controller';
import { AuditLogService } from './audit-log.service';
import { AuditSealer } from './audit-sealer';
import { AuditService } from './audit.service';
import { RefusalAuditInterceptor } from './refusal-audit.interceptor';

/** Global: every module that touches personal data records through the one AuditService; every refusal leaves a trace. */
@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [AuditService, AuditSealer, AuditLogService, { provide: APP_INTERCEPTOR, useClass: RefusalAuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
