import { z } from 'zod';
import { boundedArray, countInt, timestampString, uuidString } from '../lib/bounded.ts';
import { OUTBOX_EVENT_TYPES } from '../outbox/outbox.events.ts';

/** The webhooks API's shapes: subscriptions, their delivery log, a secret rotation. */

const MAX_URL = 2000;
const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export const webhookEventTypeSchema = z.enum(OUTBOX_EVENT_TYPES).meta({ id: 'WebhookEventType' });

const urlSchema = z
  .string()
  .max(MAX_URL)
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
  .meta({
    description:
      'Where deliveries are POSTed. Loopback, private, link-local and metadata addresses are refused unless ' +
      'WEBHOOKS_ALLOW_PRIVATE_TARGETS=true; redirects are not followed.',
    example: 'https://receiver.example.org/migov',
  });
const eventsSchema = boundedArray(webhookEventTypeSchema, OUTBOX_EVENT_TYPES.length)
  .min(1)
  .nullable()
  .meta({ description: 'The event types delivered; null or omitted: every type' });
const descriptionSchema = z
  .string()
  .max(200)
  .regex(/^[^\n\r]*$/, 'must be one line');

export const webhookIdParamsSchema = z.strictObject({ id: uuidString('must be a webhook id') });
export const deliveryParamsSchema = z.strictObject({
  id: uuidString('must be a webhook id'),
  deliveryId: uuidString('must be a delivery id'),
});

export const createWebhookSchema = z
  .strictObject({
    url: urlSchema,
    events: eventsSchema.optional(),
    enabled: z.boolean().optional().meta({ description: 'Default true' }),
    description: descriptionSchema.optional(),
  })
  .meta({
    id: 'CreateWebhook',
    example: { url: 'https://receiver.example.org/migov', events: ['assessment.validated'] },
  });

export const updateWebhookSchema = z
  .strictObject({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    enabled: z.boolean().optional().meta({ description: 'true also re-enables one disabled by a 410' }),
    description: descriptionSchema.nullable().optional(),
  })
  .meta({ id: 'UpdateWebhook', example: { enabled: false } });

export const webhookSchema = z
  .object({
    id: uuidString(),
    url: z
      .string()
      .max(MAX_URL)
      .regex(/^https?:\/\//),
    events: boundedArray(webhookEventTypeSchema, OUTBOX_EVENT_TYPES.length).nullable(),
    enabled: z.boolean(),
    disabledReason: z
      .enum(['gone'])
      .nullable()
      .meta({ description: '`gone`: the receiver answered 410 Gone, which disables the subscription' }),
    description: descriptionSchema.nullable(),
    previousSecretExpiresAt: timestampString()
      .nullable()
      .meta({ description: 'Until when the secret before the last rotation still signs too' }),
    createdAt: timestampString(),
    updatedAt: timestampString(),
  })
  .meta({ id: 'Webhook' });

const secretSchema = z
  .string()
  .max(100)
  .regex(SECRET)
  .meta({ description: 'The signing secret (Standard Webhooks `whsec_`): shown here once, never again' });

export const createdWebhookSchema = webhookSchema
  .extend({ secret: secretSchema })
  .meta({ id: 'CreatedWebhook' });

export const webhookListSchema = z
  .object({ items: boundedArray(webhookSchema, 1000) })
  .meta({ id: 'WebhookList' });

export const rotateSecretSchema = z
  .strictObject({
    previousSecretValidSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .optional()
      .meta({
        description: 'How long the old secret keeps signing beside the new one (default 86400: a day)',
      }),
  })
  .meta({ id: 'RotateWebhookSecret' });

export const rotatedSecretSchema = z
  .object({ secret: secretSchema, previousSecretExpiresAt: timestampString() })
  .meta({ id: 'RotatedWebhookSecret' });

export const deliverySchema = z
  .object({
    id: uuidString(),
    eventId: z
      .string()
      .max(60)
      .regex(/^msg_[A-Za-z0-9_-]+$/)
      .meta({ description: 'The `webhook-id` header' }),
    eventType: webhookEventTypeSchema,
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: countInt().meta({ description: 'Attempts made so far (at most 8)' }),
    nextAttemptAt: timestampString().nullable(),
    responseStatus: z
      .number()
      .int()
      .min(100)
      .max(599)
      .nullable()
      .meta({ description: 'Of the last attempt' }),
    durationMs: countInt().nullable().meta({ description: 'Of the last attempt' }),
    error: z
      .string()
      .max(200)
      .regex(/^[^\n\r]*$/)
      .nullable()
      .meta({ description: 'Why the last attempt failed, when it did' }),
    redeliveryOf: uuidString().nullable(),
    createdAt: timestampString(),
    updatedAt: timestampString(),
  })
  .meta({ id: 'WebhookDelivery' });

export const deliveryListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: uuidString('must be a delivery id')
    .optional()
    .meta({ description: 'The last id of the page before' }),
});

export const deliveryListSchema = z
  .object({ items: boundedArray(deliverySchema, 100) })
  .meta({ id: 'WebhookDeliveryList' });

export type CreateWebhook = z.output<typeof createWebhookSchema>;
export type UpdateWebhook = z.output<typeof updateWebhookSchema>;
