import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({ imports: [CasesModule], controllers: [PlansController], providers: [PlansService] })
export class PlansModule {}
