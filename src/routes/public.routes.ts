import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALLOWED_TYPES } from '../documents/content-type.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { officialAreaComponent } from '../indicators/sdg1072.schemas.ts';
import { Precompressed } from '../lib/content-coding.ts';
import { PUBLIC_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';
import type { PublicationRow } from '../publication/publication.repository.ts';
import {
  documentParamsSchema,
  profileParamsSchema,
  publicIndicatorQuerySchema,
  publicListQuerySchema,
  publicProfileListSchema,
  publicProfileSchema,
  versionDocumentParamsSchema,
  versionParamsSchema,
} from '../publication/publication.schemas.ts';
import type { SnapshotFileName } from '../publication/snapshot.ts';
import { sendCompressed } from './authenticated-route.ts';

/** A withdrawal must show within a minute on the current URLs; version URLs never change. */
export const CURRENT_CACHE = 'public, max-age=60';
export const VERSION_CACHE = 'public, max-age=31536000, immutable';

const tags = ['open data'];
const langQuerySchema = z.strictObject(langQuery);
const notModified = z.undefined().meta({ description: 'Not modified since the ETag sent in If-None-Match' });

const publicAggregateSchema = z
  .strictObject({
    period: z.string().max(4),
    world: officialAreaComponent,
    regions: z.array(officialAreaComponent).max(10),
  })
  .meta({ id: 'PublicSdg1072' });

const FILES: { suffix: string; name: SnapshotFileName; content: string; what: string; op: string }[] = [
  { suffix: '', name: 'profile.json', content: 'application/json', what: 'The profile (JSON)', op: '' },
  {
    suffix: '/profile.pdf',
    name: 'profile.pdf',
    content: 'application/pdf',
    what: 'The printable profile (PDF)',
    op: 'PDF',
  },
  {
    suffix: '/report.svg',
    name: 'report.svg',
    content: 'image/svg+xml',
    what: 'The radar chart (SVG)',
    op: 'SVG',
  },
  { suffix: '/data.csv', name: 'data.csv', content: 'text/csv', what: 'The public scores (CSV)', op: 'CSV' },
];

/**
 * Open data (issue 28): published profiles and the 10.7.2 aggregate from them, with no token.
 * Every answer is bytes stored at publication; `security: []` and `config.publicData` (CORS open)
 * on each route, declared here and nowhere else.
 */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.publicProfiles;
  const packer = new Precompressed(5);
  const publicRoute = { security: [] as never[], tags };
  const config = { publicData: true };

  const sendFile = (
    request: FastifyRequest,
    reply: FastifyReply,
    row: PublicationRow,
    name: SnapshotFileName,
    cache: string,
  ) => {
    const { locale } = request;
    const file = service.file(row, name, locale);
    reply.header('content-language', locale).header('vary', 'Accept-Language').header('cache-control', cache);
    if (name === 'report.svg')
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (name !== 'profile.json') {
      const filename = `migov-${row.country}-${row.period}-v${row.version}-${locale}.${name.split('.')[1]}`;
      reply.header('content-disposition', `inline; filename="${filename}"`);
    }
    return sendCompressed(request, reply, file.bytes, {
      contentType: file.mediaType,
      etag: `${file.sha256.slice(0, 24)}-${locale}`,
      packer,
    });
  };

  app.get(
    '/v1/public/profiles',
    {
      config,
      schema: {
        ...publicRoute,
        operationId: 'listPublicProfiles',
        summary: 'Published country profiles (current versions), by country and period',
        description: 'Filter by M49 region or sub-region and by period; cursor pages. Never ranked.',
        querystring: publicListQuerySchema.extend(langQuery),
        response: { 200: publicProfileListSchema, ...problemResponses(...PUBLIC_PROBLEMS) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', CURRENT_CACHE).header('vary', 'Accept-Language');
      return service.list(request.query, request.locale);
    },
  );

  for (const file of FILES) {
    const content = {
      [file.content]: { schema: file.name === 'profile.json' ? publicProfileSchema : z.string() },
    };
    app.get(
      `/v1/public/profiles/:iso3/:period${file.suffix}`,
      {
        config,
        schema: {
          ...publicRoute,
          operationId: `getPublicProfile${file.op}`,
          summary: `${file.what}: the current version`,
          description:
            'As published (a snapshot). 404 when never published or withdrawn; cached for a minute.',
          params: profileParamsSchema,
          querystring: langQuerySchema,
          response: {
            200: { description: file.what, content },
            304: notModified,
            ...problemResponses(...PUBLIC_PROBLEMS, 404),
          },
        },
      },
      async (request, reply) => {
        const row = service.current(request.params.iso3, request.params.period);
        return sendFile(request, reply, row, file.name, CURRENT_CACHE);
      },
    );
    app.get(
      `/v1/public/profiles/:iso3/:period/versions/:version${file.suffix}`,
      {
        config,
        schema: {
          ...publicRoute,
          operationId: `getPublicProfileVersion${file.op}`,
          summary: `${file.what}: one publication version (permanent)`,
          description: 'Never changes: cached as immutable. 410 once the profile was withdrawn.',
          params: versionParamsSchema,
          querystring: langQuerySchema,
          response: {
            200: { description: file.what, content },
            304: notModified,
            ...problemResponses(...PUBLIC_PROBLEMS, 404, 410),
          },
        },
      },
      async (request, reply) => {
        const { iso3, period, version } = request.params;
        return sendFile(request, reply, service.version(iso3, period, version), file.name, VERSION_CACHE);
      },
    );
  }

  const documentResponse = {
    200: {
      description: 'The document as the government made it public',
      content: Object.fromEntries(
        ALLOWED_TYPES.map((type) => [
          type,
          { schema: z.string().max(Number.MAX_SAFE_INTEGER).meta({ format: 'binary' }) },
        ]),
      ),
    },
  };
  const sendDocument = async (reply: FastifyReply, row: PublicationRow, id: string, cache: string) => {
    const { meta, bytes } = await service.document(row, id);
    return (
      reply
        .type(meta.mediaType)
        .header('cache-control', cache)
        .header('etag', `"${meta.sha256.slice(0, 24)}"`)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`)
        // As the documents module serves them: nothing in the file may run in a browser.
        .header('content-security-policy', "sandbox; default-src 'none'")
        .send(bytes)
    );
  };
  app.get(
    '/v1/public/profiles/:iso3/:period/documents/:documentId',
    {
      config,
      schema: {
        ...publicRoute,
        operationId: 'getPublicDocument',
        summary: 'A document the government made public with the current version',
        params: documentParamsSchema,
        response: { ...documentResponse, ...problemResponses(...PUBLIC_PROBLEMS, 404) },
      },
    },
    async (request, reply) => {
      const { iso3, period, documentId } = request.params;
      return sendDocument(reply, service.current(iso3, period), documentId, CURRENT_CACHE);
    },
  );
  app.get(
    '/v1/public/profiles/:iso3/:period/versions/:version/documents/:documentId',
    {
      config,
      schema: {
        ...publicRoute,
        operationId: 'getPublicVersionDocument',
        summary: 'A document made public with one publication version',
        params: versionDocumentParamsSchema,
        response: { ...documentResponse, ...problemResponses(...PUBLIC_PROBLEMS, 404, 410) },
      },
    },
    async (request, reply) => {
      const { iso3, period, version, documentId } = request.params;
      return sendDocument(reply, service.version(iso3, period, version), documentId, VERSION_CACHE);
    },
  );

  app.get(
    '/v1/public/indicators/sdg-10-7-2',
    {
      config,
      schema: {
        ...publicRoute,
        operationId: 'getPublicSdg1072',
        summary: 'SDG 10.7.2 from published profiles only: countries by official category, world and regions',
        description:
          'Counted from the current publications of the period (never an unpublished or withdrawn profile), by the ' +
          'same tally as `GET /v1/indicators/sdg-10-7-2`; profiles on frameworks before 2.1.0 carry no official values.',
        querystring: publicIndicatorQuerySchema,
        response: {
          200: publicAggregateSchema,
          ...problemResponses(...PUBLIC_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', CURRENT_CACHE).header('vary', 'Accept-Language');
      // The tally's category keys are the schema's enum; the indicators module types them as strings.
      return service.indicator(request.query.period, request.locale) as z.infer<typeof publicAggregateSchema>;
    },
  );
};
