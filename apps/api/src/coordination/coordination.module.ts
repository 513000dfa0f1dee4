import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CoordinationController } from './coordination.controller';
import { CoordinationService } from './coordination.service';

@Module({ imports: [CasesModule], controllers: [CoordinationController], providers: [CoordinationService] })
export class CoordinationModule {}
