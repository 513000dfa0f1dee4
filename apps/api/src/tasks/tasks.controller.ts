import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentContext, SignedIn } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { CaseTasksDto } from '../cases/dto/case-response.dto';
import { ConcernResponseDto } from '../concerns/dto/concern.dto';
import { ConcernsService } from '../concerns/concerns.service';
import { ReportResponseDto } from '../reports/dto/report.dto';
import { isChildWelfareStaff } from '../reports/report-scope';
import { ReportsService } from '../reports/reports.service';
import { CaseTasksService } from './case-tasks.service';

export class TasksResponseDto extends CaseTasksDto {
  @ApiProperty({ type: [ConcernResponseDto], description: 'Open concerns you decide (author or unit leader), soonest due first' })
  concernsAwaitingDecision!: ConcernResponseDto[];

  @ApiProperty({ type: [ReportResponseDto], description: 'Child welfare: reports not yet reviewed, urgent and soonest due first' })
  reportsAwaitingReview!: ReportResponseDto[];
}

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly concerns: ConcernsService,
    private readonly reports: ReportsService,
    private readonly cases: CaseTasksService,
  ) {}

  @Get()
  @SignedIn('each list inside is scoped to the caller')
  @RateLimited('list')
  @ApiOperation({
    summary: 'My tasks: concerns awaiting a decision, evaluations due, transfers to answer, meetings coming up, cases to re-assign',
  })
  @ApiOkResponse({ type: TasksResponseDto })
  async tasks(@CurrentContext() ctx: RequestContext): Promise<TasksResponseDto> {
    const staff = ctx.ability.can('create', 'Concern');
    const empty = {
      evaluationsDue: [],
      transfersAwaitingMe: [],
      meetingsComingUp: [],
      casesWithoutActiveCoordinator: [],
      consentReminders: [],
      consentsEnded: [],
    };
    return {
      concernsAwaitingDecision: staff ? await this.concerns.list(ctx, true) : [],
      reportsAwaitingReview: isChildWelfareStaff(ctx.principal) ? await this.reports.list(ctx, true) : [],
      ...(ctx.principal.kind === 'staff' && ctx.ability.can('read', 'Case') ? await this.cases.tasks(ctx) : empty),
    };
  }
}
