import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { Clock, EventData, OutboxEvent } from './outbox.events.ts';
import { payloadOf, systemClock } from './outbox.events.ts';
import { OutboxRepository } from './outbox.repository.ts';

/**
 * The outbox module owns outbox_events: every event a change causes is written there in the
 * change's own transaction (no event without its change, no change without its event), and the
 * dispatcher (outbox.dispatcher.ts) hands it to webhooks and mail after commit. Other modules
 * enqueue with one call, `enqueueEvent(db, event)`, from inside their write transaction.
 */

/** A Standard Webhooks message id: stable across every attempt and redelivery of the event. */
export const messageId = () => `msg_${Date.now().toString(36)}${randomBytes(12).toString('base64url')}`;

export interface OutboxOptions {
  clock?: Clock;
  /** How long answer changes to one assessment are gathered into one event. */
  coalesceMs?: number;
}

interface Pending {
  data: EventData;
  questions: string[];
  at: number;
}

export class OutboxService {
  readonly repository: OutboxRepository;
  readonly clock: Clock;
  private readonly coalesceMs: number;
  /** Called after the commit of a transaction that enqueued: the dispatcher's wake-up. */
  onCommitted: (() => void) | null = null;

  constructor(
    db: Db,
    private readonly writes: Pick<GroupCommit, 'afterCommit'>,
    options: OutboxOptions = {},
  ) {
    this.repository = new OutboxRepository(db);
    this.clock = options.clock ?? systemClock;
    this.coalesceMs = options.coalesceMs ?? 10_000;
  }

  /** Writes the event into the open transaction (call it from inside one). */
  enqueue(event: OutboxEvent): void {
    const now = this.clock.now();
    const at = event.at ?? now;
    // A coalesced event is due only when its window closes, which the dispatcher's poll finds:
    // waking it after every answer write would cost a pass per write for nothing.
    if (event.coalesce) {
      this.coalesce(event, event.coalesce, now);
      return;
    }
    this.repository.insert({
      id: messageId(),
      type: event.type,
      state: 'ready',
      payload: payloadOf(event.type, at, event.data),
      pending: null,
      coalesceKey: null,
      readyAt: now,
      createdAt: now,
    });
    this.writes.afterCommit(() => this.onCommitted?.());
  }

  private coalesce(event: OutboxEvent, coalesce: NonNullable<OutboxEvent['coalesce']>, now: number): void {
    const key = `${event.type}:${coalesce.key}`;
    const open = this.repository.open(key);
    if (open?.pending) {
      const pending = JSON.parse(open.pending) as Pending;
      const questions = [...new Set([...pending.questions, ...coalesce.questions])];
      // The latest write's data (its revision) with every question of the window.
      const next: Pending = { data: event.data, questions, at: pending.at };
      this.repository.setPending(open.id, JSON.stringify(next));
      return;
    }
    const pending: Pending = { data: event.data, questions: [...new Set(coalesce.questions)], at: now };
    this.repository.insert({
      id: messageId(),
      type: event.type,
      state: 'open',
      payload: null,
      pending: JSON.stringify(pending),
      coalesceKey: key,
      readyAt: now + this.coalesceMs,
      createdAt: now,
    });
  }

  /** The payload of a coalesced event whose window closed at `closedAt`: fixed from here on. */
  static sealedPayload(type: string, pendingJson: string, closedAt: number): string {
    const pending = JSON.parse(pendingJson) as Pending;
    return payloadOf(type, closedAt, { ...pending.data, questions: [...pending.questions].sort() });
  }
}

const registry = new WeakMap<Db, OutboxService>();

export function registerOutbox(db: Db, outbox: OutboxService): void {
  registry.set(db, outbox);
}

/**
 * Enqueues an event inside the caller's write transaction on `db`. The one call any module
 * makes: `enqueueEvent(db, { type: 'document.added', data: { assessmentId, country, period, … } })`.
 */
export function enqueueEvent(db: Db, event: OutboxEvent): void {
  const outbox = registry.get(db);
  if (!outbox) throw new Error('No outbox is registered for this database');
  outbox.enqueue(event);
}
