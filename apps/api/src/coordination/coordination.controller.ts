import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseRefParams } from '../cases/dto/case-requests.dto';
import { CaseResponseDto } from '../cases/dto/case-response.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate } from '../http/idempotency';
import { CASE_REPLAY } from '../cases/case-replay';
import { CoordinationService } from './coordination.service';
import { CoordinatorWishDto, DeclineTransferDto, ReassignDto, RequestTransferDto, TransferParams } from './dto/coordination.dto';

@ApiTags('cases')
@Controller('cases/:caseId')
export class CoordinationController {
  constructor(private readonly coordination: CoordinationService) {}

  @Post('transfers')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Ask a staff member of a unit taking part to take over the baton; you hold it until they accept' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async request(
    @CurrentContext() ctx: RequestContext,
    @Param() params: CaseRefParams,
    @Body() body: RequestTransferDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.coordination.request(ctx, params.caseId, body, version));
  }

  @Post('transfers/:transferId/accept')
  @HttpCode(200)
  @Authorize('update', 'BatonTransfer')
  @ApiOperation({ summary: 'Accept the baton (only the person asked)' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async accept(
    @CurrentContext() ctx: RequestContext,
    @Param() params: TransferParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.coordination.accept(ctx, params.caseId, params.transferId, version));
  }

  @Post('transfers/:transferId/decline')
  @HttpCode(200)
  @Authorize('update', 'BatonTransfer')
  @ApiOperation({ summary: 'Decline the baton, with a reason (only the person asked)' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async decline(
    @CurrentContext() ctx: RequestContext,
    @Param() params: TransferParams,
    @Body() body: DeclineTransferDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.coordination.decline(ctx, params.caseId, params.transferId, body.reason, version));
  }

  @Post('transfers/:transferId/cancel')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Cancel a handover you asked for' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async cancel(
    @CurrentContext() ctx: RequestContext,
    @Param() params: TransferParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.coordination.cancel(ctx, params.caseId, params.transferId, version));
  }

  @Post('reassign')
  @HttpCode(200)
  @Authorize('update', 'CaseCoordinator')
  @ApiOperation({
    summary: 'Leader: take the baton from a coordinator who is disabled or has left, and optionally ask someone to take it on',
  })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async reassign(
    @CurrentContext() ctx: RequestContext,
    @Param() params: CaseRefParams,
    @Body() body: ReassignDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.coordination.reassign(ctx, params.caseId, body, version));
  }

  @Post('coordinator-wishes')
  @HttpCode(200)
  @Authorize('create', 'CaseContribution')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Record what the guardians or the child wish about the coordinator' })
  @ApiOkResponse({ type: CaseResponseDto })
  async wish(
    @CurrentContext() ctx: RequestContext,
    @Param() params: CaseRefParams,
    @Body() body: CoordinatorWishDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.coordination.wish(ctx, params.caseId, body));
  }
}
