import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inScope, readScope } from '../assessments/access.ts';
import { iso3Schema } from '../auth/claims.ts';
import {
  sdg1072ExportQuerySchema,
  sdg1072QuerySchema,
  sdg1072Schema,
  trendSchema,
} from '../indicators/indicator.schemas.ts';
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
      summary: 'SDG 10.7.2 by the official rule, and countries per MiGOF band, for a year',
      description:
        '`official`: SDG indicator 10.7.2 as the UN computes it: each country’s latest validated official answers ' +
        'up to the year (framework 2.1.0 on), by category 1-4, overall and per policy domain, with the share that ' +
        'meets or fully meets; `groupBy=region|sdgRegion` adds the M49 regions or the SDG regional groupings. ' +
        'Beside it, the latest validated assessment of each country in the period by MiGOF band (composite and ' +
        'domains). `region` (an M49 region name) filters. `Accept: text/csv` gives the band counts, one row per ' +
        'scope; `sdg-10-7-2.csv` and `sdg-10-7-2.sdmx.csv` give the official aggregate.',
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
      const regionCode = countries.list().find((c) => c.region === region)?.regionCode;
      if (region !== undefined && !countries.regions().includes(region)) {
        throw new AppError('validation', message('problem.unknownRegion', { region }), {
          errors: [
            { path: 'querystring.region', message: `must be one of: ${countries.regions().join(', ')}` },
          ],
        });
      }
      const scope = region !== undefined && regionCode ? { code: regionCode, name: region } : undefined;
      const result = indicators.sdg1072(period, scope, groupBy, request.locale);
      if (wantsCsv(request.headers.accept)) {
        return reply.type('text/csv; charset=utf-8').send(indicators.sdg1072Csv(result));
      }
      return sendSerialized(reply, JSON.stringify(result), 'application/json; charset=utf-8');
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/indicators/sdg-10-7-2.sdmx.csv',
    operationId: 'getSdg1072Sdmx',
    schema: {
      tags: ['indicators'],
      summary: 'SDG 10.7.2 for the SDG database (SDMX-CSV 2.0)',
      description:
        'SDMX-CSV 2.0 (no byte order mark) after the global SDG dataflow `IAEG-SDGs:DF_SDG_GLH(1.9)`: ' +
        '`SG_CPA_MIGRS`, the category code 1-4 of each country’s latest official answers up to the year (at the ' +
        'period they were given for), total `_T` and policy domains `PD_1`-`PD_6` in COMPOSITE_BREAKDOWN, REF_AREA ' +
        'the M49 code; `SG_CPA_MIGRP`, the percentage of those countries that meet or fully meet, for the world ' +
        '(1), each M49 region, sub-region and intermediate region and each SDG regional grouping. Codes only: the ' +
        'same in every language.',
      querystring: sdg1072ExportQuerySchema,
      response: {
        200: { description: 'SDMX-CSV 2.0', content: { 'text/csv': { schema: z.string() } } },
      },
    },
    handler: async (request, reply) => {
      const body = indicators.official.sdmxCsv(request.query.period);
      return reply.type('text/csv; charset=utf-8; header=present').send(body);
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/indicators/sdg-10-7-2.csv',
    operationId: 'getSdg1072Csv',
    schema: {
      tags: ['indicators'],
      summary: 'SDG 10.7.2 by the official rule as a spreadsheet (CSV)',
      description:
        'The official aggregate for people: one row per area (world, M49 regions, sub-regions and intermediate ' +
        'regions, SDG regional groupings) and policy domain, with the countries per category and the share that ' +
        'meets or fully meets. Headers and labels in the language asked for; starts with a UTF-8 byte order mark.',
      querystring: sdg1072ExportQuerySchema,
      response: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      },
    },
    handler: async (request, reply) => {
      const body = indicators.official.plainCsv(request.query.period, request.locale);
      return reply.type('text/csv; charset=utf-8').send(body);
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
