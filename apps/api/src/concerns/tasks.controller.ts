import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentContext, SignedIn } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ConcernsService } from './concerns.service';
import { ConcernResponseDto } from './dto/concern.dto';

export class TasksResponseDto {
  @ApiProperty({ type: [ConcernResponseDto], description: 'Open concerns you decide (author or unit leader), soonest due first' })
  concernsAwaitingDecision!: ConcernResponseDto[];
}

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly concerns: ConcernsService) {}

  @Get()
  @SignedIn('each list inside is scoped to the caller')
  @ApiOperation({ summary: 'My tasks: concerns awaiting a decision, with due and overdue dates' })
  @ApiOkResponse({ type: TasksResponseDto })
  async tasks(@CurrentContext() ctx: RequestContext): Promise<TasksResponseDto> {
    const staff = ctx.ability.can('create', 'Concern');
    return { concernsAwaitingDecision: staff ? await this.concerns.list(ctx, true) : [] };
  }
}
