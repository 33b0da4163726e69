import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { AppError } from './lib/errors.ts';
import authPlugin from './plugins/auth.plugin.ts';
import dbPlugin from './plugins/db.plugin.ts';
import errorsPlugin from './plugins/errors.plugin.ts';
import openapiPlugin from './plugins/openapi.plugin.ts';
import servicesPlugin, { type ServicesOptions } from './plugins/services.plugin.ts';
import { registerRoutes } from './routes/index.ts';

export interface BuildOptions {
  /** A pino logger configuration or instance; defaults to JSON at config.LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /** Other seed files than the shipped ones (tests with small frameworks). */
  seeds?: ServicesOptions;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the whole service without listening: the server and the tests both start here. */
export async function buildApp(config: Config, options: BuildOptions = {}) {
  const logger =
    options.logger && typeof (options.logger as { child?: unknown }).child === 'function'
      ? { loggerInstance: options.logger as FastifyServerOptions['loggerInstance'] }
      : {
          logger: (options.logger as FastifyServerOptions['logger']) ?? {
            level: config.LOG_LEVEL,
            redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
          },
        };

  const app = Fastify({
    ...logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // One line per request is logged by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: false },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 100) / 100,
        sub: request.principal?.sub,
      },
      'request',
    );
  });

  await app.register(errorsPlugin);
  await app.register(helmet, {
    // The API serves JSON and SVG; /docs gets its own CSP from @fastify/swagger-ui.
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new AppError('rate_limited', `Rate limit of ${context.max} requests per ${context.after} exceeded`),
        {
          statusCode: 429,
        },
      ),
  });
  await app.register(underPressure, {
    maxEventLoopDelay: 1000,
    retryAfter: 5,
    exposeStatusRoute: false,
    customError: class extends AppError {
      constructor() {
        super('unavailable', 'The service is overloaded; retry after the delay given in Retry-After');
      }
    } as never,
  });
  await app.register(dbPlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(openapiPlugin);
  await app.register(servicesPlugin, options.seeds ?? {});
  await app.register(registerRoutes);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
