import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalSchema } from '../auth/claims.ts';
import { AUTHENTICATED_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/me',
    {
      onRequest: app.authenticate(),
      schema: {
        tags: ['identity'],
        summary: 'The caller’s verified claims',
        operationId: 'getMe',
        security: [{ bearerAuth: [] }],
        response: { 200: principalSchema, ...problemResponses(...AUTHENTICATED_PROBLEMS) },
      },
    },
    async (request) => request.principal,
  );
};
