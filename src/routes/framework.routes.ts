import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { frameworkSchema } from '../framework/framework.schema.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { AUTHENTICATED_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

const frameworkSummarySchema = z
  .object({
    key: z.string().meta({ example: 'migof' }),
    version: z.string().meta({ example: '1.0.0' }),
    title: z.string(),
    publishedAt: z.string().meta({ format: 'date-time' }),
    domains: z.number().int(),
    subdomains: z.number().int(),
    questions: z.number().int(),
    latest: z.boolean().meta({ description: 'The version new assessments are pinned to by default' }),
    languages: z.array(z.string()).meta({ description: 'Languages the questionnaire text is available in' }),
  })
  .meta({ id: 'FrameworkSummary' });

const publishedFrameworkSchema = frameworkSchema
  .extend({ publishedAt: z.string().meta({ format: 'date-time' }) })
  .meta({ id: 'PublishedFramework' });

export const frameworkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { frameworks } = app.services;

  app.get(
    '/v1/frameworks',
    {
      onRequest: app.authenticate(),
      schema: {
        tags: ['frameworks'],
        summary: 'List published framework versions',
        operationId: 'listFrameworks',
        security: [{ bearerAuth: [] }],
        querystring: z.strictObject(langQuery),
        response: {
          200: z.object({ items: z.array(frameworkSummarySchema) }),
          ...problemResponses(...AUTHENTICATED_PROBLEMS),
        },
      },
    },
    async (request) => {
      const all = frameworks.list();
      const latestIds = new Set([...new Set(all.map((f) => f.key))].map((key) => frameworks.latest(key).id));
      return {
        items: all.map((f) => {
          const subdomains = f.framework.domains.flatMap((d) => d.subdomains);
          return {
            key: f.key,
            version: f.version,
            title: frameworks.localized(f, request.locale).framework.title,
            publishedAt: f.publishedAt,
            domains: f.framework.domains.length,
            subdomains: subdomains.length,
            questions: f.questions.size,
            latest: latestIds.has(f.id),
            languages: frameworks.languages(f),
          };
        }),
      };
    },
  );

  app.get(
    '/v1/frameworks/:key/:version',
    {
      onRequest: app.authenticate(),
      schema: {
        tags: ['frameworks'],
        summary: 'The whole questionnaire tree of one framework version',
        operationId: 'getFramework',
        security: [{ bearerAuth: [] }],
        params: z.strictObject({
          key: z.string().max(40).meta({ example: 'migof' }),
          version: z.string().max(20).meta({ example: '1.0.0' }),
        }),
        querystring: z.strictObject(langQuery),
        response: {
          200: publishedFrameworkSchema,
          ...problemResponses(...AUTHENTICATED_PROBLEMS, 404),
        },
      },
    },
    async (request, reply) => {
      const found = frameworks.get(request.params.key, request.params.version);
      const localized = frameworks.localized(found, request.locale);
      // Immutable: serialised once per language, sent as is.
      return reply
        .type('application/json; charset=utf-8')
        .header('content-language', localized.locale)
        .header('cache-control', 'private, max-age=86400, immutable')
        .send(localized.json as never);
    },
  );
};
