import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  frameworkParamsSchema,
  frameworkSummarySchema,
  publishedFrameworkSchema,
} from '../framework/framework.schemas.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { Precompressed } from '../lib/content-coding.ts';
import { authenticatedRoute, sendCompressed } from './authenticated-route.ts';

export const frameworkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { frameworks } = app.services;
  // A few bodies (one per version and language), never changing, each compressed on its first
  // request: brotli 10 gives 2.0.0's 78 KB as 12.6 KB in ~30 ms once (11: ~3x the time for 2%
  // less; gzip: 15.4 KB).
  const packer = new Precompressed(10);

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
      response: {
        200: publishedFrameworkSchema,
        304: z.undefined().meta({ description: 'Not modified since the ETag sent in If-None-Match' }),
      },
    },
    handler: async (request, reply) => {
      const found = frameworks.get(request.params.key, request.params.version);
      const localized = frameworks.localized(found, request.locale);
      // Immutable reference data, no assessment in it: a browser may keep it. Serialised once
      // per language and compressed once per coding, sent as is.
      reply
        .header('content-language', localized.locale)
        .header('cache-control', 'private, max-age=86400, immutable');
      return sendCompressed(request, reply, localized.json, {
        contentType: 'application/json; charset=utf-8',
        etag: `f-${packer.digest(localized.json)}`,
        packer,
      });
    },
  });
};
