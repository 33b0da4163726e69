import { performance } from 'node:perf_hooks';
import type { GroupCommit } from '../db/group-commit.ts';
import { AppError } from '../lib/errors.ts';
import { uuidv7 } from '../lib/ids.ts';
import type { OutboxConsumer } from '../outbox/outbox.dispatcher.ts';
import type { Clock, DispatchedEvent } from '../outbox/outbox.events.ts';
import type { DeliveryRow, SubscriptionRow, WebhookRepository } from './webhook.repository.ts';
import { signedHeaders } from './webhook.signing.ts';
import { checkTarget, type Resolver } from './webhook.ssrf.ts';
import type { Connector } from './webhook.transport.ts';

/**
 * When each attempt is made, after the event (the Standard Webhooks schedule): at once, then
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the attempt before. Eight attempts in all.
 */
export const RETRY_SCHEDULE_MS = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

export interface DeliveryDeps {
  repository: WebhookRepository;
  writes: GroupCommit;
  clock: Clock;
  resolver: Resolver;
  connector: Connector;
  allowPrivate: boolean;
  timeoutMs: number;
  /** The stored body of an event (fixed when it happened). */
  payload: (eventId: string) => string | null;
  concurrency: number;
}

export const subscribedTo = (subscription: SubscriptionRow, type: string): boolean =>
  subscription.events === null || (JSON.parse(subscription.events) as string[]).includes(type);

/**
 * The webhooks' side of the outbox: a delivery row per subscription and event, written in the
 * dispatch transaction; each attempt recorded after it ends. A crash between sending and
 * recording repeats that attempt (at least once: receivers dedupe on `webhook-id`).
 */
export class WebhookDeliveries implements OutboxConsumer {
  readonly name = 'webhooks';
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: DeliveryDeps) {}

  accept(event: DispatchedEvent): void {
    const now = this.deps.clock.now();
    for (const subscription of this.deps.repository.enabledSubscriptions()) {
      if (!subscribedTo(subscription, event.type)) continue;
      this.deps.repository.insertDelivery(newDelivery(subscription.id, event.id, event.type, now));
    }
  }

  async deliverDue(now: number): Promise<number> {
    const due = this.deps.repository
      .due(now, this.deps.concurrency + this.inFlight.size)
      .filter((d) => !this.inFlight.has(d.delivery.id))
      .slice(0, this.deps.concurrency);
    await Promise.all(due.map((d) => this.attempt(d.delivery, d.subscription)));
    return due.length;
  }

  private async attempt(delivery: DeliveryRow, subscription: SubscriptionRow): Promise<void> {
    this.inFlight.add(delivery.id);
    try {
      const outcome = await this.send(delivery, subscription);
      await this.deps.writes.run(() => this.record(delivery, subscription, outcome));
    } finally {
      this.inFlight.delete(delivery.id);
    }
  }

  private async send(delivery: DeliveryRow, subscription: SubscriptionRow) {
    const { clock, resolver, connector, allowPrivate, timeoutMs } = this.deps;
    const body = this.deps.payload(delivery.eventId);
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    if (body === null) return { status: null, error: 'event_missing', durationMs: 0 };
    try {
      const { url, addresses } = await checkTarget(subscription.url, resolver, allowPrivate);
      const [target] = addresses as [{ address: string; family: number }];
      const now = clock.now();
      const secrets = [subscription.secret];
      if (subscription.previousSecret && (subscription.previousSecretExpiresAt ?? 0) > now) {
        secrets.push(subscription.previousSecret);
      }
      const headers = signedHeaders(secrets, delivery.eventId, now, body);
      const response = await connector({ url, ...target, headers, body, timeoutMs });
      return { status: response.status, error: null, durationMs: took() };
    } catch (error) {
      const reason =
        error instanceof AppError
          ? `refused: ${(error.extra.errors as { message: string }[] | undefined)?.[0]?.message ?? 'target'}`
          : (error as Error).message || 'connection_failed';
      return { status: null, error: reason.replace(/[\r\n]+/g, ' ').slice(0, 200), durationMs: took() };
    }
  }

  private record(
    delivery: DeliveryRow,
    subscription: SubscriptionRow,
    outcome: { status: number | null; error: string | null; durationMs: number },
  ): void {
    const now = this.deps.clock.now();
    const attempts = delivery.attempts + 1;
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const gone = outcome.status === 410;
    const retry = !ok && !gone && attempts < RETRY_SCHEDULE_MS.length;
    const status = ok ? 'succeeded' : retry ? 'pending' : 'failed';
    this.deps.repository.updateDelivery(delivery.id, {
      attempts,
      status,
      nextAttemptAt: retry ? now + (RETRY_SCHEDULE_MS[attempts] ?? 0) : null,
      lastStatusCode: outcome.status,
      lastDurationMs: outcome.durationMs,
      lastError: outcome.error ?? (ok ? null : `http_${outcome.status}`),
      updatedAt: now,
    });
    if (gone) {
      // 410 Gone: the receiver says the endpoint is no more (the specification's rule).
      this.deps.repository.updateSubscription(subscription.id, {
        enabled: false,
        disabledReason: 'gone',
        updatedAt: now,
      });
    }
  }
}

export function newDelivery(
  subscriptionId: string,
  eventId: string,
  eventType: string,
  now: number,
  redeliveryOf: string | null = null,
): DeliveryRow {
  return {
    id: uuidv7(now),
    subscriptionId,
    eventId,
    eventType,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastStatusCode: null,
    lastDurationMs: null,
    lastError: null,
    redeliveryOf,
    createdAt: now,
    updatedAt: now,
  };
}
