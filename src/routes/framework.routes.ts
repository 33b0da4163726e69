import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  frameworkParamsSchema,
  frameworkSummarySchema,
  publishedFrameworkSchema,
} from '../framework/framework.schemas.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { authenticatedRoute, sendSerialized } from './authenticated-route.ts';

export const frameworkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { frameworks } = app.services;

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/frameworks',
    operationId: 'listFrameworks',
    schema: {
      tags: ['frameworks'],
      summary: 'List published framework versions',
      querystring: z.strictObject(langQuery),
      response: { 200: z.object({ items: z.array(frameworkSummarySchema) }) },
    },
    handler: async (request) => {
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
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/frameworks/:key/:version',
    operationId: 'getFramework',
    problems: [404],
    schema: {
      tags: ['frameworks'],
      summary: 'The whole questionnaire tree of one framework version',
      params: frameworkParamsSchema,
      querystring: z.strictObject(langQuery),
      response: { 200: publishedFrameworkSchema },
    },
    handler: async (request, reply) => {
      const found = frameworks.get(request.params.key, request.params.version);
      const localized = frameworks.localized(found, request.locale);
      // Immutable: serialised once per language, sent as is.
      reply
        .header('content-language', localized.locale)
        .header('cache-control', 'private, max-age=86400, immutable');
      return sendSerialized(reply, localized.json, 'application/json; charset=utf-8');
    },
  });
};
