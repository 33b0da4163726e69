import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { countrySchema } from '../countries/country.schemas.ts';
import { authenticatedRoute, sendSerialized } from './authenticated-route.ts';

export const countryRoutes: FastifyPluginAsyncZod = async (app) => {
  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/countries',
    operationId: 'listCountries',
    schema: {
      tags: ['countries'],
      summary: 'ISO 3166-1 alpha-3 countries with their UN M49 regions',
      response: { 200: z.array(countrySchema) },
    },
    handler: async (_request, reply) =>
      sendSerialized(reply, app.services.countries.listJson(), 'application/json; charset=utf-8'),
  });
};
