import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { AppError, message } from './lib/errors.ts';
import authPlugin from './plugins/auth.plugin.ts';
import dbPlugin from './plugins/db.plugin.ts';
import errorsPlugin, { clientErrorHandler, sendProblem, toAppError } from './plugins/errors.plugin.ts';
import eventsPlugin, { type EventsOptions } from './plugins/events.plugin.ts';
import i18nPlugin from './plugins/i18n.plugin.ts';
import jsonBodyPlugin from './plugins/json-body.plugin.ts';
import openapiPlugin from './plugins/openapi.plugin.ts';
import publicDataPlugin from './plugins/public-data.plugin.ts';
import securityHeadersPlugin from './plugins/security-headers.plugin.ts';
import servicesPlugin, { type ServicesOptions } from './plugins/services.plugin.ts';
import webPlugin from './plugins/web.plugin.ts';
import { registerRoutes } from './routes/index.ts';
import { portalRoutes } from './routes/portal.routes.ts';

export interface BuildOptions {
  /** A pino logger configuration or instance; defaults to JSON at config.LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /** Other seed files than the shipped ones (tests with small frameworks). */
  seeds?: ServicesOptions;
  /** The outbox's clock, DNS, connector and mail transport (tests), and whether its loop starts. */
  events?: EventsOptions;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function loggerOptions(config: Config, options: BuildOptions) {
  return options.logger && typeof (options.logger as { child?: unknown }).child === 'function'
    ? { loggerInstance: options.logger as FastifyServerOptions['loggerInstance'] }
    : {
        logger: (options.logger as FastifyServerOptions['logger']) ?? {
          level: config.LOG_LEVEL,
          redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
        },
      };
}

/** Deadlines, so a client that trickles its headers or body, or idles, cannot hold a socket. */
function deadlines(config: Config) {
  // Node refuses a headers deadline longer than the request's.
  const headersTimeout = Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS);
  return {
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    maxRequestsPerSocket: config.MAX_REQUESTS_PER_SOCKET,
    // How often Node checks those two deadlines (its default, 30 s, would stretch them).
    http: { headersTimeout, connectionsCheckingInterval: Math.max(250, headersTimeout / 4) },
  };
}

function createServer(config: Config, options: BuildOptions) {
  return Fastify({
    ...loggerOptions(config, options),
    ...deadlines(config),
    bodyLimit: config.BODY_LIMIT_BYTES,
    clientErrorHandler,
    // One line per request is logged by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: false },
    // The router answers a path that is not valid percent-encoding (`/v1/frameworks/%/1`) or has a
    // segment over maxParamLength itself, before any hook or the error handler runs; without this
    // those answers are fastify's own JSON, not problem+json (found by test/security/fuzz.test.ts).
    frameworkErrors: (error, request, reply) => {
      // No onRequest hook runs on this path, so the security headers plugin does not either.
      reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff');
      return sendProblem(request, reply, toAppError(error));
    },
  }).withTypeProvider<ZodTypeProvider>();
}

type Server = ReturnType<typeof createServer>;

/** The request id on every answer, and one log line per request. */
function addRequestHooks(app: Server): void {
  // Callback-style hooks: an async hook costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
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
    done();
  });
}

/** The rate limit on every request and load shedding when the event loop lags. */
async function registerLimits(app: Server, config: Config): Promise<void> {
  await app.register(rateLimit, {
    // Not per route: the plugin would append its hook after each route's own onRequest hooks, so
    // a request refused by `authenticate` (401, 403) was never counted and token guessing went
    // unlimited. One application-wide hook, added below, runs before any route's hooks instead.
    global: false,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new AppError(
          'rate_limited',
          message('problem.rateLimited', { max: context.max, window: context.after }),
        ),
        { statusCode: 429 },
      ),
  });
  app.addHook('onRequest', app.rateLimit());
  await app.register(underPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    retryAfter: 5,
    exposeStatusRoute: false,
    customError: class extends AppError {
      constructor() {
        super('unavailable', message('problem.overloaded'));
      }
    } as never,
  });
}

/** Builds the whole service without listening: the server and the tests both start here. */
export async function buildApp(config: Config, options: BuildOptions = {}) {
  const app = createServer(config, options);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  addRequestHooks(app);
  await app.register(i18nPlugin);
  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(publicDataPlugin);
  await app.register(jsonBodyPlugin);
  await registerLimits(app, config);
  await app.register(dbPlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(openapiPlugin);
  await app.register(servicesPlugin, {
    ...options.seeds,
    historyLimitBytes: config.HISTORY_LIMIT_BYTES,
    documents: {
      dataDir: config.DATA_DIR,
      limits: {
        fileBytes: config.DOCUMENT_MAX_BYTES,
        assessmentBytes: config.ASSESSMENT_DOCUMENTS_MAX_BYTES,
      },
    },
  });
  await app.register(eventsPlugin, { config, events: options.events });
  await app.register(registerRoutes, { config });
  await app.register(webPlugin, { config });
  await app.register(portalRoutes, { config });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
