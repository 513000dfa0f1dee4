import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

@Module({ imports: [CasesModule], controllers: [ConsentsController], providers: [ConsentsService] })
export class ConsentsModule {}
