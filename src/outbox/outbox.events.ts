/** The events the outbox carries: what webhooks may subscribe to and what mail is made from. */
export const OUTBOX_EVENT_TYPES = [
  'assessment.created',
  'assessment.answers_changed',
  'assessment.submitted',
  'assessment.returned',
  'assessment.validated',
  'assessment.published',
  'assessment.unpublished',
  'comment.posted',
  'ministry.ready',
  'ministry.assigned',
  'document.added',
] as const;
export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number];

/** What every event's `data` carries; each type adds its own fields. */
export interface EventData {
  assessmentId: string;
  country: string;
  period: string;
  [field: string]: unknown;
}

export interface OutboxEvent {
  type: OutboxEventType;
  data: EventData;
  /** When it happened (epoch ms); the outbox's clock when omitted. */
  at?: number;
  /**
   * Coalesced events (answers changed): writes under the same key within the window make one
   * event, whose `data.questions` is the union of theirs, fixed when the window closes.
   */
  coalesce?: { key: string; questions: readonly string[] };
}

/** An event as its consumers get it: the exact body they send, never re-read later. */
export interface DispatchedEvent {
  id: string;
  type: OutboxEventType;
  /** The body: `{ type, timestamp, data }` as JSON text. */
  payload: string;
  data: EventData;
}

/** The body every consumer sends for an event. */
export function payloadOf(type: string, at: number, data: EventData): string {
  return JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
}

/** The clock the outbox, the dispatcher and the deliveries read: injectable, so tests move time. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
