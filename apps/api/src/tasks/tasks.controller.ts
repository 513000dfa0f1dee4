import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentContext, SignedIn } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { PAGE_SIZE_MAX } from '../http/paging';
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

const TASK_PAGE = { limit: PAGE_SIZE_MAX };

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
      // The most pressing first, as many as a page holds at most; the lists themselves page further.
      concernsAwaitingDecision: staff ? (await this.concerns.list(ctx, TASK_PAGE, true)).items : [],
      reportsAwaitingReview: isChildWelfareStaff(ctx.principal) ? (await this.reports.list(ctx, TASK_PAGE, true)).items : [],
      ...(ctx.principal.kind === 'staff' && ctx.ability.can('read', 'Case') ? await this.cases.tasks(ctx) : empty),
    };
  }
}
