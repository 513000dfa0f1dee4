import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseRefParams } from '../cases/dto/case-requests.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate, replayThrough } from '../http/idempotency';
import { ConsentsService } from './consents.service';
import {
  ConsentIdParams,
  ConsentResponseDto,
  CreateConsentDto,
  RecordAnswerDto,
  SubmitConsentDto,
  WithdrawConsentDto,
} from './dto/consent.dto';

@ApiTags('consents')
@Controller()
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post('cases/:caseId/consents')
  @Authorize('create', 'Consent')
  @IdempotentCreate(replayThrough('consent', ConsentsService, (consents, ctx, id) => consents.get(ctx, id)))
  @ApiOperation({ summary: 'Ask for consent: what, which services, until when (a draft; a new version replaces the last)' })
  @ApiCreatedResponse({ type: ConsentResponseDto })
  async create(
    @CurrentContext() ctx: RequestContext,
    @Param() p: CaseRefParams,
    @Body() body: CreateConsentDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.consents.create(ctx, p.caseId, body));
  }

  @Get('cases/:caseId/consents')
  @Authorize('read', 'Consent')
  @ApiOperation({ summary: 'Every version of the case’s consents, newest first' })
  @ApiOkResponse({ type: [ConsentResponseDto] })
  list(@CurrentContext() ctx: RequestContext, @Param() p: CaseRefParams) {
    return this.consents.list(ctx, p.caseId);
  }

  @Get('consents/:id')
  @Authorize('read', 'Consent')
  @ApiOperation({ summary: 'One consent in full, with who has answered' })
  @ApiOkResponse({ type: ConsentResponseDto })
  @ApiNotFoundResponse()
  async get(@CurrentContext() ctx: RequestContext, @Param() p: ConsentIdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.consents.get(ctx, p.id));
  }

  @Post('consents/:id/submit')
  @HttpCode(200)
  @Authorize('update', 'Consent')
  @ApiOperation({ summary: 'Send the draft to the guardians with parental responsibility (or the youth) to sign' })
  @ApiIfMatch('the consent')
  @ApiOkResponse({ type: ConsentResponseDto })
  async submit(
    @CurrentContext() ctx: RequestContext,
    @Param() p: ConsentIdParams,
    @Body() body: SubmitConsentDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.consents.submit(ctx, p.id, body.singleSignatureReason ?? null, version));
  }

  @Post('consents/:id/sign')
  @HttpCode(200)
  @Authorize('update', 'Consent')
  @ApiOperation({ summary: 'Sign the consent (guardian with parental responsibility or youth, signed in with ID-porten)' })
  @ApiIfMatch('the consent')
  @ApiOkResponse({ type: ConsentResponseDto })
  async sign(
    @CurrentContext() ctx: RequestContext,
    @Param() p: ConsentIdParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.consents.sign(ctx, p.id, version));
  }

  @Post('consents/:id/decline')
  @HttpCode(200)
  @Authorize('update', 'Consent')
  @ApiOperation({ summary: 'Decline the consent; the refusal is recorded' })
  @ApiIfMatch('the consent')
  @ApiOkResponse({ type: ConsentResponseDto })
  async decline(
    @CurrentContext() ctx: RequestContext,
    @Param() p: ConsentIdParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.consents.decline(ctx, p.id, version));
  }

  @Post('consents/:id/withdraw')
  @HttpCode(200)
  @Authorize('update', 'Consent')
  @ApiOperation({ summary: 'Withdraw the consent; the other services lose access at once' })
  @ApiIfMatch('the consent')
  @ApiOkResponse({ type: ConsentResponseDto })
  async withdraw(
    @CurrentContext() ctx: RequestContext,
    @Param() p: ConsentIdParams,
    @Body() body: WithdrawConsentDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.consents.withdraw(ctx, p.id, body, version));
  }

  @Post('consents/:id/answers')
  @HttpCode(200)
  @Authorize('update', 'Consent')
  @ApiOperation({ summary: 'Coordinator: record an oral or paper answer, marked as such, with a note' })
  @ApiIfMatch('the consent')
  @ApiOkResponse({ type: ConsentResponseDto })
  async recordAnswer(
    @CurrentContext() ctx: RequestContext,
    @Param() p: ConsentIdParams,
    @Body() body: RecordAnswerDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.consents.recordAnswer(ctx, p.id, body, version));
  }
}
