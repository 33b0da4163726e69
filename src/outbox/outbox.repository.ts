import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outboxEvents } from '../db/schema/index.ts';

export type OutboxRow = typeof outboxEvents.$inferSelect;

/** Drizzle queries for the outbox module's table: outbox_events. */
export class OutboxRepository {
  constructor(readonly db: Db) {}

  insert(row: OutboxRow): void {
    this.db.insert(outboxEvents).values(row).run();
  }

  /** The coalesced event still open under this key, if any. */
  open(coalesceKey: string): OutboxRow | null {
    return (
      this.db
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.coalesceKey, coalesceKey), eq(outboxEvents.state, 'open')))
        .get() ?? null
    );
  }

  setPending(id: string, pending: string): void {
    this.db.update(outboxEvents).set({ pending }).where(eq(outboxEvents.id, id)).run();
  }

  /** Open events whose window has closed by `now`. */
  dueOpen(now: number, limit: number): OutboxRow[] {
    return this.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.state, 'open'), lte(outboxEvents.readyAt, now)))
      .orderBy(asc(outboxEvents.readyAt))
      .limit(limit)
      .all();
  }

  seal(id: string, payload: string): void {
    this.db
      .update(outboxEvents)
      .set({ state: 'ready', payload, pending: null })
      .where(and(eq(outboxEvents.id, id), eq(outboxEvents.state, 'open')))
      .run();
  }

  ready(limit: number): OutboxRow[] {
    return this.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.state, 'ready'))
      .orderBy(asc(outboxEvents.readyAt), asc(outboxEvents.createdAt))
      .limit(limit)
      .all();
  }

  /** Marks an event handed to its consumers; false when another pass did it first. */
  markDispatched(id: string): boolean {
    return (
      this.db
        .update(outboxEvents)
        .set({ state: 'dispatched' })
        .where(and(eq(outboxEvents.id, id), eq(outboxEvents.state, 'ready')))
        .run().changes === 1
    );
  }

  payload(id: string): string | null {
    return (
      this.db
        .select({ payload: outboxEvents.payload })
        .from(outboxEvents)
        .where(eq(outboxEvents.id, id))
        .get()?.payload ?? null
    );
  }
}
