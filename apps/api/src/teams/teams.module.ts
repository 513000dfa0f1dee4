import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

@Module({ imports: [CasesModule], controllers: [TeamsController], providers: [TeamsService] })
export class TeamsModule {}
