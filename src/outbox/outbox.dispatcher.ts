import type { FastifyBaseLogger } from 'fastify';
import type { GroupCommit } from '../db/group-commit.ts';
import type { Clock, DispatchedEvent, EventData, OutboxEventType } from './outbox.events.ts';
import { OutboxService } from './outbox.service.ts';

/** Something the outbox hands events to: webhook deliveries, mail. */
export interface OutboxConsumer {
  name: string;
  /** Records what the event needs (delivery rows) inside the dispatch transaction. */
  accept(event: DispatchedEvent): void;
  /** Sends what is due at `now`; resolves, with how many were sent, when those sends are recorded. */
  deliverDue(now: number): Promise<number>;
}

const BATCH = 100;

/**
 * The delivery loop of the running service: seals coalesced events whose window closed, hands
 * ready events to the consumers (marking them dispatched in the same transaction, so a crash
 * leaves each event either still ready or with all its delivery rows), then lets each consumer
 * send what is due. Started and stopped with the app; tests drive `tick()` with a fake clock.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly deps: {
      outbox: OutboxService;
      writes: GroupCommit;
      clock: Clock;
      consumers: OutboxConsumer[];
      log: FastifyBaseLogger;
      pollMs: number;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.deps.outbox.onCommitted = () => this.wake();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.deps.outbox.onCommitted = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs a pass soon: an event was just committed. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick().finally(() => this.schedule(this.again ? 0 : this.deps.pollMs));
    }, delay);
    this.timer.unref();
  }

  /** One pass; a pass asked for while one runs joins it and is repeated once after it. */
  tick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.again = false;
    this.running = this.pass()
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'outbox pass failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    const { outbox, clock, consumers } = this.deps;
    const now = clock.now();
    // A pass with nothing to do opens no write transaction: an empty one every poll would still
    // take the writer's turn and hold back what caches fill after commit.
    if (outbox.repository.dueOpen(now, 1).length) await this.seal(now);
    let handed = BATCH;
    while (handed === BATCH && outbox.repository.ready(1).length) {
      handed = await this.handOver();
    }
    for (const consumer of consumers) {
      try {
        // A full batch may have left more due: the loop runs again at once rather than at the next poll.
        if ((await consumer.deliverDue(clock.now())) > 0) this.again = true;
      } catch (error) {
        this.deps.log.error({ err: error, consumer: consumer.name }, 'outbox consumer failed');
      }
    }
  }

  /** Seals the coalesced events whose window closed by `now`. */
  private seal(now: number): Promise<void> {
    const { outbox, writes } = this.deps;
    return writes.run(() => {
      for (const row of outbox.repository.dueOpen(now, BATCH)) {
        outbox.repository.seal(
          row.id,
          OutboxService.sealedPayload(row.type, row.pending ?? '{}', row.readyAt),
        );
      }
    });
  }

  /** Hands up to BATCH ready events to the consumers, marking them dispatched; returns how many. */
  private handOver(): Promise<number> {
    const { outbox, writes, consumers } = this.deps;
    return writes.run(() => {
      const ready = outbox.repository.ready(BATCH);
      for (const row of ready) {
        if (!outbox.repository.markDispatched(row.id) || !row.payload) continue;
        const body = JSON.parse(row.payload) as { data: EventData };
        const event: DispatchedEvent = {
          id: row.id,
          type: row.type as OutboxEventType,
          payload: row.payload,
          data: body.data,
        };
        for (const consumer of consumers) consumer.accept(event);
      }
      return ready.length;
    });
  }
}
