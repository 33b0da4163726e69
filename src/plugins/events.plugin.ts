import fp from 'fastify-plugin';
import type { Transporter } from 'nodemailer';
import { type Config, publicBaseUrl } from '../config.ts';
import { notificationModule } from '../notifications/notification.module.ts';
import { outboxEventsFor } from '../outbox/history-events.ts';
import { type OutboxConsumer, OutboxDispatcher } from '../outbox/outbox.dispatcher.ts';
import { type Clock, systemClock } from '../outbox/outbox.events.ts';
import { OutboxService, registerOutbox } from '../outbox/outbox.service.ts';
import { webhookModule } from '../webhooks/webhook.module.ts';
import type { WebhookService } from '../webhooks/webhook.service.ts';
import type { Resolver } from '../webhooks/webhook.ssrf.ts';
import type { Connector } from '../webhooks/webhook.transport.ts';

/** What tests replace: the clock, DNS, the connection and the SMTP transport; and whether the loop runs. */
export interface EventsOptions {
  clock?: Clock;
  resolver?: Resolver;
  connector?: Connector;
  mailTransport?: Pick<Transporter, 'sendMail'>;
  /** Start the delivery loop with the app (default true); tests with a fake clock call `tick()`. */
  autoStart?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    events: { outbox: OutboxService; dispatcher: OutboxDispatcher; webhooks: WebhookService };
  }
}

/**
 * The outbox and what it feeds (webhooks, e-mail): the assessments' history is turned into
 * events inside each write's transaction, and the delivery loop runs while the app does.
 */
export default fp<{ config: Config; events?: EventsOptions }>(
  async (app, { config, events = {} }) => {
    const clock = events.clock ?? systemClock;
    const outbox = new OutboxService(app.db, app.writes, { clock, coalesceMs: config.EVENTS_COALESCE_MS });
    registerOutbox(app.db, outbox);
    const { assessments, people, ministries, countries, assignments } = app.services;
    assessments.onHistory((rows, row) => {
      for (const event of outboxEventsFor(rows, row)) outbox.enqueue(event);
    });
    const consumers: OutboxConsumer[] = [];
    const dispatcher = new OutboxDispatcher({
      outbox,
      writes: app.writes,
      clock,
      consumers,
      log: app.log,
      pollMs: config.OUTBOX_POLL_MS,
    });
    const webhooks = webhookModule({
      db: app.db,
      writes: app.writes,
      clock,
      resolver: events.resolver,
      connector: events.connector,
      allowPrivate: config.WEBHOOKS_ALLOW_PRIVATE_TARGETS,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      payload: (id) => outbox.repository.payload(id),
      wake: () => dispatcher.wake(),
    });
    consumers.push(webhooks.deliveries);
    const mail = notificationModule({
      db: app.db,
      writes: app.writes,
      clock,
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      transport: events.mailTransport,
      sources: {
        people: (filter) => people.recipients(filter),
        ministry: (country, id) => ministries.mailTarget(country, id),
        leadOf: (assessmentId, question) => assignments.leadOf(assessmentId, question),
      },
      context: {
        baseUrl: publicBaseUrl(config),
        countryName: (iso3, locale) => countries.nameIn(iso3, locale),
        ministryName: (country, id) => ministries.mailTarget(country, id)?.name ?? id,
      },
    });
    if (mail) consumers.push(mail);
    app.decorate('events', { outbox, dispatcher, webhooks: webhooks.service });
    if (events.autoStart ?? true) app.addHook('onReady', async () => dispatcher.start());
    app.addHook('preClose', async () => dispatcher.stop());
  },
  { name: 'events', dependencies: ['db', 'services'] },
);
