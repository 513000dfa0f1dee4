import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OidcClient } from './oidc/oidc-client';
import { SessionsService } from './sessions.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, OidcClient, SessionsService],
  exports: [SessionsService],
})
export class AuthModule {}
