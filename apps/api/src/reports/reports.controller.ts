import type { Request, Response } from 'express';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import { PageQuery, sendPage } from '../http/paging';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { CreateReportDto, ReportIdParams, ReportResponseDto } from './dto/report.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate, replayThrough } from '../http/idempotency';
import { ReportsService } from './reports.service';

@ApiTags('child welfare reports')
@Controller('child-welfare-reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Authorize('create', 'ChildWelfareReport')
  @IdempotentCreate(replayThrough('child_welfare_report', ReportsService, (reports, ctx, id) => reports.get(ctx, id)))
  @ApiOperation({ summary: 'Report serious concern to child welfare (needs no consent)' })
  @ApiOkResponse({ type: ReportResponseDto })
  async file(@CurrentContext() ctx: RequestContext, @Body() body: CreateReportDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.reports.file(ctx, body));
  }

  @Get()
  @Authorize('read', 'ChildWelfareReport')
  @RateLimited('list')
  @ApiOperation({ summary: 'Reports you filed, your unit filed (as leader), or child welfare received' })
  @ApiOkResponse({ type: [ReportResponseDto] })
  async list(
    @CurrentContext() ctx: RequestContext,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(req, res, await this.reports.list(ctx, query));
  }

  @Get(':id')
  @Authorize('read', 'ChildWelfareReport')
  @ApiOperation({ summary: 'One report' })
  @ApiOkResponse({ type: ReportResponseDto })
  @ApiNotFoundResponse()
  async get(@CurrentContext() ctx: RequestContext, @Param() params: ReportIdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.reports.get(ctx, params.id));
  }

  @Post(':id/review')
  @HttpCode(200)
  @Authorize('update', 'ChildWelfareReport')
  @ApiOperation({ summary: 'Child welfare: the report has been reviewed (due within one week)' })
  @ApiIfMatch('the report')
  @ApiOkResponse({ type: ReportResponseDto })
  async review(
    @CurrentContext() ctx: RequestContext,
    @Param() params: ReportIdParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.reports.mark(ctx, params.id, 'reviewed', version));
  }

  @Post(':id/receipt')
  @HttpCode(200)
  @Authorize('update', 'ChildWelfareReport')
  @ApiOperation({ summary: 'Child welfare: receipt confirmed to the reporter (due within three weeks)' })
  @ApiIfMatch('the report')
  @ApiOkResponse({ type: ReportResponseDto })
  async confirmReceipt(
    @CurrentContext() ctx: RequestContext,
    @Param() params: ReportIdParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.reports.mark(ctx, params.id, 'receipt_confirmed', version));
  }
}
