import { Module, RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { serializeError } from './safe-error';

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The request's id: the caller's X-Request-Id when well-formed, else a new UUID; echoed in the
 * response. Set once, by the first middleware (createApp), so that requests refused before the
 * logger runs (malformed or unsafe input) still carry an id in their problem+json.
 */
export function assignRequestId(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Structured JSON logs with a request id on every line. No personal data: no bodies, no query
 * strings, no cookies or authorization headers — only method, path, status and timing; errors
 * by their class, code and stack, never the query parameters or values they carry.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: assignRequestId,
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            // Every `err` in a log line, from pino-http and from Nest's loggers alike.
            err: serializeError,
          },
          redact: { paths: ['req.headers', 'res.headers'], remove: true },
          // For a 5xx pino-http makes up an Error ("failed with status code 503") and logs its stack with
          // every such request; the problem filter has already logged the real error by request id.
          customErrorObject: (_req: IncomingMessage, res: ServerResponse, error: Error, fields: Record<string, unknown>) =>
            error.message === `failed with status code ${res.statusCode}` ? { ...fields, err: undefined } : fields,
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/api/health/') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
