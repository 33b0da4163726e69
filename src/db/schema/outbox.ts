import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The tables of the outbox (src/outbox), webhooks (src/webhooks) and notifications
 * (src/notifications) modules. Times the dispatcher compares are epoch milliseconds (integers),
 * so a fake clock in tests and SQLite agree without parsing dates.
 */

export const OUTBOX_STATES = ['open', 'ready', 'dispatched'] as const;

/**
 * Events written in the same transaction as the change that caused them. `open`: a coalesced
 * event whose window has not closed (its `pending` JSON still grows); `ready`: its payload is
 * fixed; `dispatched`: handed to the consumers (webhook deliveries, mail), in one transaction.
 */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    state: text({ enum: OUTBOX_STATES }).notNull(),
    /** The exact body every delivery sends: `{ type, timestamp, data }`; null while open. */
    payload: text(),
    /** While open: `{ data, questions }` merged by each write in the window. */
    pending: text(),
    coalesceKey: text(),
    readyAt: integer().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index('outbox_events_state_idx').on(t.state, t.readyAt),
    index('outbox_events_coalesce_idx').on(t.coalesceKey, t.state),
  ],
);

export const webhookSubscriptions = sqliteTable('webhook_subscriptions', {
  id: text().primaryKey(),
  url: text().notNull(),
  description: text(),
  /** JSON array of event types; null: every type. */
  events: text(),
  enabled: integer({ mode: 'boolean' }).notNull(),
  disabledReason: text(),
  secret: text().notNull(),
  previousSecret: text(),
  previousSecretExpiresAt: integer(),
  createdBy: text().notNull(),
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
});

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text().primaryKey(),
    subscriptionId: text().notNull(),
    eventId: text().notNull(),
    eventType: text().notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer(),
    lastStatusCode: integer(),
    lastDurationMs: integer(),
    lastError: text(),
    /** The delivery this one was made from by a manual redelivery. */
    redeliveryOf: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);

export const mailMessages = sqliteTable(
  'mail_messages',
  {
    id: text().primaryKey(),
    eventId: text().notNull(),
    kind: text().notNull(),
    recipient: text().notNull(),
    language: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer(),
    lastError: text(),
    createdAt: integer().notNull(),
  },
  (t) => [index('mail_messages_due_idx').on(t.status, t.nextAttemptAt)],
);
