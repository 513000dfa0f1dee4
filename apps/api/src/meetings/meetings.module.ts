import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({ imports: [CasesModule], controllers: [MeetingsController], providers: [MeetingsService] })
export class MeetingsModule {}
