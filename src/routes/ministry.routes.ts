import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ifMatchHeaders } from '../assessments/assessment.schemas.ts';
import { etagFor } from '../lib/etag.ts';
import type { MinistryRow } from '../ministries/ministry.repository.ts';
import { MINISTRY_ROLES } from '../ministries/ministry.roles.ts';
import {
  countryParamsSchema,
  createMinistrySchema,
  ministryAuditSchema,
  ministryListQuerySchema,
  ministryListSchema,
  ministryParamsSchema,
  ministryRemovalSchema,
  ministrySchema,
  updateMinistrySchema,
} from '../ministries/ministry.schemas.ts';
import { ministryView } from '../ministries/ministry.service.ts';
import { authenticatedRoute } from './authenticated-route.ts';

const tags = ['ministries'];

export const ministryRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.ministries;
  const send = (reply: FastifyReply, row: MinistryRow) =>
    reply.header('etag', etagFor(row.revision)).send(ministryView(row));

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/countries/:iso3/ministries',
    operationId: 'listMinistries',
    roles: MINISTRY_ROLES.readMinistries.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'The ministries of a country, retired ones included unless asked otherwise',
      params: countryParamsSchema,
      querystring: ministryListQuerySchema,
      response: { 200: ministryListSchema },
    },
    handler: async (request) => {
      const { principal, params, query } = request;
      const rows = service.list(principal, params.iso3, query.retired === 'include');
      return { items: rows.map(ministryView) };
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/countries/:iso3/ministries',
    operationId: 'createMinistry',
    roles: MINISTRY_ROLES.manageMinistries.roles,
    problems: [403, 404, 409, 413, 415],
    schema: {
      tags,
      summary: 'Name a ministry of the country (its focal point or an admin)',
      description:
        'The `code` is unique in the country; a contributor token carries it as the `ministry` claim. ' +
        'Recorded in the country’s ministry audit log.',
      params: countryParamsSchema,
      body: createMinistrySchema,
      response: { 201: ministrySchema },
    },
    handler: async (request, reply) => {
      const { principal, params, body } = request;
      const row = await service.create(principal, params.iso3, body);
      return send(
        reply.code(201).header('location', `/v1/countries/${row.country}/ministries/${row.id}`),
        row,
      );
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/countries/:iso3/ministries/:ministryId',
    operationId: 'getMinistry',
    roles: MINISTRY_ROLES.readMinistries.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'One ministry, with its ETag',
      params: ministryParamsSchema,
      response: { 200: ministrySchema },
    },
    handler: async (request, reply) =>
      send(reply, service.get(request.principal, request.params.iso3, request.params.ministryId)),
  });

  authenticatedRoute(app, {
    method: 'PATCH',
    url: '/v1/countries/:iso3/ministries/:ministryId',
    operationId: 'updateMinistry',
    roles: MINISTRY_ROLES.manageMinistries.roles,
    problems: [403, 404, 409, 412, 413, 415],
    schema: {
      tags,
      summary: 'Change a ministry’s code, name, acronym or contacts',
      description: 'Honours `If-Match` when sent. A retired ministry cannot change (409).',
      params: ministryParamsSchema,
      headers: ifMatchHeaders(false),
      body: updateMinistrySchema,
      response: { 200: ministrySchema },
    },
    handler: async (request, reply) => {
      const { principal, params, body, headers } = request;
      return send(
        reply,
        await service.update(principal, params.iso3, params.ministryId, body, headers['if-match']),
      );
    },
  });

  authenticatedRoute(app, {
    method: 'DELETE',
    url: '/v1/countries/:iso3/ministries/:ministryId',
    operationId: 'deleteMinistry',
    roles: MINISTRY_ROLES.manageMinistries.roles,
    problems: [403, 404, 409, 412, 413, 415],
    schema: {
      tags,
      summary: 'Delete a ministry, or retire it when anything on record names it',
      description:
        '`outcome` is `deleted` when nothing named the ministry, `retired` when answers, history, ' +
        'assignments or comments name it (it is then kept, and contributor tokens naming it are refused).',
      params: ministryParamsSchema,
      headers: ifMatchHeaders(false),
      response: { 200: ministryRemovalSchema },
    },
    handler: async (request) => {
      const { principal, params, headers } = request;
      const { row, outcome } = await service.remove(
        principal,
        params.iso3,
        params.ministryId,
        headers['if-match'],
      );
      return { outcome, ministry: ministryView(row) };
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/countries/:iso3/ministry-audit',
    operationId: 'getMinistryAudit',
    roles: MINISTRY_ROLES.manageMinistries.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'Every creation, change, retirement and deletion of the country’s ministries',
      params: countryParamsSchema,
      response: { 200: ministryAuditSchema },
    },
    handler: async (request) => {
      const rows = service.auditLog(request.principal, request.params.iso3);
      return {
        country: request.params.iso3,
        events: rows.map((r) => ({
          ...r,
          before: r.before === null ? null : JSON.parse(r.before),
          after: r.after === null ? null : JSON.parse(r.after),
        })),
      };
    },
  });
};
