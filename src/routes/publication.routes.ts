import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emptyBodySchema, idParamsSchema, ifMatchHeaders } from '../assessments/assessment.schemas.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { boundedArray } from '../lib/bounded.ts';
import { etagFor } from '../lib/etag.ts';
import { PUBLICATION_ROLES } from '../publication/publication.roles.ts';
import {
  approveBodySchema,
  publicationStateSchema,
  publicProfileSchema,
  unpublishBodySchema,
} from '../publication/publication.schemas.ts';
import { authenticatedRoute } from './authenticated-route.ts';

const tags = ['publication'];
const transitionProblems = [403, 404, 409, 412, 413, 415, 422, 428];
const params = idParamsSchema;
const headers = ifMatchHeaders(true);
const response = { 200: publicationStateSchema };

const previewQuerySchema = z.strictObject({
  ...langQuery,
  authority: z
    .string()
    .max(300)
    .optional()
    .meta({ description: 'The authority to show (default: the approval’s)' }),
  documents: z
    .string()
    .max(3700)
    .regex(/^[0-9a-f,-]*$/, 'must be document ids separated by commas')
    .optional()
    .meta({ description: 'Comma-separated document ids to show as public (default: the approval’s)' }),
});

/** Approval, publication and withdrawal of a validated assessment's profile (issue 28). */
export const publicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { publication } = app.services;

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/publication',
    operationId: 'getPublication',
    roles: PUBLICATION_ROLES.readPublication.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'The government’s approval and the publication versions of an assessment',
      params,
      response,
    },
    handler: async (request) => publication.state(request.principal, request.params.id),
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/publication/preview',
    operationId: 'previewPublication',
    roles: PUBLICATION_ROLES.previewPublication.roles,
    problems: [403, 404, 409, 422],
    schema: {
      tags,
      summary: 'Exactly what the public would see, before approving',
      description:
        'The public profile as the snapshot would hold it (the same allow-list builds both), in the language asked ' +
        'for; with the approval’s authority and documents, or those named in the query.',
      params,
      querystring: previewQuerySchema,
      response: { 200: publicProfileSchema },
    },
    handler: async (request, reply) => {
      const { authority, documents } = request.query;
      const ids = documents === undefined ? undefined : documents.split(',').filter(Boolean);
      reply.header('content-language', request.locale);
      return publication.preview(request.principal, request.params.id, request.locale, {
        authority,
        documents: ids === undefined ? undefined : boundedArray(z.string(), 100).parse(ids),
      });
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/approve',
    operationId: 'approvePublication',
    roles: PUBLICATION_ROLES.approve.roles,
    problems: transitionProblems,
    schema: {
      tags,
      summary: 'The government approves publication: the approving authority and the public documents',
      description:
        'By the country’s focal point, on a validated assessment. Approving again replaces the approval for the ' +
        'next publication; the published versions keep theirs. In the history as `approved`.',
      params,
      headers,
      body: approveBodySchema,
      response,
    },
    handler: async (request, reply) => {
      const { row, state } = await publication.approve(
        request.principal,
        request.params.id,
        request.body,
        request.headers['if-match'],
      );
      return reply.header('etag', etagFor(row.revision)).send(state);
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/publish',
    operationId: 'publishProfile',
    roles: PUBLICATION_ROLES.publish.roles,
    problems: transitionProblems,
    schema: {
      tags,
      summary: 'Publish the approved profile as a new publication version',
      description:
        'Builds the snapshot once (JSON, chart, PDF and CSV in en, fr and es) from the allow-list of public ' +
        'fields and makes it the current version of the country’s period; a previous current version is kept at ' +
        'its version URL. The assessment stays `validated`. In the history as `published`.',
      params,
      headers,
      body: emptyBodySchema,
      response,
    },
    handler: async (request, reply) => {
      const { row, state } = await publication.publish(
        request.principal,
        request.params.id,
        request.headers['if-match'],
      );
      return reply.header('etag', etagFor(row.revision)).send(state);
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/unpublish',
    operationId: 'unpublishProfile',
    roles: PUBLICATION_ROLES.unpublish.roles,
    problems: transitionProblems,
    schema: {
      tags,
      summary: 'Withdraw the published profile, with a reason; the record is kept',
      description:
        'An admin, or the focal point for the government. The current URL answers 404 at once and every version ' +
        'URL of the country’s period 410. Publishing again makes a new version. In the history as `unpublished`.',
      params,
      headers,
      body: unpublishBodySchema,
      response,
    },
    handler: async (request, reply) => {
      const { row, state } = await publication.unpublish(
        request.principal,
        request.params.id,
        request.body,
        request.headers['if-match'],
      );
      return reply.header('etag', etagFor(row.revision)).send(state);
    },
  });
};
