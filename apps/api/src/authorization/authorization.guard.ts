import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from './public.decorator';

/**
 * Fail closed: a route is reachable only when it declares how it is authorized. A forgotten
 * decorator refuses the route instead of opening it.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  private readonly logger = new Logger('Authorization');

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<string>(PUBLIC_ROUTE, targets)) return true;
    this.logger.warn(
      { route: `${context.getClass().name}.${context.getHandler().name}` },
      'route without authorization declaration refused',
    );
    return false;
  }
}
