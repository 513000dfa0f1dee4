import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { CookieOptions, Response } from 'express';
import type { AuthorizedRequest } from '../authorization/authorization.decorators';
import { Public, requestIdOf, SignedIn } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { AuthService } from './auth.service';
import { CitizenMunicipalityDto, SignedOutDto, SwitchMunicipalityDto } from './dto/citizen-users.dto';
import { CallbackQuery, LoginQuery } from './dto/login.query';
import { SessionResponseDto } from './dto/session-response.dto';
import { CSRF_COOKIE, LOGIN_COOKIE, SESSION_COOKIE, SessionsService } from './sessions.service';

// __Host- cookies: Secure, Path=/, no Domain. Browsers accept Secure cookies on http://localhost.
const SESSION: CookieOptions = { httpOnly: true, secure: true, sameSite: 'lax', path: '/' };
// Read by the client and echoed as X-XSRF-TOKEN; SameSite=Strict keeps other sites from using it.
const CSRF: CookieOptions = { httpOnly: false, secure: true, sameSite: 'strict', path: '/' };

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Get('auth/login')
  @Public('starts a sign-in; reveals nothing')
  @RateLimited('signIn')
  @ApiOperation({ summary: 'Start signing in (redirects to the identity provider)' })
  @ApiFoundResponse({ description: 'Redirect to the identity provider' })
  async login(@Query() query: LoginQuery, @Res() res: Response): Promise<void> {
    const { state, redirectTo } = await this.auth.startSignIn(query.as, query.returnTo ?? '/');
    res.cookie(LOGIN_COOKIE, state, { ...SESSION, maxAge: 10 * 60 * 1000 });
    res.redirect(302, redirectTo);
  }

  @Get('auth/callback')
  @Public('the identity provider returns here; the state, PKCE and token checks guard it')
  @RateLimited('signIn')
  @ApiOperation({ summary: 'Complete signing in (the identity provider redirects here)' })
  @ApiFoundResponse({ description: 'Signed in; redirect to where the user started' })
  @ApiUnauthorizedResponse({ description: 'State, code or ID token not accepted' })
  async callback(@Query() query: CallbackQuery, @Req() req: AuthorizedRequest, @Res() res: Response): Promise<void> {
    const signedIn = await this.auth.completeSignIn(query, req.cookies?.[LOGIN_COOKIE], requestIdOf(req));
    res.clearCookie(LOGIN_COOKIE, SESSION);
    res.cookie(SESSION_COOKIE, signedIn.token, SESSION);
    res.cookie(CSRF_COOKIE, signedIn.csrfToken, CSRF);
    res.redirect(302, signedIn.returnTo);
  }

  @Post('auth/logout')
  @HttpCode(200)
  @SignedIn('ends the caller’s own session')
  @ApiOperation({ summary: 'Sign out: ends the session here and answers where to end the identity provider’s session' })
  @ApiOkResponse({ type: SignedOutDto })
  async logout(@Req() req: AuthorizedRequest, @Res({ passthrough: true }) res: Response): Promise<SignedOutDto> {
    const out = req.principal && req.sessionId ? await this.auth.signOut(req.principal, req.sessionId, requestIdOf(req)) : null;
    res.clearCookie(SESSION_COOKIE, SESSION);
    res.clearCookie(CSRF_COOKIE, CSRF);
    res.setHeader('Cache-Control', 'no-store');
    return { endSessionUrl: out?.endSessionUrl ?? null };
  }

  @Get('me/municipalities')
  @SignedIn('the caller’s own citizen users, found by their own identity number')
  @ApiOperation({ summary: 'Citizens: the municipalities where I am a citizen user, the current one first (staff: empty)' })
  @ApiOkResponse({ type: [CitizenMunicipalityDto] })
  async municipalities(@Req() req: AuthorizedRequest): Promise<CitizenMunicipalityDto[]> {
    if (!req.principal) throw new Error('guard let an unauthenticated request through');
    return this.auth.citizenUsers(req.principal);
  }

  @Post('me/municipality')
  @HttpCode(204)
  @SignedIn('switches the caller’s own session to another of their own citizen users; checked in SQL')
  @ApiOperation({ summary: 'Citizens: act as my citizen user in another municipality (audited in both)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Staff sign in to one municipality' })
  @ApiNotFoundResponse({ description: 'Not one of my citizen users' })
  async switchMunicipality(@Req() req: AuthorizedRequest, @Body() body: SwitchMunicipalityDto): Promise<void> {
    if (!req.principal || !req.sessionId) throw new Error('guard let an unauthenticated request through');
    if (req.principal.kind !== 'citizen') throw new ForbiddenException('Only citizens act in more than one municipality');
    await this.auth.switchCitizenUser(req.principal, req.sessionId, body.userId, requestIdOf(req));
  }

  @Get('me')
  @SignedIn('the caller’s own session and rules')
  @ApiOperation({ summary: 'Who is signed in, their roles and their packed authorization rules' })
  @ApiOkResponse({ type: SessionResponseDto })
  async me(@Req() req: AuthorizedRequest): Promise<SessionResponseDto> {
    const resolved = await this.sessions.resolve(req.cookies?.[SESSION_COOKIE]);
    if (!resolved || !req.ability) throw new Error('guard let an unauthenticated request through');
    return this.auth.sessionInfo(resolved.principal, req.ability, resolved.csrfToken);
  }
}
