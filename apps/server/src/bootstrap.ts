import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { FiredrillConfig } from '#config';
import { AppModule } from './app.module.js';
import { DatabaseService } from './database/database.service.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { createLogger, LOGGER, PinoNestLogger } from './logging/logger.js';
import { MetricsService } from './metrics/metrics.service.js';

export interface RunningServer {
  app: NestExpressApplication;
  url: string;
  database: DatabaseService;
  close(): Promise<void>;
}

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain', 'text/csv'];
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds and starts the HTTP server for a validated config whose databaseUrl
 * is set (main.ts starts the embedded PostgreSQL first when it is not).
 * Used by main.ts and by the tests, so both exercise the same wiring.
 */
export async function startServer(config: FiredrillConfig, logger: Logger = createLogger(config)): Promise<RunningServer> {
  if (!config.databaseUrl) throw new Error('startServer needs config.databaseUrl');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger), {
    bodyParser: false,
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');

  const metrics = app.get(MetricsService);
  app.use(
    pinoHttp({
      logger: logger.child({ component: 'http' }),
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? (res.statusCode === 404 ? 'unmatched' : req.path);
      end({ method: req.method, route: `${req.baseUrl ?? ''}${route}`, status_code: String(res.statusCode) });
    });
    next();
  });
  // Webhook signatures (PagerDuty, Grafana) are computed over the exact bytes sent.
  const keepRaw = (req: Request & { rawBody?: Buffer }, _res: unknown, buf: Buffer) => {
    req.rawBody = buf;
  };
  // Webhook deliveries are parsed by their adapter from the raw bytes, so a
  // malformed one can still be kept in the dead-letter table.
  const isHook = (req: Request) => req.path.startsWith('/api/v1/hooks/');
  const raw = express.raw({ limit: config.bodyLimitBytes, type: () => true, verify: keepRaw });
  const json = express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'], verify: keepRaw });
  const text = express.text({ limit: config.bodyLimitBytes, type: YAML_TYPES, verify: keepRaw });
  app.use((req: Request, res: Response, next: NextFunction) => (isHook(req) ? raw(req, res, next) : json(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => (isHook(req) ? next() : text(req, res, next)));
  // Body-parser failures happen before routing; give them the same problem+json shape.
  const filter = new ProblemFilter(app.get(LOGGER));
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const problem = filter.toProblem(err, req);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  });

  const openapi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Firedrill API')
      .setDescription('Game days, chaos runs, incident response measurement, debriefs and maturity scorecards.')
      .setVersion('v1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/openapi.json', raw: ['json'] });

  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const database = app.get(DatabaseService);
  void database.connect().catch(() => undefined);

  const address = app.getHttpServer().address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    app,
    url: `http://${host}:${address.port}`,
    database,
    close: () => app.close(),
  };
}
