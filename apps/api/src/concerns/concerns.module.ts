import { Module } from '@nestjs/common';
import { ConcernsController } from './concerns.controller';
import { ConcernsService } from './concerns.service';
import { TasksController } from './tasks.controller';

@Module({ controllers: [ConcernsController, TasksController], providers: [ConcernsService], exports: [ConcernsService] })
export class ConcernsModule {}
