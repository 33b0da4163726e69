import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inScope, readScope } from '../assessments/access.ts';
import { iso3Schema } from '../auth/claims.ts';
import { sdg1072QuerySchema, sdg1072Schema, trendSchema } from '../indicators/indicator.schemas.ts';
import { AppError, message } from '../lib/errors.ts';
import { wantsCsv } from '../lib/negotiation.ts';
import { authenticatedRoute, sendSerialized } from './authenticated-route.ts';

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { indicators, countries } = app.services;

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/indicators/sdg-10-7-2',
    operationId: 'getSdg1072',
    schema: {
      tags: ['indicators'],
      summary: 'Countries per band across validated assessments of a period (SDG 10.7.2)',
      description:
        'Counts the latest validated assessment of each country in the period, by composite band and by ' +
        'domain, with the share that meets or fully meets, and beside it by 10.7.2 category. `region` (an M49 region name) filters; ' +
        '`groupBy=region` adds a breakdown. `Accept: text/csv` gives one row per scope.',
      querystring: sdg1072QuerySchema,
      response: {
        200: {
          description: 'The aggregate',
          content: {
            'application/json': { schema: sdg1072Schema },
            'text/csv': { schema: z.string() },
          },
        },
      },
    },
    handler: async (request, reply) => {
      const { period, region, groupBy } = request.query;
      if (region !== undefined && !countries.regions().includes(region)) {
        throw new AppError('validation', message('problem.unknownRegion', { region }), {
          errors: [
            { path: 'querystring.region', message: `must be one of: ${countries.regions().join(', ')}` },
          ],
        });
      }
      const result = indicators.sdg1072(period, region, groupBy === 'region');
      if (wantsCsv(request.headers.accept)) {
        return reply.type('text/csv; charset=utf-8').send(indicators.sdg1072Csv(result));
      }
      return sendSerialized(reply, JSON.stringify(result), 'application/json; charset=utf-8');
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/countries/:iso3/trend',
    operationId: 'getCountryTrend',
    problems: [404],
    schema: {
      tags: ['indicators'],
      summary: 'Composite and domain scores of each validated period of a country',
      params: z.strictObject({ iso3: iso3Schema }),
      response: { 200: trendSchema },
    },
    handler: async (request) => {
      const { iso3 } = request.params;
      const country = countries.find(iso3);
      if (!country || !inScope(readScope(request.principal), { country: iso3, status: 'validated' })) {
        throw new AppError('not_found', message('problem.countryNotFound', { iso3 }));
      }
      return { country: iso3, points: indicators.trend(iso3) };
    },
  });
};
