import { and, desc, eq, lt, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema/index.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Drizzle queries for the webhooks module's tables: webhook_subscriptions and webhook_deliveries. */
export class WebhookRepository {
  constructor(private readonly db: Db) {}

  insertSubscription(row: SubscriptionRow): void {
    this.db.insert(webhookSubscriptions).values(row).run();
  }

  subscription(id: string): SubscriptionRow | null {
    return this.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).get() ?? null;
  }

  subscriptions(): SubscriptionRow[] {
    return this.db.select().from(webhookSubscriptions).orderBy(webhookSubscriptions.createdAt).all();
  }

  enabledSubscriptions(): SubscriptionRow[] {
    return this.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.enabled, true)).all();
  }

  updateSubscription(id: string, set: Partial<SubscriptionRow>): void {
    this.db.update(webhookSubscriptions).set(set).where(eq(webhookSubscriptions.id, id)).run();
  }

  deleteSubscription(id: string): void {
    this.db.delete(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, id)).run();
    this.db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).run();
  }

  insertDelivery(row: DeliveryRow): void {
    this.db.insert(webhookDeliveries).values(row).run();
  }

  delivery(subscriptionId: string, id: string): DeliveryRow | null {
    return (
      this.db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.subscriptionId, subscriptionId)))
        .get() ?? null
    );
  }

  /** A subscription's deliveries, newest first, before the `before` delivery id (a cursor). */
  deliveries(subscriptionId: string, limit: number, before?: string): DeliveryRow[] {
    return this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.subscriptionId, subscriptionId),
          before ? lt(webhookDeliveries.id, before) : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit)
      .all();
  }

  /** Pending deliveries due by `now` of enabled subscriptions, oldest first. */
  due(now: number, limit: number): { delivery: DeliveryRow; subscription: SubscriptionRow }[] {
    return this.db
      .select({ delivery: webhookDeliveries, subscription: webhookSubscriptions })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(
        and(
          eq(webhookDeliveries.status, 'pending'),
          lte(webhookDeliveries.nextAttemptAt, now),
          eq(webhookSubscriptions.enabled, true),
        ),
      )
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(limit)
      .all();
  }

  updateDelivery(id: string, set: Partial<DeliveryRow>): void {
    this.db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, id)).run();
  }
}
