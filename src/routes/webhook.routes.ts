import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WEBHOOK_ROLES } from '../webhooks/webhook.roles.ts';
import {
  createdWebhookSchema,
  createWebhookSchema,
  deliveryListQuerySchema,
  deliveryListSchema,
  deliveryParamsSchema,
  deliverySchema,
  rotatedSecretSchema,
  rotateSecretSchema,
  updateWebhookSchema,
  webhookIdParamsSchema,
  webhookListSchema,
  webhookSchema,
} from '../webhooks/webhook.schemas.ts';
import { authenticatedRoute } from './authenticated-route.ts';

const tags = ['webhooks'];
const { roles } = WEBHOOK_ROLES.manageWebhooks;

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.events.webhooks;

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/webhooks',
    operationId: 'listWebhooks',
    roles,
    problems: [403],
    schema: { tags, summary: 'The webhook subscriptions (admin)', response: { 200: webhookListSchema } },
    handler: async () => service.list(),
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/webhooks',
    operationId: 'createWebhook',
    roles,
    problems: [403, 413, 415],
    schema: {
      tags,
      summary: 'Subscribe a URL to events, signed per Standard Webhooks; the secret is in this answer only',
      description:
        'Deliveries are POSTs of `{ type, timestamp, data }` with `webhook-id`, `webhook-timestamp` and ' +
        '`webhook-signature` (`v1,` base64 HMAC-SHA256 of `id.timestamp.body` with the `whsec_` secret). ' +
        'At least once: a receiver dedupes on `webhook-id`. A URL that is or resolves to a loopback, private, ' +
        'link-local or metadata address is refused (400).',
      body: createWebhookSchema,
      response: { 201: createdWebhookSchema },
    },
    handler: async (request, reply) => {
      const made = await service.create(request.principal, request.body);
      return reply.code(201).header('location', `/v1/webhooks/${made.id}`).send(made);
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/webhooks/:id',
    operationId: 'getWebhook',
    roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'One subscription',
      params: webhookIdParamsSchema,
      response: { 200: webhookSchema },
    },
    handler: async (request) => service.get(request.params.id),
  });

  authenticatedRoute(app, {
    method: 'PATCH',
    url: '/v1/webhooks/:id',
    operationId: 'updateWebhook',
    roles,
    problems: [403, 404, 413, 415],
    schema: {
      tags,
      summary: 'Change a subscription’s URL, events, description, or enable or disable it',
      params: webhookIdParamsSchema,
      body: updateWebhookSchema,
      response: { 200: webhookSchema },
    },
    handler: async (request) => service.update(request.params.id, request.body),
  });

  authenticatedRoute(app, {
    method: 'DELETE',
    url: '/v1/webhooks/:id',
    operationId: 'deleteWebhook',
    roles,
    problems: [403, 404, 413, 415],
    schema: {
      tags,
      summary: 'Remove a subscription and its delivery log; the answer is what was removed',
      params: webhookIdParamsSchema,
      response: { 200: webhookSchema },
    },
    handler: async (request) => service.remove(request.params.id),
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/webhooks/:id/rotate-secret',
    operationId: 'rotateWebhookSecret',
    roles,
    problems: [403, 404, 413, 415],
    schema: {
      tags,
      summary: 'A new signing secret; the old one keeps signing beside it for a stated while',
      params: webhookIdParamsSchema,
      body: rotateSecretSchema,
      response: { 200: rotatedSecretSchema },
    },
    handler: async (request) => service.rotate(request.params.id, request.body.previousSecretValidSeconds),
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'The delivery log: each event sent, its status, attempts, last response code and duration',
      params: webhookIdParamsSchema,
      querystring: deliveryListQuerySchema,
      response: { 200: deliveryListSchema },
    },
    handler: async (request) =>
      service.deliveries(request.params.id, request.query.limit, request.query.before),
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    operationId: 'redeliverWebhook',
    roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'Send a delivery’s event again now (same `webhook-id`, same body), as a new delivery',
      params: deliveryParamsSchema,
      response: { 202: deliverySchema },
    },
    handler: async (request, reply) =>
      reply.code(202).send(await service.redeliver(request.params.id, request.params.deliveryId)),
  });
};
