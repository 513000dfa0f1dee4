import { BadRequestException, PayloadTooLargeException, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getStorageToken, ThrottlerStorage } from '@nestjs/throttler';
import cookieParser from 'cookie-parser';
import { text } from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { devIdentityProvider } from './dev-identity-provider/dev-identity-provider';
import { AppConfig } from './config/app-config';
import { validationExceptionFactory } from './problem/validation';
import { answerMalformedRequests } from './http/malformed-request';
import { refuseUnsafeInput } from './http/safe-input';
import { assignRequestId } from './logging/logging.module';
import { signInLimit } from './rate-limits/sign-in-limit';
import { REGISTER_FILE_LIMIT, screenRegisterJson } from './registers/register-files';
import { serveWebClient } from './web-client/serve-web-client';

export const API_PREFIX = 'api';

/** Builds the configured application; `main.ts` listens on it, e2e tests drive it with supertest. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.set('trust proxy', 'loopback');
  answerMalformedRequests(app.getHttpServer());
  app.use((req: Request, res: Response, next: NextFunction) => {
    assignRequestId(req, res);
    next();
  });
  app.disable('x-powered-by');
  // No automatic (weak, body-hash) ETags on what res.send answers: an API ETag is always the version of the
  // record the body is (http/if-match.ts), the one value If-Match takes. Not `false`: Express 5 passes that
  // setting on to sendFile, and the web client's files keep send's own ETags (and their 304s).
  app.set('etag', () => undefined);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular sets inline styles on components; no inline scripts are allowed.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // Before the body parser, so that even its error responses are never cached.
  // Personal data must never sit in a browser or proxy cache.
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Register files are larger than any other body and may be CSV: these routes alone read theirs as text, up to
  // their own cap (the JSON parser below then leaves the request alone). registers/register-files.ts reads them.
  app.use(`/${API_PREFIX}/admin/imports`, text({ type: ['text/csv', 'application/json'], limit: REGISTER_FILE_LIMIT }), screenRegisterJson);
  app.useBodyParser('json', { limit: '100kb' });
  // body-parser's messages can quote the body back; replace them before they reach the filter.
  app.use((error: { type?: string; status?: number } | undefined, _req: Request, _res: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') return next(new BadRequestException('The request body is not valid JSON'));
    if (error?.type === 'entity.too.large') return next(new PayloadTooLargeException('The request body is too large'));
    return next(error);
  });
  app.use(cookieParser());
  // Before any guard, pipe or route reads the request (the session lookup included).
  let routeTemplates: string[] = [];
  app.use(refuseUnsafeInput(() => routeTemplates));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory }),
  );

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Stafett API')
      .setDescription('Case coordination for children and youth (BTI)')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, openApi, { jsonDocumentUrl: `${API_PREFIX}/docs-json` });
  routeTemplates = Object.keys(openApi.paths);

  if (config.devIdentityProvider) {
    // The bundled identity provider is a separate service in spirit: outside Nest's router and API.
    const limitSignIn = signInLimit(app.get<ThrottlerStorage>(getStorageToken()), config.rateLimits, 'idp-login');
    app.use('/idp', await devIdentityProvider(config, limitSignIn));
  }
  if (config.webDistDir) serveWebClient(app, config.webDistDir, API_PREFIX);
  // No app.enableShutdownHooks(): its handler closes the port at the signal. main.ts drains first
  // (http/graceful-shutdown.ts), then calls app.close(), which runs the same hooks.
  return app;
}
