import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outboxEvents } from '../db/schema/index.ts';

export type OutboxRow = typeof outboxEvents.$inferSelect;

/** Drizzle queries for the outbox module's table: outbox_events. */
export class OutboxRepository {
  /** Prepared once: every answer write looks up and extends its assessment's open coalesced event. */
  private readonly openByKey;
  private readonly pendingOf;
  private readonly insertRow;

  constructor(readonly db: Db) {
    this.openByKey = db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.coalesceKey, sql.placeholder('key')), eq(outboxEvents.state, 'open')))
      .prepare();
    this.pendingOf = db
      .update(outboxEvents)
      .set({ pending: sql`${sql.placeholder('pending')}` })
      .where(eq(outboxEvents.id, sql.placeholder('id')))
      .prepare();
    this.insertRow = db
      .insert(outboxEvents)
      .values({
        id: sql.placeholder('id'),
        type: sql.placeholder('type'),
        state: sql.placeholder('state'),
        payload: sql.placeholder('payload'),
        pending: sql.placeholder('pending'),
        coalesceKey: sql.placeholder('coalesceKey'),
        readyAt: sql.placeholder('readyAt'),
        createdAt: sql.placeholder('createdAt'),
      })
      .prepare();
  }

  insert(row: OutboxRow): void {
    this.insertRow.run(row);
  }

  /** The coalesced event still open under this key, if any. */
  open(coalesceKey: string): OutboxRow | null {
    return this.openByKey.get({ key: coalesceKey }) ?? null;
  }

  setPending(id: string, pending: string): void {
    this.pendingOf.run({ id, pending });
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
