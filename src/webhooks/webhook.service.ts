import type { Principal } from '../auth/claims.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { AppError, message } from '../lib/errors.ts';
import { uuidv7 } from '../lib/ids.ts';
import type { Clock } from '../outbox/outbox.events.ts';
import { newDelivery } from './webhook.delivery.ts';
import type { DeliveryRow, SubscriptionRow, WebhookRepository } from './webhook.repository.ts';
import type { CreateWebhook, UpdateWebhook } from './webhook.schemas.ts';
import { newSecret } from './webhook.signing.ts';
import { checkTarget, type Resolver } from './webhook.ssrf.ts';

/**
 * The webhooks module owns the subscriptions (admin only), their signing secrets and the
 * delivery log. Deliveries themselves are made by webhook.delivery.ts from the outbox.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const DEFAULT_OVERLAP_SECONDS = 86_400;

export function webhookView(row: SubscriptionRow, now: number) {
  const overlap = row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    url: row.url,
    events: row.events === null ? null : (JSON.parse(row.events) as never[]),
    enabled: row.enabled,
    disabledReason: row.disabledReason as 'gone' | null,
    description: row.description,
    previousSecretExpiresAt: overlap ? iso(row.previousSecretExpiresAt) : null,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}

export function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType as never,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.nextAttemptAt),
    responseStatus: row.lastStatusCode,
    durationMs: row.lastDurationMs,
    error: row.lastError,
    redeliveryOf: row.redeliveryOf,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}

export interface WebhookServiceDeps {
  repository: WebhookRepository;
  writes: GroupCommit;
  clock: Clock;
  resolver: Resolver;
  allowPrivate: boolean;
  /** Asks the dispatcher for a pass (a redelivery is due now). */
  wake: () => void;
}

export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  private find(id: string): SubscriptionRow {
    const row = this.deps.repository.subscription(id);
    if (!row) throw new AppError('not_found', message('problem.webhookNotFound', { id }));
    return row;
  }

  list() {
    const now = this.deps.clock.now();
    return { items: this.deps.repository.subscriptions().map((r) => webhookView(r, now)) };
  }

  get(id: string) {
    return webhookView(this.find(id), this.deps.clock.now());
  }

  async create(principal: Principal, body: CreateWebhook) {
    await checkTarget(body.url, this.deps.resolver, this.deps.allowPrivate);
    const now = this.deps.clock.now();
    const row: SubscriptionRow = {
      id: uuidv7(now),
      url: body.url,
      description: body.description ?? null,
      events: body.events ? JSON.stringify([...new Set(body.events)]) : null,
      enabled: body.enabled ?? true,
      disabledReason: null,
      secret: newSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdBy: principal.sub,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.writes.run(() => this.deps.repository.insertSubscription(row));
    return { ...webhookView(row, now), secret: row.secret };
  }

  async update(id: string, body: UpdateWebhook) {
    if (body.url !== undefined) await checkTarget(body.url, this.deps.resolver, this.deps.allowPrivate);
    const now = this.deps.clock.now();
    const row = await this.deps.writes.run(() => {
      this.find(id);
      const set: Partial<SubscriptionRow> = { updatedAt: now };
      if (body.url !== undefined) set.url = body.url;
      if (body.events !== undefined)
        set.events = body.events ? JSON.stringify([...new Set(body.events)]) : null;
      if (body.description !== undefined) set.description = body.description;
      if (body.enabled !== undefined) {
        set.enabled = body.enabled;
        set.disabledReason = null;
      }
      this.deps.repository.updateSubscription(id, set);
      return this.find(id);
    });
    if (row.enabled) this.deps.wake();
    return webhookView(row, now);
  }

  async remove(id: string) {
    const row = await this.deps.writes.run(() => {
      const found = this.find(id);
      this.deps.repository.deleteSubscription(id);
      return found;
    });
    return webhookView(row, this.deps.clock.now());
  }

  /** A new secret; the one it replaces keeps signing (a second signature) for the stated while. */
  async rotate(id: string, validSeconds: number = DEFAULT_OVERLAP_SECONDS) {
    const now = this.deps.clock.now();
    const secret = newSecret();
    const expiresAt = now + validSeconds * 1000;
    await this.deps.writes.run(() => {
      const row = this.find(id);
      this.deps.repository.updateSubscription(id, {
        secret,
        previousSecret: row.secret,
        previousSecretExpiresAt: expiresAt,
        updatedAt: now,
      });
    });
    return { secret, previousSecretExpiresAt: iso(expiresAt) as string };
  }

  deliveries(id: string, limit: number, before?: string) {
    this.find(id);
    return { items: this.deps.repository.deliveries(id, limit, before).map(deliveryView) };
  }

  /** Sends the same event again (same `webhook-id`) as a new delivery with its own attempts. */
  async redeliver(id: string, deliveryId: string) {
    const now = this.deps.clock.now();
    const made = await this.deps.writes.run(() => {
      this.find(id);
      const original = this.deps.repository.delivery(id, deliveryId);
      if (!original) throw new AppError('not_found', message('problem.deliveryNotFound', { id: deliveryId }));
      const row = newDelivery(id, original.eventId, original.eventType, now, original.id);
      this.deps.repository.insertDelivery(row);
      return row;
    });
    this.deps.wake();
    return deliveryView(made);
  }
}
