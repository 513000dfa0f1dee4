import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global: every module that touches personal data records through the one AuditService. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
