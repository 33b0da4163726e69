import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inScope, readScope } from '../assessments/access.ts';
import { periodSchema } from '../assessments/assessment.schemas.ts';
import { iso3Schema } from '../auth/claims.ts';
import { AppError, message } from '../lib/errors.ts';
import { wantsCsv } from '../lib/negotiation.ts';
import { AUTHENTICATED_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

const security = [{ bearerAuth: [] }];

const bandTallySchema = z.object({
  total: z.number().int(),
  bands: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
  meetsOrFullyMeets: z.object({
    count: z.number().int(),
    proportion: z.number().nullable().meta({ description: 'Share of countries in `meets` or `fully_meets`' }),
  }),
});
const domainTallySchema = bandTallySchema.extend({ key: z.string() });

const sdg1072Schema = z
  .object({
    indicator: z.literal('SDG 10.7.2'),
    period: z.string(),
    region: z.string().nullable(),
    total: z.number().int().meta({ description: 'Countries counted (latest validated assessment each)' }),
    overall: bandTallySchema,
    domains: z.array(domainTallySchema),
    regions: z
      .array(bandTallySchema.extend({ region: z.string(), domains: z.array(domainTallySchema) }))
      .nullable(),
    sdg1072Categories: z
      .object({
        overall: bandTallySchema,
        domains: z.array(bandTallySchema.extend({ number: z.number().int() })),
      })
      .meta({
        description:
          'The same countries counted by the 10.7.2 category their answers give (methodology 2, frameworks ' +
          'with the 10.7.2 crosswalk): overall and per 10.7.2 domain 1-6. Assessments on a framework ' +
          'without the crosswalk are not in these counts.',
      }),
  })
  .meta({ id: 'Sdg1072' });

const trendSchema = z
  .object({
    country: z.string(),
    points: z.array(
      z.object({
        period: z.string(),
        assessmentId: z.string(),
        validatedAt: z.string(),
        composite: z.number().nullable(),
        band: z.string().nullable(),
        domains: z.array(
          z.object({ key: z.string(), score: z.number().nullable(), band: z.string().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'Trend' });

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { indicators, countries } = app.services;

  app.get(
    '/v1/indicators/sdg-10-7-2',
    {
      onRequest: app.authenticate(),
      schema: {
        tags: ['indicators'],
        summary: 'Countries per band across validated assessments of a period (SDG 10.7.2)',
        description:
          'Counts the latest validated assessment of each country in the period, by composite band and by ' +
          'domain, with the share that meets or fully meets, and beside it by 10.7.2 category. `region` (an M49 region name) filters; ' +
          '`groupBy=region` adds a breakdown. `Accept: text/csv` gives one row per scope.',
        operationId: 'getSdg1072',
        security,
        querystring: z.strictObject({
          period: periodSchema,
          region: z.string().min(1).max(100).optional().meta({ example: 'Africa' }),
          groupBy: z.enum(['region']).optional(),
        }),
        response: {
          200: {
            description: 'The aggregate',
            content: {
              'application/json': { schema: sdg1072Schema },
              'text/csv': { schema: z.string() },
            },
          },
          ...problemResponses(...AUTHENTICATED_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
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
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(result) as never);
    },
  );

  app.get(
    '/v1/countries/:iso3/trend',
    {
      onRequest: app.authenticate(),
      schema: {
        tags: ['indicators'],
        summary: 'Composite and domain scores of each validated period of a country',
        operationId: 'getCountryTrend',
        security,
        params: z.strictObject({ iso3: iso3Schema }),
        response: { 200: trendSchema, ...problemResponses(...AUTHENTICATED_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const { iso3 } = request.params;
      const country = countries.find(iso3);
      if (!country || !inScope(readScope(request.principal), { country: iso3, status: 'validated' })) {
        throw new AppError('not_found', message('problem.countryNotFound', { iso3 }));
      }
      return { country: iso3, points: indicators.trend(iso3) };
    },
  );
};
