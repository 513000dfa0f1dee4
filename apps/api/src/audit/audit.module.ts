import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditSealer } from './audit-sealer';
import { AuditService } from './audit.service';

/** Global: every module that touches personal data records through the one AuditService. */
@Global()
@Module({ controllers: [AuditEventsController], providers: [AuditService, AuditSealer], exports: [AuditService] })
export class AuditModule {}
