import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUTHENTICATED_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

export const countrySchema = z
  .object({
    iso3: z.string().meta({ example: 'KEN' }),
    name: z.string().meta({ example: 'Kenya' }),
    m49: z.string().meta({ description: 'UN M49 numeric code', example: '404' }),
    region: z.string().nullable().meta({ example: 'Africa' }),
    regionCode: z.string().nullable().meta({ example: '002' }),
    subregion: z.string().nullable().meta({ example: 'Sub-Saharan Africa' }),
    subregionCode: z.string().nullable(),
    intermediateRegion: z.string().nullable().meta({ example: 'Eastern Africa' }),
    intermediateRegionCode: z.string().nullable(),
  })
  .meta({ id: 'Country' });

export const countryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/countries',
    {
      onRequest: app.authenticate(),
      schema: {
        tags: ['countries'],
        summary: 'ISO 3166-1 alpha-3 countries with their UN M49 regions',
        operationId: 'listCountries',
        security: [{ bearerAuth: [] }],
        response: {
          200: z.array(countrySchema),
          ...problemResponses(...AUTHENTICATED_PROBLEMS),
        },
      },
    },
    async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(app.services.countries.listJson() as never),
  );
};
