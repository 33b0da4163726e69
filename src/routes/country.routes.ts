import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { countrySchema, MAX_COUNTRIES } from '../countries/country.schemas.ts';
import { boundedArray } from '../lib/bounded.ts';
import { authenticatedRoute, sendSerialized } from './authenticated-route.ts';

export const countryRoutes: FastifyPluginAsyncZod = async (app) => {
  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/countries',
    operationId: 'listCountries',
    schema: {
      tags: ['countries'],
      summary: 'ISO 3166-1 alpha-3 countries with their UN M49 regions',
      response: { 200: boundedArray(countrySchema, MAX_COUNTRIES) },
    },
    handler: async (_request, reply) =>
      sendSerialized(reply, app.services.countries.listJson(), 'application/json; charset=utf-8'),
  });
};
