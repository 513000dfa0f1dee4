import { Module, RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Structured JSON logs with a request id on every line. No personal data: no bodies, no query
 * strings, no cookies or authorization headers — only method, path, status and timing.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const incoming = req.headers['x-request-id'];
            const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: { paths: ['req.headers', 'res.headers'], remove: true },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/api/health/') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
