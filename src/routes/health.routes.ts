import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, message } from '../lib/errors.ts';
import { PUBLIC_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up',
        operationId: 'getHealth',
        security: [],
        response: { 200: healthSchema, ...problemResponses(...PUBLIC_PROBLEMS) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers and accepts writes',
        operationId: 'getReadiness',
        security: [],
        response: { 200: healthSchema, ...problemResponses(...PUBLIC_PROBLEMS) },
      },
    },
    async (request) => {
      try {
        app.db.$client.prepare('SELECT 1').get();
      } catch (error) {
        request.log.error({ err: error }, 'database not ready');
        throw new AppError('unavailable', message('problem.dbDown'), {
          headers: { 'retry-after': '5' },
        });
      }
      if (app.writes.stopped) {
        throw new AppError('unavailable', message('problem.writesStopped'));
      }
      // After a write failed for lack of space, ready again only once a probe that needs the
      // database files to grow succeeds (a small write may still fit where a torn one was).
      if (app.writes.storageFailing) {
        await app.writes.probe().catch((error: unknown) => {
          request.log.warn({ err: error }, 'database does not accept writes');
          throw new AppError('unavailable', message('problem.storageFailed'), {
            headers: { 'retry-after': '30' },
          });
        });
      }
      return { status: 'ok' as const };
    },
  );
};
