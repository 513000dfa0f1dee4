import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { SessionsService } from '../auth/sessions.service';
import { Authorize, Public, SignedIn } from './authorization.decorators';
import { AuthorizationGuard } from './authorization.guard';

class Routes {
  forgotten() {
    return 'should never run';
  }
  @Public('test') open() {
    return 'open';
  }
  @SignedIn('test') mine() {
    return 'mine';
  }
  @Authorize('read', 'AuditEvent') log() {
    return 'log';
  }
}

function contextFor(handler: keyof Routes, method = 'GET'): ExecutionContext {
  const request = { method, headers: {}, cookies: {} };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AuthorizationGuard', () => {
  const audit = { record: jest.fn() } as unknown as AuditService;
  const dataSource = { transaction: (fn: (em: unknown) => unknown) => fn({}) } as unknown as DataSource;
  const anonymous = { resolve: async () => null } as unknown as SessionsService;
  const guard = new AuthorizationGuard(new Reflector(), anonymous, audit, dataSource);

  it('refuses a route that declares no authorization, even for an anonymous caller (fail closed)', async () => {
    await expect(guard.canActivate(contextFor('forgotten'))).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('lets anyone through a @Public route', async () => {
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('answers 401 on @SignedIn and @Authorize routes without a session', async () => {
    await expect(guard.canActivate(contextFor('mine'))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard.canActivate(contextFor('log'))).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
