import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalSchema } from '../auth/claims.ts';
import { authenticatedRoute } from './authenticated-route.ts';

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/me',
    operationId: 'getMe',
    schema: {
      tags: ['identity'],
      summary: 'The caller’s verified claims',
      response: { 200: principalSchema },
    },
    handler: async (request) => request.principal,
  });
};
