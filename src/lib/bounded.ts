/**
 * Bounded schema pieces (issue #31, OWASP API4:2023): every string the API takes or promises has a
 * length and a shape, every array a maximum, every integer a range. Each bound here is one that a
 * write already enforces, so a stored value can never exceed it: a response schema is checked on
 * the way out (fastify-type-provider-zod), and a bound the data could break would turn a read
 * into a 500.
 */
import { z } from 'zod';

/** Limits the writes enforce, named once so a response promises exactly what a request accepted. */
export const LIMITS = {
  /** A token's `sub` (src/auth/claims.ts) is who answered, created, validated. */
  subject: 200,
  /** Comments and return reasons. */
  comment: 4000,
  /** An answer's option value. */
  optionValue: 40,
  /** A question key, e.g. `P1.1.1`. */
  questionKey: 20,
  frameworkKey: 40,
  frameworkVersion: 20,
  /** Opaque page cursors: base64url of a uuid or of a number. */
  cursor: 200,
  /** An ISO 8601 instant as `Date#toISOString` writes it (27 characters for years past 9999). */
  timestamp: 30,
  /** The largest signed 32-bit integer: revisions, counts and page sizes stay far below it. */
  int32: 2 ** 31 - 1,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CURSOR = /^[A-Za-z0-9_-]+$/;

/** A string of at most `max` characters that matches `pattern`. */
export const boundedString = (max: number, pattern: RegExp, error?: string) =>
  z.string().max(max).regex(pattern, error);

/** A uuid the service generated (assessment ids). */
export const uuidString = (error = 'must be a UUID') => z.string().max(36).regex(UUID, error);

/** An instant written by the service (`createdAt`, `answeredAt`...). */
export const timestampString = () => z.string().max(LIMITS.timestamp).meta({ format: 'date-time' });

/** An opaque cursor handed out by the service and sent back by the client. */
export const cursorString = () =>
  z.string().max(LIMITS.cursor).regex(CURSOR, 'must be a cursor from a previous page');

/** A count or a revision: zero or more, a 32-bit integer. */
export const countInt = () => z.number().int().min(0).max(LIMITS.int32);

/** An array of at most `max` items. */
export const boundedArray = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);
